import Foundation
import HeardCore
import HeardFiles
import HeardStore

/// The runner's side of `:sar NAME`: the search, then (after `y`) the bundle of the chosen cases
/// written by the one writer `heard sar` uses and the request recorded (one store command).
extension AppRunner {
    func performSubjectAccess(_ e: Effect) throws {
        let today = state.today
        switch e {
        case .findSubjectAccess(let name):
            sayIfFillingNameIndex()
            let found = try store.subjectAccessSearch(PersonName(name))
            dispatchResult(.subjectAccessFound(name: name, matches: SubjectAccessExport.matches(found)))
        case .writeSubjectAccess(let name, let chosen, let shown):
            if state.readOnly { throw StoreError.readOnly }
            // Searched again: what is written is what the file holds now, and only when that is
            // still what the officer chose from.
            sayIfFillingNameIndex()
            let found = try store.subjectAccessSearch(PersonName(name))
            let (cases, gone) = SubjectAccess.confirmed(found, references: chosen)
            let known = Set(shown)
            let new = found.map(\.contact.reference).filter { !known.contains($0) }
            if !gone.isEmpty || !new.isEmpty {
                let what = (gone.isEmpty ? [] : ["\(SubjectAccessWriteRefusal.list(gone)) no longer hold\(gone.count == 1 ? "s" : "") the name"])
                    + (new.isEmpty ? [] : ["\(SubjectAccessWriteRefusal.list(new)) now hold\(new.count == 1 ? "s" : "") it"])
                throw StoreError.refused("the record changed since the cases were shown: " + what.joined(separator: "; ")
                                         + "; nothing written, no request recorded. Run :sar again.")
            }
            let folder = SubjectAccessExport.defaultFolder(for: name, on: today)
            let result: SubjectAccessResult
            do { result = try SubjectAccessExport.write(store: store, name: name, found: cases, folder: folder, today: today) }
            catch let err as FileWriteError { throw StoreError.refused(err.description + "; no request recorded.") }
            let problems = result.problems.isEmpty ? "" : " \(result.problems.count) document(s) not written: bytes changed."
            let left = found.count - cases.count
            let out = left == 0 ? "" : " (\(left) case\(left == 1 ? "" : "s") left out as someone else's)"
            dispatchResult(.subjectAccessWritten("Bundle of \(cases.count) case\(cases.count == 1 ? "" : "s") written to \(result.folder)\(out); request #\(result.request.id ?? 0) due \(result.request.due.iso).\(problems)"))
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

/// How a refused bundle names the cases that changed: up to three references, then how many more.
enum SubjectAccessWriteRefusal {
    static func list(_ refs: [String]) -> String {
        let shown = refs.prefix(3).joined(separator: ", ")
        return refs.count > 3 ? "\(shown) and \(refs.count - 3) more" : shown
    }
}
