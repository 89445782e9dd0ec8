@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// Pasting a long note into `l`'s line: a key no longer reads the whole line again once it is
/// long (10 KB took 28 s); the runner reads it once per batch of keys, before drawing.
final class LogLinePasteTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    private func onLogForm() -> AppState {
        var c = sampleComplaint(received: "2022-03-11", name: "Mrs Patel")
        c.id = 1
        c.reference = "CS-2022-0042"
        var s = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        s.stack.append(.detail(CaseDetailState(id: 1)))
        _ = Update.update(&s, .caseLoaded(CaseDetailData(contact: c, clock: c.clock(calendar: cal, today: day("2022-03-15")), history: [], learning: [],
                                                         actions: [], calendar: cal, correspondence: Correspondence())))
        send(&s, [.char("l")])
        return s
    }

    private func preview(_ s: AppState) -> FormState? { if case .form(let f)? = s.stack.last { return f.form }; return nil }

    func testALongPasteIsReadOncePerBatchNotPerKey() {
        var s = onLogForm()
        let note = String(repeating: "0123456789", count: 1_000)
        let keys = ("out email \"school\" " + note).map { Key.char($0) }
        var i = 0
        while i < keys.count {
            // As the runner does: up to 64 keys to hand, then settle, then draw.
            send(&s, Array(keys[i..<min(i + 64, keys.count)]))
            ContactLogForm.settle(&s)
            i += 64
        }
        XCTAssertEqual(preview(s)?.previewStale, false)
        XCTAssertEqual(preview(s)?.preview.first?.hasPrefix("Reads: now  email out to school: 0123456789"), true, "\(preview(s)?.preview ?? [])")
        // A short line still reads at every key (as the reducer's tests see it).
        var t = onLogForm()
        send(&t, "in call".map { Key.char($0) })
        XCTAssertEqual(preview(t)?.previewStale, false)
    }

    func testWithoutSettlingALongLineIsOnlyMarkedStale() {
        var s = onLogForm()
        send(&s, String(repeating: "x", count: ContactLogForm.readAtOnceUpTo + 1).map { Key.char($0) })
        XCTAssertEqual(preview(s)?.previewStale, true, "not read again at each key")
        ContactLogForm.settle(&s)
        XCTAssertEqual(preview(s)?.previewStale, false)
    }
}
