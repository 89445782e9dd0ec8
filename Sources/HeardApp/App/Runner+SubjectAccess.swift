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
            // A common name is in thousands of cases (1.6 s at 100,000): said before the wait.
            dispatchResult(.progress("Looking for \"\(SubjectAccess.oneLine(name, limit: 60))\" in every case…"))
            present()
            sayIfFillingNameIndex()
            let found = try store.subjectAccessSearch(PersonName(name))
            let open = SubjectAccess.openRequests(for: PersonName(name), among: try store.subjectAccessRequests(openOnly: true))
            dispatchResult(.subjectAccessFound(name: name, matches: SubjectAccessExport.matches(found), open: open))
        case .writeSubjectAccess(let name, let chosen, let shown):
            if state.readOnly { throw StoreError.readOnly }
            // Searched again: what is written is what the file holds now, and only when that is
            // still what the officer chose from.
            sayIfFillingNameIndex()
            let found = try store.subjectAccessSearch(PersonName(name))
            let (cases, goneIDs, leftOut) = SubjectAccess.confirmed(found, ids: chosen)
            let before = Dictionary(shown.map { ($0.contactID, $0) }, uniquingKeysWith: { a, _ in a })
            let gone = goneIDs.map { before[$0]?.reference ?? "#\($0)" }
            let new = found.filter { $0.contact.id.map { before[$0] == nil } ?? true }.map(\.contact.reference)
            // A chosen case edited since it was shown: the officer chose on what it said then.
            let changed = cases.filter { c in c.contact.id.flatMap { before[$0] }.map { $0.version != c.contact.version } ?? false }.map(\.contact.reference)
            if !gone.isEmpty || !new.isEmpty || !changed.isEmpty {
                let what = (gone.isEmpty ? [] : ["\(referenceList(gone)) no longer hold\(gone.count == 1 ? "s" : "") the name"])
                    + (new.isEmpty ? [] : ["\(referenceList(new)) now hold\(new.count == 1 ? "s" : "") the name"])
                    + (changed.isEmpty ? [] : ["\(referenceList(changed)) \(changed.count == 1 ? "was" : "were") edited"])
                throw StoreError.refused("run :sar again: the record changed since the list was shown (" + what.joined(separator: "; ")
                                         + "); nothing written, no request recorded")
            }
            // A second request the same day (one redone after a case was left out by mistake) goes
            // beside the first: the screen cannot name a folder as `heard sar --output` can (a trial).
            let base = SubjectAccessExport.defaultFolder(for: name, on: today)
            var folder = base
            var st = stat()
            for n in 2...99 where lstat(folder, &st) == 0 { folder = base + "-\(n)" }
            // Some seconds for thousands of cases: said before the screen waits for it.
            dispatchResult(.progress("Writing the bundle of \(Render.group(cases.count)) case\(cases.count == 1 ? "" : "s") to \(folder)…"))
            present()
            let result: SubjectAccessResult
            do {
                result = try SubjectAccessExport.write(store: store, name: name, found: cases, leftOut: leftOut, folder: folder, today: today,
                                                       council: letters?.settings ?? LetterSettings())
            }
            catch let err as FileWriteError { throw StoreError.refused(err.description + "; no request recorded.") }
            let problems = result.problems.isEmpty ? "" : " \(result.problems.count) document(s) not written: bytes changed."
            let left = leftOut.count
            // The folder first: the officer needs its name, and at 80 columns the end of the line
            // is cut (a trial lost the date from it).
            let what = cases.isEmpty ? "we hold no records"
                : "\(Render.group(cases.count)) case\(cases.count == 1 ? "" : "s")" + (left == 0 ? "" : ", \(Render.group(left)) left out")
            let request = "request #\(result.request.id ?? 0) recorded, due \(result.request.due.iso)"
            dispatchResult(.subjectAccessWritten("Bundle in \(result.folder) (\(what)); \(request)." + problems))
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

