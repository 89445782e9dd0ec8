import Foundation
import HeardCore
import HeardFiles
import HeardStore

/// The runner's side of `:sar NAME`: the search, then (after `y`) the bundle written by the one
/// writer `heard sar` uses and the request recorded (one store command).
extension AppRunner {
    func performSubjectAccess(_ e: Effect) throws {
        let today = state.today
        switch e {
        case .findSubjectAccess(let name):
            sayIfFillingNameIndex()
            let found = try store.subjectAccessSearch(PersonName(name))
            dispatchResult(.subjectAccessFound(name: name, lines: SubjectAccessExport.matchLines(found), cases: found.count))
        case .writeSubjectAccess(let name):
            if state.readOnly { throw StoreError.readOnly }
            // Searched again: what is written is what the file holds now.
            sayIfFillingNameIndex()
            let found = try store.subjectAccessSearch(PersonName(name))
            let folder = SubjectAccessExport.defaultFolder(for: name, on: today)
            let result: SubjectAccessResult
            do { result = try SubjectAccessExport.write(store: store, name: name, found: found, folder: folder, today: today) }
            catch let err as FileWriteError { throw StoreError.refused(err.description + "; no request recorded.") }
            let problems = result.problems.isEmpty ? "" : " \(result.problems.count) document(s) not written: bytes changed."
            dispatchResult(.actionSaved("Bundle written to \(result.folder); request #\(result.request.id ?? 0) due \(result.request.due.iso).\(problems)"))
        default:
            break
        }
    }

    /// The first search after an upgrade or an import fills the name index (some seconds at
    /// 100,000 cases): said on the status line before the screen waits for it.
    private func sayIfFillingNameIndex() {
        let backlog = store.nameIndexBacklog()
        guard backlog > 0 else { return }
        dispatchResult(.progress(Store.nameIndexFilling(backlog)))
        present()
    }
}
