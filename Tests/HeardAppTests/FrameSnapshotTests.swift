import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// The screens as text at several sizes, with CJK and emoji names.
final class FrameSnapshotTests: XCTestCase {
    func listState(_ size: Size) -> AppState {
        var rows = sampleRows(30)
        rows[1] = CaseRow(withName(rows[1].summary, "李小龍"))
        rows[2] = CaseRow(withName(rows[2].summary, "Zoë 👩‍👧 Family"))
        return makeState(rows: rows, size: size)
    }

    func withName(_ s: CaseSummary, _ name: String) -> CaseSummary { var c = s; c.complainantName = name; return c }

    func testCaseListAt80x24() { assertFrame(Render.frame(listState(Size(width: 80, height: 24))), named: "caseList-80x24") }
    func testCaseListAt120x40() { assertFrame(Render.frame(listState(Size(width: 120, height: 40))), named: "caseList-120x40") }
    func testTooSmallAt30x8() { assertFrame(Render.frame(listState(Size(width: 30, height: 8))), named: "tooSmall-30x8") }

    func testAsciiFallbackUnderNonUTF8Locale() {
        var s = listState(Size(width: 80, height: 24))
        s.unicode = false
        let f = Render.frame(s)
        for row in f.rows() { XCTAssertFalse(row.contains("…") || row.contains("◷") || row.contains("✓") || row.contains("▼"), row) }
        assertFrame(f, named: "caseList-ascii-80x24")
    }

    func testCJKRowsStayAligned() {
        let f = Render.frame(listState(Size(width: 120, height: 40)))
        // Every cell row has the same display width, whatever the names hold.
        for y in 0..<f.height { XCTAssertEqual(displayWidth(f.row(at: y)), 120, "row \(y): \(f.row(at: y))") }
        let rows = f.rows()
        let cjk = rows.first { $0.contains("李小龍") } ?? ""
        let plain = rows.first { $0.contains("Alex Smith") } ?? ""
        func column(of marker: String, in line: String) -> Int? {
            guard let r = line.range(of: marker) else { return nil }
            return displayWidth(String(line[..<r.lowerBound]))
        }
        XCTAssertEqual(column(of: "Kate", in: cjk) ?? column(of: "Helen", in: cjk), column(of: "Kate", in: plain) ?? column(of: "Helen", in: plain))
    }

    func testDetailAt80x24And120x40() {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            var s = listState(size)
            _ = send(&s, [.enter])
            _ = Update.update(&s, .caseLoaded(detailData()))
            assertFrame(Render.frame(s), named: "caseDetail-\(size.width)x\(size.height)")
        }
    }

    func testHelpOverlayIsGeneratedFromTheKeymap() {
        var s = listState(Size(width: 100, height: 40))
        _ = send(&s, [.char("?")])
        let text = Render.frame(s).rows().joined(separator: "\n")
        for b in DefaultKeys.bindings where b.scope == "caseList" { XCTAssertTrue(text.contains(b.description), b.description) }
        assertFrame(Render.frame(s), named: "help-100x40")
    }

    func testFirstRunScreenSaysHowToStart() {
        let s = makeState(rows: [], size: Size(width: 80, height: 24))
        let text = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(text.contains("heard import"))
        XCTAssertTrue(text.contains("heard demo"))
    }
}

/// A statutory complaint at stage 2 with an extension, a pause and findings.
func detailData() -> CaseDetailData {
    var c = sampleComplaint(received: "2022-01-10", name: "李小龍", categories: ["communication and information", "placement"])
    c.id = 1
    c.reference = "CS-2022-0001"
    c.issues[0].findings[1] = .upheld
    c.issues[1].findings[1] = .notUpheld
    c.events = [.acknowledged(day("2022-01-11")), .paused(day("2022-01-12"), stage: 1, reason: "Advocate being found"),
                .resumed(day("2022-01-17"), stage: 1), .extended(day("2022-01-20"), stage: 1, to: day("2022-02-04"), reason: "Manager away"),
                .responded(day("2022-02-01"), stage: 1, satisfied: false), .nextStageRequested(day("2022-02-10"), stage: 2)]
    let cal = WorkingDayCalendar.englandAndWales
    let clock = c.clock(calendar: cal, today: day("2022-03-15"))
    let history = [AuditEntry(id: 1, at: "2022-01-10T09:00:00Z", who: "Helen Sanderson", session: "s", entity: .contact, action: .create, entityID: 1,
                              reference: c.reference, changes: [FieldChange("officer", before: nil, after: "Officer One")])]
    let learning = [LearningPoint(id: 1, caseReference: c.reference, theme: "effective communication", text: "Reply within two days", date: day("2022-02-01"))]
    let actions = [ActionItem(id: 1, title: "Brief the team", owner: "Team Manager", source: .learningPoint(1), created: day("2022-02-02"), due: day("2022-03-01"))]
    return CaseDetailData(contact: c, clock: clock, history: history, learning: learning, actions: actions, calendar: cal)
}
