import Foundation
import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// A clock the test moves: the runner asks it on every tick.
final class MovableClock: @unchecked Sendable {
    // Safe: every read and write of `day` holds the lock.
    private let lock = NSLock()
    private var day: LocalDate
    init(_ day: LocalDate) { self.day = day }
    func set(_ d: LocalDate) { lock.lock(); day = d; lock.unlock() }
    func now() -> LocalDate { lock.lock(); defer { lock.unlock() }; return day }
}

/// Left open overnight, the screens follow the date: clocks, overdue flags and "due soon".
final class MidnightTests: XCTestCase {
    func testCrossingMidnightRecomputesTheListTheOpenCaseAndTheActionPlan() throws {
        let dir = TemporaryDirectory("heard-midnight")
        let store = try makeStore(in: dir)
        // Received 2022-01-04: stage 1 (10 working days) is due 2022-01-18.
        let c = try store.add(sampleComplaint(received: "2022-01-04"), today: day("2022-01-04"))
        XCTAssertNotNil(c.id)
        _ = try store.addAction(ActionItem(title: "Review the letter", owner: "Team Manager", created: day("2022-01-04"), due: day("2022-01-18")))
        let clock = MovableClock(day("2022-01-18"))
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 120, height: 30))
        let runner = AppRunner(state: AppState(size: backend.size, today: clock.now(), readOnly: false, databaseLabel: "midnight", unicode: true, keymap: keymap),
                               store: store, backend: backend, today: { clock.now() })
        runner.firstFrame()
        runner.loadEverything()
        XCTAssertEqual(runner.state.list.selectedRow?.overdue, false, "due today is not overdue")
        XCTAssertEqual(runner.state.list.selectedRow?.daysLeft, 0)
        runner.dispatch(.key(.enter))
        guard case .detail(let before)? = runner.state.stack.last else { return XCTFail("the case is open") }
        XCTAssertEqual(before.data?.clock.isOverdue, false)
        runner.dispatch(.key(.char("A")))

        // A tick on the same day changes nothing.
        runner.dispatch(.tick)
        XCTAssertEqual(runner.state.today, day("2022-01-18"))

        clock.set(day("2022-01-19"))
        runner.dispatch(.tick)
        XCTAssertEqual(runner.state.today, day("2022-01-19"))
        XCTAssertEqual(runner.state.list.rows.summary(0).overdue, true, "the list's row is overdue from midnight")
        XCTAssertEqual(runner.state.list.rows.summary(0).daysLeft, -1)
        guard case .detail(let after) = runner.state.stack[0] else { return XCTFail("the case is still open under the plan") }
        XCTAssertEqual(after.data?.clock.isOverdue, true, "the open case's clock was read again")
        guard case .actionPlan(let plan)? = runner.state.stack.last else { return XCTFail("the action plan is on top") }
        XCTAssertEqual(plan.items.filter { $0.isOverdue(today: runner.state.today) }.map(\.title), ["Review the letter"])
        let screen = Render.frame(runner.state).rows().joined(separator: "\n")
        XCTAssertTrue(screen.contains("2022-01-19"), "the title shows the new day")
        XCTAssertTrue(screen.contains("1 overdue"), screen)
    }

    func testAFixedDayNeverMoves() throws {
        let dir = TemporaryDirectory("heard-midnight-fixed")
        let store = try makeStore(in: dir)
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 80, height: 24))
        let runner = AppRunner(state: AppState(size: backend.size, today: day("2022-01-18"), readOnly: false, databaseLabel: "fixed", unicode: true, keymap: keymap),
                               store: store, backend: backend)
        runner.dispatch(.tick)
        XCTAssertEqual(runner.state.today, day("2022-01-18"))
    }

    func testTheDayChangingReloadsEveryOpenScreen() {
        var s = makeState(rows: sampleRows(3))
        send(&s, [.enter, .char("A"), .char("R")])
        guard case .report(let r)? = s.stack.last else { return XCTFail() }
        let effects = Update.update(&s, .dayChanged(day("2022-03-16")))
        XCTAssertEqual(s.today, day("2022-03-16"))
        guard case .detail(let d) = s.stack[0] else { return XCTFail() }
        XCTAssertEqual(effects, [.loadCases, .loadCase(d.id), .loadActions, .loadReport(r.period, areas: [])])
    }
}
