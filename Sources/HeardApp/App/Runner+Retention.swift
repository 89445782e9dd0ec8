import HeardCore
import HeardStore

/// The runner's side of retention: the list, disposal (one store command, not undoable), and a
/// legal hold set or lifted from a case.
extension AppRunner {
    func loadRetention() {
        do { dispatchResult(.retentionLoaded(try store.retentionDue(asOf: state.today, rules: retention), rules: retention.words)) }
        catch { dispatchResult(.loadFailed(describe(error))) }
    }

    func performRetention(_ e: Effect) throws {
        switch e {
        case .dispose(let ids):
            let result = try store.dispose(contactIDs: ids, reason: "retention period ended (\(retention.words); as of \(state.today.iso))", today: state.today)
            let n = result.anonymised
            // Another process reading the file keeps old pages in its log until it closes.
            let log = result.logEmptied ? "" : " Another program has the file open: old pages stay in its log (-wal) until every program using it has closed it."
            dispatchResult(.disposed("Disposed of \(Render.group(n)) case\(n == 1 ? "" : "s") by anonymising \(n == 1 ? "it" : "them"); the figures stay. This cannot be undone." + log,
                                     contacts: ids))
        case .setLegalHold(let id, let reason, let lift):
            try store.hold(contactID: id, reason: reason, lift: lift, today: state.today)
            let detail = try loadDetail(id)
            dispatchResult(.caseChanged(detail, said: lift ? "Legal hold lifted on \(detail.contact.reference)." : "\(detail.contact.reference) is on legal hold: never disposed of while held."))
        case .anonymise(let id, let reason):
            let result = try store.anonymise(contactID: id, reason: reason, today: state.today)
            let detail = try loadDetail(id)
            // (An anonymised case keeps its reference, and a request its cases.)
            let reference = detail.contact.reference
            let asked = SubjectAccess.openRequestWarning(reference: reference, requests: try store.openSubjectAccessRequests(covering: reference))
            let log = result.logEmptied ? "" : " Another program has the file open: old pages stay in its log (-wal) until every program using it has closed it."
            dispatchResult(.caseChanged(detail, said: "\(detail.contact.reference) anonymised; the figures stay. This cannot be undone." + log
                + (asked.map { " Note: " + $0 } ?? "")))
        default:
            break
        }
    }
}
