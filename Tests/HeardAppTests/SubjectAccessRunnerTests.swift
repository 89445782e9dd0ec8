import Foundation
import GRDB
@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// `:sar NAME` on a real file: the cases found on a screen of their own, each chosen until space
/// leaves it out, `y` writing the bundle of the chosen to the default folder and recording the
/// request (one store command), read-only offering no `y`.
final class SubjectAccessRunnerTests: XCTestCase {
    let today = day("2022-06-15")

    func runner(_ store: Store, readOnly: Bool = false) -> AppRunner {
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: readOnly)
        let backend = TestBackend(size: Size(width: 100, height: 30))
        let r = AppRunner(state: AppState(size: backend.size, today: today, readOnly: readOnly, databaseLabel: "sar", unicode: true, keymap: keymap),
                          store: store, backend: backend)
        r.firstFrame()
        r.loadEverything()
        return r
    }

    func type(_ r: AppRunner, _ text: String) { for ch in text { r.dispatch(.key(.char(ch))) } }

    /// The subject access screen on top, when `:sar` put it there.
    func screen(_ r: AppRunner, file: StaticString = #filePath, line: UInt = #line) throws -> SubjectAccessState {
        guard case .subjectAccess(let a)? = r.state.stack.last else {
            XCTFail("no subject access screen: \(r.state.message?.text ?? "")", file: file, line: line)
            throw XCTSkip("no screen")
        }
        return a
    }

    /// Runs the test in `dir` (the bundle goes to the current folder), then goes back.
    func inFolder<T>(_ dir: TemporaryDirectory, _ body: () throws -> T) rethrows -> T {
        let before = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(before) }
        return try body()
    }

    /// The fixture's cases on a real file, a runner over it, and the test's folder as the current
    /// one (the bundle goes there) for the length of `body`.
    func withFixture(_ body: (Store, (complainant: String, child: String, other: String), AppRunner, TemporaryDirectory) throws -> Void) throws {
        let dir = TemporaryDirectory("heard-sar-runner")
        let store = try makeStore(in: dir)
        let refs = try SubjectAccessFixture.make(store, today: today)
        let r = runner(store)
        try inFolder(dir) { try body(store, refs, r, dir) }
    }

    func sar(_ r: AppRunner, _ name: String) {
        r.dispatch(.key(.char(":")))
        type(r, "sar " + name)
        r.dispatch(.key(.enter))
    }

    func testSarShowsTheMatchesAndYWritesTheBundleAndRecordsTheRequest() throws {
        try withFixture { store, refs, r, dir in
            sar(r, "zoe o'neill")
            let a = try screen(r)
            XCTAssertEqual(a.matches.map(\.reference), [refs.complainant, refs.child])
            XCTAssertEqual(a.chosen, [true, true], "every case starts chosen")
            XCTAssertNil(r.state.message, "the search's \"Looking for…\" is over")
            XCTAssertTrue(a.matches[0].places.contains { $0.hasPrefix("complainant") }, "\(a.matches)")
            XCTAssertTrue(a.matches[1].places.contains { $0.hasPrefix("subject child") }, "\(a.matches)")
            let text = Render.frame(r.state).rows().joined(separator: "\n")
            XCTAssertTrue(text.contains("[x] \(refs.child)") && text.contains("subject child"), text)
            XCTAssertTrue(text.contains("y writes the bundle of 2 chosen cases to ./sar-zoe-oneill-2022-06-15"), text)
            XCTAssertEqual(try store.subjectAccessRequests().count, 0, "nothing recorded before y")

            r.dispatch(.key(.char("y")))
            let folder = dir.file("sar-zoe-oneill-2022-06-15")
            XCTAssertEqual(permissions(of: folder), 0o700)
            XCTAssertEqual(permissions(of: folder + "/bundle.json"), 0o600)
            let requests = try store.subjectAccessRequests()
            XCTAssertEqual(requests.map(\.cases), [[refs.complainant, refs.child]])
            XCTAssertEqual(requests.first?.due, day("2022-07-15"))
            XCTAssertEqual(r.state.message?.text, "Bundle in ./sar-zoe-oneill-2022-06-15 (2 cases); request #\(requests.first?.id ?? 0) recorded, due 2022-07-15.")
            XCTAssertTrue(r.state.stack.isEmpty, "the screen has done its work")
            XCTAssertEqual(a.open, [], "no request was open before")

            // The same request redone the same day (a case left out by mistake) goes beside the
            // first: the screen cannot name a folder (a trial). It says the first is still open.
            sar(r, "zoe oneill")
            let again = try screen(r)
            XCTAssertEqual(again.open.map(\.id), requests.map(\.id), "the request made above, spelt another way")
            let shown = Render.frame(r.state).rows().joined(separator: "\n")
            XCTAssertTrue(shown.contains("A request for this name is already open: #\(requests.first?.id ?? 0), recorded 2022-06-15, due 2022-07-15."), shown)
            XCTAssertTrue(shown.contains("y records") && shown.contains("another beside it"), shown)
            r.dispatch(.key(.char("y")))
            XCTAssertEqual(try store.subjectAccessRequests().count, 2)
            XCTAssertEqual(permissions(of: dir.file("sar-zoe-oneill-2022-06-15-2") + "/bundle.json"), 0o600)
            XCTAssertTrue(r.state.message?.text.hasPrefix("Bundle in ./sar-zoe-oneill-2022-06-15-2 (2 cases); request #") == true, r.state.message?.text ?? "")
        }
    }

    /// At 80 columns the notice of requests already open is read whole, its last words too (an
    /// attack: three requests in full pushed "y records another" off the screen).
    func testTheOpenRequestsNoticeIsWholeAt80Columns() {
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        var s = AppState(size: Size(width: 80, height: 24), today: today, readOnly: false, databaseLabel: "x", unicode: true, keymap: keymap)
        let open = (1...6).map {
            SubjectAccessRequest(id: Int64($0), requested: day("2022-06-01"), who: "T", forWhom: "Zoe Smith", due: day("2022-07-01"), cases: [])
        }
        _ = Update.subjectAccessFound(&s, name: "Zoe Smith", matches: [
            SubjectAccessMatch(contactID: 1, version: 1, reference: "CS-2022-0001", tellApart: "", places: ["complainant  Zoe Smith"]),
        ], open: open)
        let text = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(text.contains("6 requests for this name are already open: #1, #2, #3, #4 and 2 more"), text)
        XCTAssertTrue(text.contains("one answered."), text)
    }

    /// A namesake's case is left out with space, as `heard sar --case` leaves it out: the bundle
    /// and the request hold only the cases chosen, and the message says how many were left out.
    func testSpaceLeavesANamesakesCaseOutOfTheBundle() throws {
        try withFixture { store, refs, r, dir in
            sar(r, "zoe oneill")
            r.dispatch(.key(.char(" ")))
            let a = try screen(r)
            XCTAssertEqual(a.chosen, [false, true])
            XCTAssertEqual(a.selection, 1, "space moves on to the next case")
            let text = Render.frame(r.state).rows().joined(separator: "\n")
            XCTAssertTrue(text.contains("[ ] \(refs.complainant)") && text.contains("1 of 2 cases chosen"), text)
            r.dispatch(.key(.char("y")))
            XCTAssertEqual(try store.subjectAccessRequests().map(\.cases), [[refs.child]])
            let bundle = String(decoding: FileManager.default.contents(atPath: dir.file("sar-zoe-oneill-2022-06-15/bundle.json")) ?? Data(), as: UTF8.self)
            XCTAssertTrue(bundle.contains(refs.child) && !bundle.contains(refs.complainant), bundle)
            XCTAssertTrue(r.state.message?.text.hasPrefix("Bundle in ./sar-zoe-oneill-2022-06-15 (1 case, 1 left out); request #") == true, r.state.message?.text ?? "")
            // The case judged a namesake's is named in the request's audit row (not in the
            // bundle), so that the judgement can be checked later.
            let row = try XCTUnwrap(store.recentAudit(limit: 1).first)
            XCTAssertEqual(row.entity.stored, "subject_access")
            XCTAssertEqual(row.changes.first { $0.field == "left_out" }?.after, refs.complainant)
            XCTAssertEqual(row.changes.first { $0.field == "cases" }?.after, refs.child)
        }
    }

    /// Every case left out: the answer is "we hold no records", which is asked before it is
    /// recorded; `*` chooses every case again.
    func testNoCaseChosenAsksBeforeRecordingNoRecords() throws {
        try withFixture { store, refs, r, dir in
            sar(r, "zoe oneill")
            r.dispatch(.key(.char("*")))
            XCTAssertEqual(try screen(r).chosen, [false, false], "* when all are chosen: none")
            r.dispatch(.key(.char("*")))
            XCTAssertEqual(try screen(r).chosen, [true, true], "* again: all")
            r.dispatch(.key(.char("*")))
            // y twice: the question's answer is not y, so the second one only closes it (an attack).
            r.dispatch(.key(.char("y")))
            XCTAssertEqual(r.state.dialog?.title, "Answer: we hold no records?")
            r.dispatch(.key(.char("y")))
            XCTAssertNil(r.state.dialog)
            XCTAssertEqual(try store.subjectAccessRequests().count, 0, "nothing recorded without the answer")
            r.dispatch(.key(.char("y")))
            let dialog = try XCTUnwrap(r.state.dialog)
            XCTAssertTrue(dialog.lines.first?.contains("Every one of the 2 cases found is left out") == true, "\(dialog.lines)")
            r.dispatch(.key(.char("r")))
            let requests = try store.subjectAccessRequests()
            XCTAssertEqual(requests.map(\.cases), [[]])
            XCTAssertEqual(try store.recentAudit(limit: 1).first?.changes.first { $0.field == "left_out" }?.after,
                           "\(refs.complainant), \(refs.child)", "every case found and left out is named")
            let readme = String(decoding: FileManager.default.contents(atPath: dir.file("sar-zoe-oneill-2022-06-15/README.html")) ?? Data(), as: UTF8.self)
            XCTAssertTrue(readme.contains("We hold no records about"), readme)
        }
    }

    /// What is written is what was chosen from: a case that came to hold the name after the
    /// screen was shown (or stopped holding it) refuses the write, and nothing is recorded.
    func testARecordChangedSinceTheCasesWereShownIsRefused() throws {
        try withFixture { store, refs, r, dir in
            sar(r, "zoe oneill")
            r.dispatch(.key(.char(" ")))   // the complainant's case left out
            let added = try store.add(sampleComplaint(received: "2022-05-01", name: "Zoe O'Neill"), today: today)
            r.dispatch(.key(.char("y")))
            XCTAssertEqual(try store.subjectAccessRequests().count, 0)
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("sar-zoe-oneill-2022-06-15")))
            let said = r.state.message?.text ?? ""
            XCTAssertEqual(said, "run :sar again: the record changed since the list was shown (\(added.reference) now holds the name); nothing written, no request recorded", said)
            XCTAssertEqual(try screen(r).chosen, [false, true], "the choice is kept on the screen")
        }
    }

    /// The choice is of cases, not of references: two cases whose references another tool swaps
    /// after the list was shown still go into the bundle as chosen (an attack swapped them and
    /// the bundle held the case left out), and a chosen case edited since is refused.
    func testTheChoiceFollowsTheCaseNotItsReference() throws {
        try skipOnPostgres("swapped with sqlite3, as the attack did")
        try withFixture { store, refs, r, dir in
            sar(r, "zoe oneill")
            r.dispatch(.key(.char(" ")))   // the complainant's case (refs.complainant) left out
            let q = try DatabaseQueue(path: store.path)
            try q.write { db in
                try db.execute(sql: "UPDATE contacts SET reference = 'SWAP' WHERE reference = ?", arguments: [refs.complainant])
                try db.execute(sql: "UPDATE contacts SET reference = ? WHERE reference = ?", arguments: [refs.complainant, refs.child])
                try db.execute(sql: "UPDATE contacts SET reference = ? WHERE reference = 'SWAP'", arguments: [refs.child])
            }
            try q.close()
            r.dispatch(.key(.char("y")))
            let requests = try store.subjectAccessRequests()
            // The chosen case (the subject child's) now carries the other reference.
            XCTAssertEqual(requests.map(\.cases), [[refs.complainant]], r.state.message?.text ?? "")
            let data = FileManager.default.contents(atPath: dir.file("sar-zoe-oneill-2022-06-15/bundle.json")) ?? Data()
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let records = (json["cases"] as? [[String: Any]] ?? []).compactMap { $0["record"] as? [String: Any] }
            XCTAssertEqual(records.compactMap { $0["subject_child"] as? String }, ["ZOE ONEILL"], "the subject child's case only")
            XCTAssertEqual(records.compactMap { $0["complainant_name"] as? String }, ["Pat Parent"])

            // Edited through Heard after the list was shown: refused, named.
            sar(r, "zoe oneill")
            let id = try XCTUnwrap(try store.allContacts().first { $0.reference == refs.complainant }?.id)
            var c = try store.contact(id: id)
            c.summary += " (updated)"
            try store.update(c, today: today)
            r.dispatch(.key(.char("y")))
            XCTAssertEqual(try store.subjectAccessRequests().count, 1)
            XCTAssertTrue(r.state.message?.text.contains("(\(refs.complainant) was edited)") == true, r.state.message?.text ?? "")
        }
    }

    /// No case holds the name: still a request to answer within the month, so `y` records it
    /// and writes a bundle saying we hold no records.
    func testSarForSomeoneWithNoRecordsStillRecordsTheRequest() throws {
        try withFixture { store, refs, r, dir in
            sar(r, "Nobody Atall")
            XCTAssertEqual(try screen(r).matches, [])
            let text = Render.frame(r.state).rows().joined(separator: "\n")
            XCTAssertTrue(text.contains("we hold no records"), text)
            // A name typed wrong finds nothing too: asked before it is answered so (a trial).
            r.dispatch(.key(.char("y")))
            XCTAssertTrue(r.state.dialog?.lines.first?.contains("Check the spelling") == true, "\(r.state.dialog?.lines ?? [])")
            r.dispatch(.key(.char("r")))
            let requests = try store.subjectAccessRequests()
            XCTAssertEqual(requests.map(\.forWhom), ["Nobody Atall"])
            XCTAssertEqual(requests.first?.cases, [])
            XCTAssertEqual(requests.first?.due, day("2022-07-15"))
            let readme = String(decoding: FileManager.default.contents(atPath: dir.file("sar-nobody-atall-2022-06-15/README.html")) ?? Data(), as: UTF8.self)
            XCTAssertTrue(readme.contains("We hold no records about Nobody Atall"), readme)
            // And my work shows it at once, in its own section.
            let work = MyWork.compute(officer: store.actor, cases: [], actions: [], rules: .default, calendar: WorkingDayCalendar(), today: today, within: 1)
                .withRequests(requests, calendar: WorkingDayCalendar())
            var m = MyWorkState(); m.work = work
            XCTAssertEqual(m.rows.first, .heading(.requests, count: 1))
        }
    }

    /// "My work" lists the request; `d`, `y` marks it answered on the file, `u` opens it again.
    func testARequestIsMarkedAnsweredOnMyWorkAndUndone() throws {
        try withFixture { store, _, r, _ in
            let request = try store.recordSubjectAccess(forWhom: "Pat Parent", cases: [], requested: today)
            let id = try XCTUnwrap(request.id)
            r.state.officer = store.actor
            r.dispatch(.key(.char("M")))
            guard case .myWork(let m)? = r.state.stack.last else { return XCTFail("no my work") }
            XCTAssertEqual(m.rows.first, .heading(.requests, count: 1))
            r.dispatch(.key(.char("d")))
            r.dispatch(.key(.char("y")))
            XCTAssertEqual(r.state.message?.text, "Subject access request #\(id) for Pat Parent marked answered today. u undoes.")
            XCTAssertEqual(try store.subjectAccessRequests().first?.completed, today)
            guard case .myWork(let after)? = r.state.stack.last else { return XCTFail("no my work") }
            XCTAssertTrue(after.rows.isEmpty, "read again: nothing left (\(after.rows))")
            r.dispatch(.key(.char("u")))
            XCTAssertNil(try store.subjectAccessRequests().first?.completed)
            guard case .myWork(let undone)? = r.state.stack.last else { return XCTFail("no my work") }
            XCTAssertEqual(undone.rows.first, .heading(.requests, count: 1), "back on my work at once")
        }
    }

    /// 90 cases: the list scrolls to every one of them (the dialog it replaced showed as many as
    /// fit and named `heard sar` for the rest), the selected case always in view.
    func testManyMatchesScrollAndEveryCaseCanBeReached() throws {
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        var s = AppState(size: Size(width: 100, height: 30), today: today, readOnly: false, databaseLabel: "sar", unicode: true, keymap: keymap)
        let matches = (1...90).map { n in
            SubjectAccessMatch(contactID: Int64(n), version: 1, reference: "CS-2022-\(1000 + n)", tellApart: n == 90 ? "90 Last Road" : "", places: ["complainant  Smith", "summary  … spoke to Smith …"])
        }
        _ = Update.subjectAccessFound(&s, name: "Smith", matches: matches)
        var text = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(text.contains("Warning: a single word matches many people; give the full name."), text)
        XCTAssertTrue(text.contains("y writes the bundle of 90 chosen cases"), text)
        XCTAssertTrue(text.contains("90 of 90 cases chosen"), text)
        XCTAssertFalse(text.contains("CS-2022-1090"), "the last case is below the screen at first")
        _ = Update.handleKey(&s, .char("G"))
        text = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(text.contains("[x] CS-2022-1090  (90 Last Road)") && text.contains("spoke to Smith"), text)
        for _ in 0..<89 { _ = Update.handleKey(&s, .up) }
        text = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(text.contains("[x] CS-2022-1001"), text)
        _ = Update.handleKey(&s, .pageDown)
        guard case .subjectAccess(let a)? = s.stack.last else { return XCTFail("no screen") }
        XCTAssertGreaterThan(a.selection, 1)
        text = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(text.contains("CS-2022-\(1001 + a.selection)"), text)
    }

    func testReadOnlyShowsTheMatchesWithoutAWayToWrite() throws {
        let dir = TemporaryDirectory("heard-sar-runner")
        let store = try makeStore(in: dir)
        try SubjectAccessFixture.make(store, today: today)
        let ro = try Store(path: store.path, options: StoreOptions(readOnly: true))
        let r = runner(ro, readOnly: true)
        sar(r, "zoe oneill")
        let a = try screen(r)
        XCTAssertEqual(a.matches.count, 2)
        let text = Render.frame(r.state).rows().joined(separator: "\n")
        XCTAssertTrue(text.contains("Read-only"), text)
        XCTAssertFalse(text.contains("write the bundle"), "no y in the hints: \(text)")
        r.dispatch(.key(.char("y")))
        XCTAssertEqual(try ro.subjectAccessRequests().count, 0)
    }

    func testSarNeedsAName() {
        let cal = WorkingDayCalendar()
        XCTAssertEqual(AppCommand.parse("sar", today: today, calendar: cal), .failure(CommandError("sar needs a person's name, e.g. :sar Zoe O'Neill")))
        XCTAssertEqual(AppCommand.parse("sar  Zoë  O'Neill ", today: today, calendar: cal), .success(.subjectAccess("Zoë O'Neill")))
        // Quotes around the name (as command lines have them) are not part of it (a trial).
        XCTAssertEqual(AppCommand.parse("sar \"Jacob Okafor\"", today: today, calendar: cal), .success(.subjectAccess("Jacob Okafor")))
        XCTAssertEqual(AppCommand.parse("sar \u{201C}Jacob Okafor\u{201D}", today: today, calendar: cal), .success(.subjectAccess("Jacob Okafor")))
        XCTAssertEqual(AppCommand.parse("sar 'O'Neill'", today: today, calendar: cal), .success(.subjectAccess("O'Neill")))
        XCTAssertEqual(AppCommand.parse("sar \"\"", today: today, calendar: cal), .failure(CommandError("sar needs a person's name, e.g. :sar Zoe O'Neill")))
    }
    /// The screen's list and `heard sar`'s are one list: per case, what tells namesakes apart
    /// (the complainant's role, the first line of the address, the child's birth date) before its
    /// places; none when nothing is recorded (a trial found two namesakes alike on the screen).
    func testTheMatchesSayWhatTellsNamesakesApart() {
        var a = sampleComplaint(name: "Zoe Smith")
        a.reference = "CS-2022-0001"
        a.people = CasePeople(complainant: ComplainantDetails(address: "12 High Street\nLeeds"), child: SubjectChildDetails(dateOfBirth: day("2015-03-02")))
        var b = sampleComplaint(name: "Zoe Smith")
        b.reference = "CS-2022-0002"
        let hit = SubjectAccessHit(place: "complainant", context: "Zoe Smith", isRole: true)
        let lines = SubjectAccessExport.matchLines([SubjectAccessCase(contact: a, correspondence: Correspondence(), hits: [hit]),
                                                    SubjectAccessCase(contact: b, correspondence: Correspondence(), hits: [hit])])
        XCTAssertEqual(lines, ["CS-2022-0001  (parent; 12 High Street; child born 2015-03-02)", "CS-2022-0001  complainant  Zoe Smith",
                               "CS-2022-0002  (parent)", "CS-2022-0002  complainant  Zoe Smith"])
        // The screen's matches give the same lines, and `heard sar`'s text is them indented:
        // control characters another tool stored in a reference or a place are dropped in all three.
        var c = sampleComplaint(name: "Zoe Smith")
        c.reference = "CS-2022-\u{1B}[31m0003"
        let hostile = SubjectAccessHit(place: "letter 2022-06-14 (ack\u{07}nowledgement)", context: "Dear Zoe Smith,\u{9B}", isRole: false)
        let found = [SubjectAccessCase(contact: a, correspondence: Correspondence(), hits: [hit]),
                     SubjectAccessCase(contact: c, correspondence: Correspondence(), hits: [hit, hostile])]
        let all = SubjectAccessExport.matchLines(found)
        XCTAssertEqual(all.suffix(2), ["CS-2022-[31m0003  complainant  Zoe Smith", "CS-2022-[31m0003  letter 2022-06-14 (acknowledgement)  Dear Zoe Smith,"])
        XCTAssertEqual(SubjectAccessExport.matches(found).flatMap(\.lines), all)
        XCTAssertEqual(SubjectAccessExport.matchText(found, indent: "  "), all.map { "  " + $0 }.joined(separator: "\n"))
        XCTAssertEqual(SubjectAccessExport.matchText([], indent: "  "), "")
    }
}

/// The permission bits of the file or folder at `path` (-1 when absent).
private func permissions(of path: String) -> Int {
    var st = stat()
    return lstat(path, &st) == 0 ? Int(st.st_mode & 0o777) : -1
}
