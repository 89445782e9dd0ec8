import HeardApp
import HeardCore
import HeardTestSupport

/// The state of the workflow screen opened on `c` (as case 1 at version 3) from the case list:
/// what the workflow and stage-form tests start from.
func openWorkflow(_ c: Contact, today: String = "2022-01-20") -> AppState {
    let cal = WorkingDayCalendar.englandAndWales
    var contact = c
    contact.id = 1
    contact.version = 3
    var s = makeState(rows: sampleRows(2))
    s.today = day(today)
    send(&s, [.char("w")])
    let clock = contact.clock(calendar: cal, today: s.today)
    _ = Update.update(&s, .caseLoaded(CaseDetailData(contact: contact, clock: clock, history: [], learning: [], actions: [], calendar: cal)))
    return s
}
