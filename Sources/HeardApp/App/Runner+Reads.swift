import HeardCore
import HeardStore

extension AppRunner {
    /// A case loaded for its screens. When no screen shows it yet, this is someone opening it,
    /// and the access log records the read (before loading, so its history has it); a reload
    /// after a change, or after another process's, is no new read. Never fails for the log.
    func loadCase(_ id: Int64) throws -> CaseDetailData {
        if !state.showsCase(id), case .failed(let why) = store.recordRead(contactID: id, via: .screen) { readRefused = why }
        do { return try loadDetail(id) } catch {
            // A case that could not be read was not opened: its entry's failure is not said, as
            // it was, over the next case opened (found by an attack).
            readRefused = nil
            throw error
        }
    }
}

extension AppState {
    /// Whether a screen on the stack already holds the case `id`, loaded.
    func showsCase(_ id: Int64) -> Bool {
        stack.contains { screen in
            switch screen {
            case .detail(let d): d.id == id && d.data != nil
            case .workflow(let w): w.contactID == id && w.data != nil
            case .findings(let f): f.contactID == id && f.data != nil
            case .documents(let d): d.contactID == id && d.data != nil
            case .letters(let l): l.contactID == id && l.data != nil
            default: false
            }
        }
    }
}
