import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

final class CaseListReducerTests: XCTestCase {
    func testFilterThenClearRestoresOrder() {
        var s = makeState(rows: sampleRows(50))
        let before = s.list.visibleSummaries.map(\.reference)
        send(&s, [.char("/"), .char("z"), .char("o"), .char("e"), .enter])
        XCTAssertEqual(s.list.visibleSummaries.map(\.complainantName).allSatisfy { $0.hasPrefix("Zoë") }, true)
        send(&s, [.char("F"), .right, .down, .right, .right, .enter])
        XCTAssertEqual(s.list.filters.state, .open)
        XCTAssertEqual(s.list.filters.stage, 2)
        send(&s, [.char("x")])
        XCTAssertEqual(s.list.visibleSummaries.map(\.reference), before)
    }
}

func makeState(rows: [CaseRow], size: Size = Size(width: 80, height: 24), readOnly: Bool = false) -> AppState {
    let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: readOnly)
    var s = AppState(size: size, today: day("2022-03-15"), readOnly: readOnly, databaseLabel: "test.sqlite", unicode: true, keymap: keymap)
    _ = Update.update(&s, .casesLoaded(rows, emptyDatabase: rows.isEmpty))
    return s
}

@discardableResult
func send(_ s: inout AppState, _ keys: [Key]) -> [Effect] {
    var out: [Effect] = []
    for k in keys { out += Update.update(&s, .key(k)) }
    return out
}

func sampleRows(_ n: Int) -> [CaseRow] {
    let names = ["Zoë Hughes", "李小龍", "Alex Smith", "Sam Jones"]
    return (0..<n).map { i in
        let received = day("2022-03-01").adding(days: -i * 3)
        let open = i % 3 == 0
        return CaseRow(CaseSummary(id: Int64(i + 1), reference: "CS-2022-\(String(format: "%04d", i + 1))", kind: i % 5 == 4 ? .compliment : .complaint,
                                   received: received, serviceArea: ["Care Leavers", "Adoption", "Fostering Service"][i % 3], team: "",
                                   complainantName: names[i % names.count], isChildOrYoungPerson: i % 4 == 1, officer: ["Helen Sanderson", "Kate Richardson"][i % 2],
                                   summary: "Summary \(i)", stage: i % 5 == 4 ? nil : (i % 7 == 0 ? 2 : 1), status: open ? .open : .closed,
                                   due: open ? received.adding(days: 14) : nil, overdue: open && received.adding(days: 14) < day("2022-03-15"),
                                   paused: false, extended: false, daysLeft: open ? 3 : nil, version: 1))
    }
}
