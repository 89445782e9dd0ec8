import HeardCore
import HeardStore
import Synchronization

/// The access log from the command line: a command that shows a case's record says so with
/// `noteRead`. The log never fails a command nor makes it wait: when the file is busy the read
/// is kept and tried once more as the command ends (`finishReads`, from `main`); if the file is
/// still busy then, or cannot be written at all, a note on standard error says the read is not
/// in the log (a one-shot command has no later write to carry it).
func noteRead(_ store: Store, contactID: Int64?, via: ReadVia) {
    guard let contactID else { return }
    switch store.recordRead(contactID: contactID, via: via) {
    case .written, .off: break
    case .kept: storesWithReadsWaiting.withLock { $0.append(store) }
    case .failed(let why): warn("this read is not in the access log: \(why)")
    }
}

/// `noteRead` for a read of the whole record (an export, a copy, a backup).
/// A busy file is waited for as a save waits (a copy of everyone's details is not left out of the
/// log because a colleague was saving; an attack).
func noteWholeRead(_ store: Store, via: ReadVia, cases: Int) {
    var recorded = store.recordWholeRead(via: via, cases: cases)
    if recorded == .kept { recorded = store.flushReads(waitingForTheFile: true) }
    switch recorded {
    case .written, .off: break
    case .kept: warn("the file was busy: this read is not in the access log")
    case .failed(let why): warn("this read is not in the access log: \(why)")
    }
}

/// The stores whose reads wait for a busy file.
private let storesWithReadsWaiting = Mutex<[Store]>([])

/// Writes the reads still waiting for the file, or says they were not recorded.
func finishReads() {
    let stores = storesWithReadsWaiting.withLock { s in defer { s.removeAll() }; return s }
    for store in stores where store.readsWaiting > 0 {
        switch store.flushReads() {
        case .written, .off: break
        case .kept: warn("the file was busy: this read is not in the access log")
        case .failed(let why): warn("this read is not in the access log: \(why)")
        }
    }
}
