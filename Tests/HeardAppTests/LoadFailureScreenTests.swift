@testable import HeardApp
import HeardCore
import HeardTestSupport
import TerminalUI
import XCTest

/// A screen whose data could not be read (a server's lock, a lost connection) said so on the
/// message line only, and stayed "Loading…" for good once the message went (found by a trial).
final class LoadFailureScreenTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales
    let why = "another session holds a lock on what this reads; try again in a moment"

    private func screen(_ s: AppState) -> String { Render.frame(s).rows().joined(separator: "\n") }

    private func onUnreadCase() -> AppState {
        var s = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        s.stack.append(.detail(CaseDetailState(id: 1)))
        return s
    }

    func testACaseThatCouldNotBeReadSaysWhyAfterTheMessageHasGone() {
        var s = onUnreadCase()
        XCTAssertTrue(screen(s).contains("Loading…"))
        _ = Update.update(&s, .loadFailed(why))
        // The message line's words expire; the screen keeps saying it.
        for _ in 0..<200 { _ = Update.update(&s, .tick) }
        XCTAssertNil(s.message, "the message has expired")
        let text = screen(s)
        XCTAssertFalse(text.contains("Loading…"), text)
        XCTAssertTrue(text.contains("Could not read this: another session holds a lock"), text)
        XCTAssertTrue(text.contains("open it again to try again"), text)
    }

    /// A file read without locks that another program changed: nothing more is read from it,
    /// so "go back and open it again" would be untrue (every later open failed; a trial).
    func testAFileChangedUnderAReadWithoutLocksSaysToReopenHeardNotToGoBack() {
        var s = onUnreadCase()
        _ = Update.update(&s, .loadFailed(Update.changedWhileReadText))
        let text = screen(s)
        XCTAssertTrue(text.contains("Could not read this: another program changed the file"), text)
        XCTAssertTrue(text.contains("open Heard again"), text)
        XCTAssertFalse(text.contains("open it again to try again"), text)
    }

    func testTheProblemGoesWithItsScreenAndWhenTheDataComes() {
        var s = onUnreadCase()
        _ = Update.update(&s, .loadFailed(why))
        // Back to the list and into another case: that one is loading, not failed.
        send(&s, [.escape])
        XCTAssertTrue(s.stack.isEmpty)
        XCTAssertNil(s.loadProblem)
        s.stack.append(.detail(CaseDetailState(id: 2)))
        XCTAssertTrue(screen(s).contains("Loading…"))

        // A failure, then the data after all (a reload): the case is shown.
        _ = Update.update(&s, .loadFailed(why))
        var c = sampleComplaint(received: "2022-03-11", name: "Mrs Patel")
        c.id = 2
        c.reference = "CS-2022-0002"
        _ = Update.update(&s, .caseLoaded(CaseDetailData(contact: c, clock: c.clock(calendar: cal, today: day("2022-03-15")), history: [], learning: [],
                                                         actions: [], calendar: cal, correspondence: Correspondence())))
        XCTAssertNil(s.loadProblem)
        XCTAssertFalse(screen(s).contains("Could not read"))
        XCTAssertTrue(screen(s).contains("CS-2022-0002"))
    }

    func testAFailureUnderAnotherScreenIsNotShownAboveItAndIsThereOnReturn() {
        var s = onUnreadCase()
        _ = Update.update(&s, .loadFailed(why))
        // My work pushed over it: its own "Loading…", not the case's failure.
        s.stack.append(.myWork(MyWorkState()))
        _ = Update.update(&s, .tick)
        XCTAssertTrue(screen(s).contains("Loading…"))
        XCTAssertFalse(screen(s).contains("Could not read"))
        // Back on the case: it still says why, not "Loading…" for good.
        send(&s, [.escape])
        XCTAssertEqual(s.stack.count, 1)
        let text = screen(s)
        XCTAssertTrue(text.contains("Could not read this: another session holds a lock"), text)
        XCTAssertFalse(text.contains("Loading…"), text)
    }

    /// While a case is read, or once it could not be, its title names the reference the list
    /// shows for it ("Heard · case" named none); a plan not read counts nothing ("0 outstanding").
    func testTitlesNameWhatIsKnownAndCountNothingUnread() {
        var s = onUnreadCase()
        _ = Update.update(&s, .loadFailed(why))
        XCTAssertTrue(Render.frame(s).rows()[0].contains("Heard · CS-2022-0001"), Render.frame(s).rows()[0])
        s.stack.append(.actionPlan(ActionPlanState()))
        let title = Render.frame(s).rows()[0]
        XCTAssertTrue(title.contains("Action plan"), title)
        XCTAssertFalse(title.contains("outstanding"), title)
    }

    /// `:goto` on a list that could not be read said "No case", as if the record had none.
    func testGotoOnAListNotReadSaysWhyNotNoCase() {
        var s = makeState(rows: sampleRows(0), size: Size(width: 80, height: 24))
        s.list.loaded = false
        _ = Update.update(&s, .loadFailed(why))
        send(&s, [.char(":")] + "goto CS-2022-0001".map { Key.char($0) } + [.enter])
        XCTAssertTrue(s.message?.text.contains("could not be read") ?? false, s.message?.text ?? "")
        XCTAssertTrue(s.stack.isEmpty)
        // Still loading: it says so, and to try again.
        var t = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        t.list.stillLoading = true
        send(&t, [.char(":")] + "goto CS-2099-0001".map { Key.char($0) } + [.enter])
        XCTAssertTrue(t.message?.text.contains("still loading") ?? false, t.message?.text ?? "")
        // Read whole: a reference not in it is no case.
        t.list.stillLoading = false
        send(&t, [.char(":")] + "goto CS-2099-0001".map { Key.char($0) } + [.enter])
        XCTAssertEqual(t.message?.text, "No case CS-2099-0001.")
    }

    func testTheCaseListThatCouldNotBeReadSaysSoAtBothSizes() {
        for size in [Size(width: 80, height: 24), Size(width: 50, height: 12)] {
            var s = makeState(rows: sampleRows(0), size: size)
            s.list.loaded = false
            XCTAssertTrue(screen(s).contains("Loading cases…"), screen(s))
            _ = Update.update(&s, .loadFailed(why))
            let text = screen(s)
            XCTAssertTrue(text.contains("Could not read this:"), text)
            XCTAssertTrue(text.contains("Quit and open Heard again"), text)
        }
    }
}

/// The bulk change's dialog of refusals at 80x24: an escalation's reasons take two rows each, and
/// the dialog was cut at its foot, its "… and N more" and its close button with it (a trial).
final class BulkRefusalDialogFitTests: XCTestCase {
    func testEveryRefusalShownIsWholeAndTheTotalAndCloseAreOnScreen() {
        for size in [Size(width: 80, height: 24), Size(width: 200, height: 60), Size(width: 50, height: 12)] {
            var s = makeState(rows: sampleRows(3), size: size)
            let refused = (1...40).map { n in
                String(format: "CS-2099-%04d: ", n) + "a next stage cannot be requested: the stage 1 response is not recorded yet, so the case has not reached stage 2's request"
            }
            _ = Update.update(&s, .bulkDone(said: "Escalated 2 cases.", refused: refused))
            let rows = Render.frame(s).rows()
            let text = rows.joined(separator: "\n")
            XCTAssertTrue(text.contains("Not changed: 40 cases"), text)
            XCTAssertTrue(text.contains("[esc] close"), "\(size): \(text)")
            let named = rows.filter { $0.contains("CS-2099-") }.count
            // All of them when they fit (200x60), else as many as fit and how many more.
            let more = rows.first(where: { $0.contains("… and ") && $0.contains(" more") })
            let left = more.map { Int($0.components(separatedBy: "… and ")[1].components(separatedBy: " more")[0]) ?? -1 } ?? 0
            XCTAssertEqual(more == nil, size.height == 60, "\(size)\n\(text)")
            XCTAssertEqual(named + left, 40, "\(size): each refusal named once or counted\n\(text)")
            // Each one named is whole: its last words are on screen; or, where one alone is
            // longer than the dialog (50x12), the rest of it is said to follow.
            if text.contains("the rest of this one)") {
                XCTAssertEqual(size.height, 12, text)
            } else {
                XCTAssertEqual(rows.filter { $0.contains("2's request") }.count, named, "\(size)\n\(text)")
            }
        }
    }
}

/// The refusals were fitted once, to the screen as it was: a resize cut them (or left half the
/// screen empty), and none past the first screenful could be read (found by an attack).
final class BulkRefusalDialogScrollTests: XCTestCase {
    private let refused = (1...40).map { n in String(format: "CS-2099-%04d: ", n) + "closed already." }

    private func named(_ s: AppState) -> [String] {
        Render.frame(s).rows().compactMap { row in row.range(of: "CS-2099-").map { String(row[$0.lowerBound...].prefix(12)) } }
    }

    func testTheListIsRefittedToTheScreenAfterAResize() {
        var s = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        _ = Update.update(&s, .bulkDone(said: "Closed 2 cases.", refused: refused))
        let small = named(s)
        XCTAssertGreaterThan(small.count, 5)
        XCTAssertLessThan(small.count, 40)
        _ = Update.update(&s, .resize(Size(width: 200, height: 60)))
        XCTAssertEqual(named(s).count, 40, "all of them once they fit")
        _ = Update.update(&s, .resize(Size(width: 80, height: 24)))
        XCTAssertEqual(named(s), small)
        XCTAssertTrue(Render.frame(s).rows().joined().contains("[esc] close"))
    }

    func testTheKeysOfAListMoveThroughItAndAnyOtherCloses() {
        var s = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        _ = Update.update(&s, .bulkDone(said: "Closed 2 cases.", refused: refused))
        XCTAssertEqual(named(s).first, "CS-2099-0001")
        send(&s, [.char("j"), .down])
        XCTAssertEqual(named(s).first, "CS-2099-0003")
        XCTAssertTrue(Render.frame(s).rows().joined(separator: "\n").contains("… 2 above"))
        // To the end: the last one is there, nothing said to be below it.
        send(&s, [.char("G")])
        let text = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertEqual(named(s).last, "CS-2099-0040")
        XCTAssertFalse(text.contains("more (j"), text)
        send(&s, [.char("k"), .pageUp, .pageUp, .pageUp, .char("g")])
        XCTAssertEqual(named(s).first, "CS-2099-0001")
        XCTAssertNotNil(s.dialog)
        // Every refusal can be read: each is named on some screenful.
        var seen = Set<String>()
        for _ in 0..<40 { seen.formUnion(named(s)); send(&s, [.pageDown]) }
        XCTAssertEqual(seen.count, 40)
        send(&s, [.escape])
        XCTAssertNil(s.dialog)
    }

    /// A page is the refusals on screen: PgDn moved by rows, and refusals that wrap to two or
    /// three rows were skipped, never shown (a trial).
    func testAPageDownShowsTheNextRefusalAfterTheLastOneShown() {
        let long = (1...40).map { n in
            String(format: "CS-2099-%04d: ", n) + "close is not possible on this case now: the moves possible now are escalate, ombudsman-refer, remedy, learning"
        }
        var s = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        _ = Update.update(&s, .bulkDone(said: "Closed 2 cases.", refused: long))
        for _ in 0..<5 {
            guard let last = named(s).last, let n = Int(last.suffix(4)) else { return XCTFail("none shown") }
            send(&s, [.pageDown])
            // The next one first, or on the last screenful (PgDn stops there), among those shown.
            let next = String(format: "CS-2099-%04d", min(40, n + 1))
            if named(s).last == "CS-2099-0040" { XCTAssertTrue(named(s).contains(next)) } else { XCTAssertEqual(named(s).first, next) }
        }
    }

    /// At 50x12 one refusal can be longer than the dialog: its end was cut with "…", unreadable
    /// however the list was moved (an attack). Its rows move with j and k as the items do.
    func testARefusalLongerThanTheScreenIsReadRowByRow() {
        let words = (1...40).map { "word\($0)" }.joined(separator: " ")
        let refused = ["CS-2099-0001: " + words, "CS-2099-0002: short"]
        var s = makeState(rows: sampleRows(3), size: Size(width: 50, height: 12))
        _ = Update.update(&s, .bulkDone(said: "Closed 2 cases.", refused: refused))
        var seen = Set<String>()
        for _ in 0..<40 {
            let text = Render.frame(s).rows().joined(separator: " ")
            // Whichever row of it is shown, the case it is about is named.
            if text.contains("word") { XCTAssertTrue(text.contains("CS-2099-0001"), text) }
            for w in text.split(separator: " ") where w.hasPrefix("word") { seen.insert(String(w.prefix { $0 != "│" && $0 != "|" })) }
            if text.contains("CS-2099-0002") { break }
            send(&s, [.char("j")])
        }
        XCTAssertEqual(seen.count, 40, "every word of the long refusal was on screen: \(seen.sorted())")
        XCTAssertTrue(Render.frame(s).rows().joined().contains("CS-2099-0002"), "and then the next one")
        // Back up through it, to its start.
        for _ in 0..<40 { send(&s, [.char("k")]) }
        XCTAssertTrue(Render.frame(s).rows().joined().contains("CS-2099-0001"))
        XCTAssertNotNil(s.dialog)
    }

    /// The box kept one width as it scrolled: it was as wide as the widest refusal shown, so
    /// its edges jumped under the reader's eye (an attack).
    func testTheDialogKeepsOneWidthAsItScrolls() {
        let mixed = (1...40).map { n in
            String(format: "CS-2099-%04d: ", n) + (n == 30 ? "escalate is not possible on this case now: it is closed" : "closed.")
        }
        var s = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        _ = Update.update(&s, .bulkDone(said: "Closed 2 cases.", refused: mixed))
        func box() -> Rect? {
            let rows = Render.frame(s).rows()
            guard let top = rows.firstIndex(where: { $0.contains("Bulk change") }) else { return nil }
            let row = Array(rows[top])
            guard let left = row.firstIndex(where: { $0 == "┌" || $0 == "+" }), let right = row.lastIndex(where: { $0 == "┐" || $0 == "+" }) else { return nil }
            return Rect(x: left, y: top, width: right - left + 1, height: 1)
        }
        let first = box()
        XCTAssertNotNil(first)
        XCTAssertFalse(named(s).contains("CS-2099-0030"), "the wide one is not on the first screenful")
        for _ in 0..<10 where !named(s).contains("CS-2099-0030") { send(&s, [.pageDown]) }
        XCTAssertTrue(named(s).contains("CS-2099-0030"))
        XCTAssertEqual(box()?.x, first?.x)
        XCTAssertEqual(box()?.width, first?.width)
        // And one height: its top stays where it was, at the end too (it shrank to fit the last few).
        XCTAssertEqual(box()?.y, first?.y)
        send(&s, [.char("G")])
        XCTAssertEqual(box()?.y, first?.y)
        send(&s, [.char("k"), .pageUp])
        XCTAssertEqual(box()?.y, first?.y)
        XCTAssertGreaterThan(first?.width ?? 0, displayWidth("  CS-2099-0030: escalate is not possible on this case now: it is closed"))
    }

    /// G shows the last screenful, and PgUp the screenful before the first shown: after G only
    /// the last refusal showed, and PgUp went back by as many as were shown (1, 2, 4…; a trial).
    func testEndAndPageUpShowWholeScreenfuls() {
        var s = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        _ = Update.update(&s, .bulkDone(said: "Closed 2 cases.", refused: refused))
        let page = named(s).count
        send(&s, [.char("G")])
        XCTAssertEqual(named(s).last, "CS-2099-0040")
        XCTAssertGreaterThanOrEqual(named(s).count, page - 1, "a screenful, not the last one alone")
        var seen = Set(named(s))
        for _ in 0..<40 {
            guard let first = named(s).first, first != "CS-2099-0001" else { break }
            send(&s, [.pageUp])
            let shown = named(s)
            let before = String(format: "CS-2099-%04d", (Int(first.suffix(4)) ?? 0) - 1)
            // It ends just above the one that was first; at the top, the first screenful.
            if shown.first == "CS-2099-0001" { XCTAssertTrue(shown.contains(before)) } else { XCTAssertEqual(shown.last, before) }
            XCTAssertGreaterThan(shown.count, 1)
            seen.formUnion(shown)
        }
        XCTAssertEqual(seen.count, 40)
    }

    /// A reference of 3,000 characters (another tool's) in a refusal longer than the screen: its
    /// "continued" heading wrapped over the whole screen, the box covered the title and the key
    /// line, and j could not get past it (an attack).
    func testAHugeReferenceKeepsToOneHeadingRowAndJGetsPastIt() {
        let huge = String(repeating: "W", count: 3_000)
        let list = ["CS-2099-0001: closed.", huge + ": " + (1...60).map { "word\($0)" }.joined(separator: " "), "CS-2099-0003: closed."]
        var s = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        _ = Update.update(&s, .bulkDone(said: "Closed 2 cases.", refused: list))
        var reached = false
        for _ in 0..<200 {
            send(&s, [.char("j")])
            let rows = Render.frame(s).rows()
            XCTAssertTrue(rows[0].contains("Heard"), rows[0])
            XCTAssertFalse(rows[23].contains("─"), rows[23])
            if rows.joined().contains("CS-2099-0003") { reached = true; break }
        }
        XCTAssertTrue(reached, "j reached the refusal after the long one")
    }

    /// At the end j and PgDn stop: past the last screenful the box showed fewer and fewer, and
    /// j at the end of a long last refusal went back to its start (an attack).
    func testJAndPageDownStopAtTheEnd() {
        var s = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        _ = Update.update(&s, .bulkDone(said: "Closed 2 cases.", refused: refused))
        send(&s, [.char("G")])
        let end = named(s)
        send(&s, [.char("j"), .down, .pageDown, .char(" ")])
        XCTAssertEqual(named(s), end)
        // Resized smaller and back: still a whole last screenful.
        _ = Update.update(&s, .resize(Size(width: 50, height: 12)))
        _ = Update.update(&s, .resize(Size(width: 80, height: 24)))
        XCTAssertEqual(named(s), end)

        let words = (1...40).map { "word\($0)" }.joined(separator: " ")
        var t = makeState(rows: sampleRows(3), size: Size(width: 50, height: 12))
        _ = Update.update(&t, .bulkDone(said: "Closed 2 cases.", refused: ["CS-2099-0001: short", "CS-2099-0002: " + words + " the end."]))
        send(&t, [.char("G")])
        XCTAssertTrue(Render.frame(t).rows().joined().contains("the end."), "G shows the end of the last one")
        for _ in 0..<5 {
            send(&t, [.char("j")])
            XCTAssertTrue(Render.frame(t).rows().joined().contains("the end."))
        }
    }

    /// PgDn through a refusal longer than the screen shows all of it, screenful by screenful
    /// (it went from its start to the next refusal: its end, what to do, was never seen; an
    /// attack), and PgUp goes back the same way.
    func testPageDownReadsALongRefusalWhole() {
        let words = (1...40).map { "word\($0)" }.joined(separator: " ")
        var s = makeState(rows: sampleRows(3), size: Size(width: 50, height: 12))
        _ = Update.update(&s, .bulkDone(said: "Closed 2 cases.", refused: ["CS-2099-0001: " + words, "CS-2099-0002: short"]))
        var seen = Set<String>()
        func look() {
            let text = Render.frame(s).rows().joined(separator: " ")
            for w in text.split(separator: " ") where w.hasPrefix("word") { seen.insert(String(w.prefix { $0 != "│" && $0 != "|" })) }
        }
        look()
        for _ in 0..<20 where !Render.frame(s).rows().joined().contains("CS-2099-0002") {
            send(&s, [.pageDown])
            look()
        }
        XCTAssertEqual(seen.count, 40, "every word by PgDn alone: \(seen.sorted())")
        for _ in 0..<20 { send(&s, [.pageUp]) }
        XCTAssertTrue(Render.frame(s).rows().joined().contains("word1 "), "back to its start")
    }

    /// "j/k more" only when there is more than the box shows.
    func testMoreIsOfferedOnlyWhenThereIsMore() {
        var s = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        _ = Update.update(&s, .bulkDone(said: "Closed 2 cases.", refused: Array(refused.prefix(3))))
        XCTAssertFalse(Render.frame(s).rows()[23].contains("more"), Render.frame(s).rows()[23])
        _ = Update.update(&s, .bulkDone(said: "Closed 2 cases.", refused: refused))
        XCTAssertTrue(Render.frame(s).rows()[23].contains("j/k more"), Render.frame(s).rows()[23])
    }

    /// The dialog says "u undoes them": u closed it and undid nothing (an attack).
    func testUndoInTheListClosesItAndUndoes() {
        var s = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        _ = Update.update(&s, .bulkDone(said: "Closed 2 cases; u undoes them in one step.", refused: refused, undoable: true))
        let effects = send(&s, [.char("u")])
        XCTAssertNil(s.dialog)
        XCTAssertEqual(effects, [.undo])
        // Where nothing changed, u undid an earlier, unrelated step (a trial): it only closes.
        _ = Update.update(&s, .bulkDone(said: "Nothing changed.", refused: refused, undoable: false))
        XCTAssertEqual(send(&s, [.char("u")]), [])
        XCTAssertNil(s.dialog)
        // Any other key still only closes it.
        _ = Update.update(&s, .bulkDone(said: "Closed 2 cases.", refused: refused))
        XCTAssertEqual(send(&s, [.char("x")]), [])
        XCTAssertNil(s.dialog)
    }
}

/// A message wider than its line: its end (what to do next) was cut at 80 columns.
final class LongMessageTests: XCTestCase {
    func testALongMessageTakesTheRowsAboveTheMessageLine() {
        var s = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        let said = "CS-2026-0001 was changed by Josephine Reed-Harrington since; nothing was undone (undo goes no further back)."
        s.say(said, error: true)
        let rows = Render.frame(s).rows()
        XCTAssertEqual(rows.count, 24)
        let shown = rows[20...22].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        XCTAssertEqual(shown, said, rows.joined(separator: "\n"))
        XCTAssertTrue(rows[0].contains("Heard") || !rows[0].isEmpty, "the title stays")
        // A short one keeps to its line, the list rows above it untouched.
        var t = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        let before = Render.frame(t).rows()
        t.say("Saved.")
        let after = Render.frame(t).rows()
        XCTAssertEqual(Array(before[0..<22]), Array(after[0..<22]))
        XCTAssertTrue(after[22].contains("Saved."))
    }

    /// It covers rows of the screen (perhaps the selected one): the next key takes it away and
    /// still acts; a message that fits its line stays as before.
    func testTheNextKeyTakesALongMessageAwayAndStillActs() {
        var s = makeState(rows: sampleRows(5), size: Size(width: 80, height: 24))
        s.say(String(repeating: "A refusal that says what to do at its end. ", count: 3), error: true)
        let first = s.list.selectedRow?.reference
        send(&s, [.char("j")])
        XCTAssertNil(s.message)
        XCTAssertNotEqual(s.list.selectedRow?.reference, first)
        s.say("Saved.")
        send(&s, [.char("k")])
        XCTAssertEqual(s.message?.text, "Saved.")
    }

    /// The `:` line's problem wraps as a message does: "not a year … or a range (…)" lost the
    /// form it asks for at 80 columns (a trial).
    func testTheCommandLinesProblemWrapsAboveIt() {
        var s = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        let problem = "'2099-2100 and then some extra words' is not a year (2021-22, 2021) or a range (2020-04-01..2022-03-31)."
        s.overlay = .command(TextInputState(text: "report 2099-2100 and then some extra words"), problem: problem)
        let rows = Render.frame(s).rows()
        let shown = rows[19...21].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        XCTAssertEqual(shown, problem, rows.joined(separator: "\n"))
        XCTAssertTrue(rows[22].hasPrefix(":"), rows[22])
    }

    /// Under a dialog a long message keeps to its line: the box covered its first rows and left
    /// the end of it showing under the box (a trial).
    func testUnderADialogAMessageKeepsToItsLine() {
        var s = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        s.say("The end of this message would be left under the box, " + String(repeating: "and so on ", count: 8) + "until its last words.", error: true)
        s.dialog = DialogState(title: "Question", lines: ["A short one."])
        let rows = Render.frame(s).rows()
        XCTAssertTrue(rows[22].hasPrefix("The end of this message"), rows[22])
        XCTAssertFalse(rows.joined().contains("last words."), "cut, not its end alone")
    }

    func testAMessageLongerThanThreeRowsEndsInAnEllipsis() {
        let m = Message(String(repeating: "word ", count: 100) + "the end says what to do.", now: 0)
        let rows = m.rows(width: 40, most: 3, glyphs: .fancy)
        XCTAssertEqual(rows.count, 3)
        // The middle goes, not the end (a long file name cut off the reason after it: an attack).
        XCTAssertTrue(rows[2].hasPrefix("…"), rows[2])
        XCTAssertTrue(rows[2].hasSuffix("the end says what to do."), rows[2])
        XCTAssertTrue(rows[0].hasPrefix("word word"), rows[0])
        XCTAssertTrue(rows.allSatisfy { displayWidth($0) <= 40 })
        let path = Message("Cannot write /" + String(repeating: "長", count: 300) + "/x.csv: no such folder.", now: 0)
        let shown = path.rows(width: 50, most: 3, glyphs: .fancy)
        XCTAssertEqual(shown.count, 3)
        XCTAssertTrue(shown[2].hasSuffix("/x.csv: no such folder."), shown[2])
        XCTAssertTrue(shown.allSatisfy { displayWidth($0) <= 50 }, "\(shown.map(displayWidth))")
        XCTAssertEqual(m.rows(width: 40, most: 1, glyphs: .ascii).first.map(displayWidth), 40)
        XCTAssertEqual(m.rows(width: 40, most: 1, glyphs: .ascii).first?.hasSuffix(ellipsis(unicode: false)), true)
    }
}
