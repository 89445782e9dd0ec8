import Foundation
@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// `:sar NAME` on a real file: the matches shown in a dialog, `y` writing the bundle to the
/// default folder and recording the request (one store command), read-only offering no `y`.
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

    func testSarShowsTheMatchesAndYWritesTheBundleAndRecordsTheRequest() throws {
        let dir = TemporaryDirectory("heard-sar-runner")
        let store = try makeStore(in: dir)
        let refs = try SubjectAccessFixture.make(store, today: today)
        let r = runner(store)
        // The bundle goes to the current folder: the test's own, for the length of the test.
        let before = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(before) }

        r.dispatch(.key(.char(":")))
        type(r, "sar zoe o'neill")
        r.dispatch(.key(.enter))
        let dialog = try XCTUnwrap(r.state.dialog, r.state.message?.text ?? "no dialog")
        XCTAssertTrue(dialog.lines.contains { $0.contains(refs.complainant) && $0.contains("complainant") }, "\(dialog.lines)")
        XCTAssertTrue(dialog.lines.contains { $0.contains(refs.child) && $0.contains("subject child") }, "\(dialog.lines)")
        XCTAssertTrue(Render.frame(r.state).rows().joined().contains("subject child"), "on the screen")
        XCTAssertEqual(try store.subjectAccessRequests().count, 0, "nothing recorded before y")

        r.dispatch(.key(.char("y")))
        let folder = dir.file("sar-zoe-oneill-2022-06-15")
        XCTAssertEqual(permissions(of: folder), 0o700)
        XCTAssertEqual(permissions(of: folder + "/bundle.json"), 0o600)
        let requests = try store.subjectAccessRequests()
        XCTAssertEqual(requests.map(\.cases), [[refs.complainant, refs.child]])
        XCTAssertEqual(requests.first?.due, day("2022-07-15"))
        XCTAssertTrue(r.state.message?.text.contains("Bundle written to ./sar-zoe-oneill-2022-06-15") == true, r.state.message?.text ?? "")
        XCTAssertTrue(r.state.message?.text.contains("due 2022-07-15") == true)
    }

    /// No case holds the name: still a request to answer within the month, so `y` records it
    /// and writes a bundle saying we hold no records.
    func testSarForSomeoneWithNoRecordsStillRecordsTheRequest() throws {
        let dir = TemporaryDirectory("heard-sar-runner")
        let store = try makeStore(in: dir)
        try SubjectAccessFixture.make(store, today: today)
        let r = runner(store)
        let before = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(before) }
        r.dispatch(.key(.char(":")))
        type(r, "sar Nobody Atall")
        r.dispatch(.key(.enter))
        let dialog = try XCTUnwrap(r.state.dialog, r.state.message?.text ?? "no dialog")
        XCTAssertTrue(dialog.lines.contains { $0.contains("we hold no records") }, "\(dialog.lines)")
        r.dispatch(.key(.char("y")))
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

    /// 90 cases cannot all show: as many as fit, then where to see them all; `y` names the total.
    func testManyMatchesFitTheScreenAndSayHowManyMore() throws {
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        var s = AppState(size: Size(width: 100, height: 30), today: today, readOnly: false, databaseLabel: "sar", unicode: true, keymap: keymap)
        let lines = (1...90).flatMap { n in ["CS-2022-\(1000 + n)  complainant  Smith", "CS-2022-\(1000 + n)  summary  … spoke to Smith …"] }
        _ = Update.subjectAccessFound(&s, name: "Smith", lines: lines, cases: 90)
        let d = try XCTUnwrap(s.dialog)
        XCTAssertLessThanOrEqual(d.lines.count + 4, 30, "the whole dialog fits: \(d.lines)")
        let shownCases = Set(d.lines.filter { $0.hasPrefix("  CS-") }.map { $0.dropFirst(2).prefix(12) }).count
        XCTAssertGreaterThan(shownCases, 5)
        XCTAssertTrue(d.lines.contains("… and \(90 - shownCases) more (heard sar \"Smith\" lists them all)"), "\(d.lines)")
        XCTAssertTrue(d.lines.contains("Warning: a single word matches many people; give the full name."), "\(d.lines)")
        XCTAssertTrue(d.lines.last?.hasPrefix("y writes the bundle of all 90 cases") == true, "\(d.lines)")
        XCTAssertEqual(d.choices.first?.label, "write the bundle of 90 cases")
        // Keys that move through a list do not close the question unanswered.
        for key in [Key.down, .char("j"), .up, .char("k"), .pageDown] {
            _ = Update.handleKey(&s, key)
            XCTAssertNotNil(s.dialog, "\(key) closed the dialog")
        }
        // On the screen: the question and the "more" line are not clipped.
        let screen = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(screen.contains("lists them all") && screen.contains("write the bundle of 90 cases"), screen)
    }

    func testReadOnlyShowsTheMatchesWithoutAWayToWrite() throws {
        let dir = TemporaryDirectory("heard-sar-runner")
        let store = try makeStore(in: dir)
        try SubjectAccessFixture.make(store, today: today)
        let ro = try Store(path: store.path, options: StoreOptions(readOnly: true))
        let r = runner(ro, readOnly: true)
        r.dispatch(.key(.char(":")))
        type(r, "sar zoe oneill")
        r.dispatch(.key(.enter))
        let dialog = try XCTUnwrap(r.state.dialog)
        XCTAssertTrue(dialog.choices.isEmpty)
        XCTAssertTrue(dialog.lines.contains { $0.contains("Read-only") })
        XCTAssertEqual(try ro.subjectAccessRequests().count, 0)
    }

    func testSarNeedsAName() {
        let cal = WorkingDayCalendar()
        XCTAssertEqual(AppCommand.parse("sar", today: today, calendar: cal), .failure(CommandError("sar needs a person's name, e.g. :sar Zoe O'Neill")))
        XCTAssertEqual(AppCommand.parse("sar  Zoë  O'Neill ", today: today, calendar: cal), .success(.subjectAccess("Zoë O'Neill")))
    }
    /// The screen's list and `heard sar`'s are one list: per case, what tells namesakes apart
    /// (the first line of the address, the child's birth date) before its places; none when
    /// nothing is recorded (a trial found two namesakes alike on the screen).
    func testTheMatchesSayWhatTellsNamesakesApart() {
        var a = sampleComplaint(name: "Zoe Smith")
        a.reference = "CS-2022-0001"
        a.people = CasePeople(complainant: ComplainantDetails(address: "12 High Street\nLeeds"), child: SubjectChildDetails(dateOfBirth: day("2015-03-02")))
        var b = sampleComplaint(name: "Zoe Smith")
        b.reference = "CS-2022-0002"
        let hit = SubjectAccessHit(place: "complainant", context: "Zoe Smith", isRole: true)
        let lines = SubjectAccessExport.matchLines([SubjectAccessCase(contact: a, correspondence: Correspondence(), hits: [hit]),
                                                    SubjectAccessCase(contact: b, correspondence: Correspondence(), hits: [hit])])
        XCTAssertEqual(lines, ["CS-2022-0001  (12 High Street; child born 2015-03-02)", "CS-2022-0001  complainant  Zoe Smith",
                               "CS-2022-0002  complainant  Zoe Smith"])
    }
}

/// The permission bits of the file or folder at `path` (-1 when absent).
private func permissions(of path: String) -> Int {
    var st = stat()
    return lstat(path, &st) == 0 ? Int(st.st_mode & 0o777) : -1
}
