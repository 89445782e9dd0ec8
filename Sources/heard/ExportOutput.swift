import HeardCore
import HeardFiles
import HeardStore

/// `heard export`'s text written to the private file `path`, or to standard output when nil, a
/// piece at a time as the contacts are read: 100,000 contacts' text is never held at once.
/// Returns how many contacts were written.
@discardableResult
func emitExport(_ store: Store, _ format: ContactExportFormat, today: LocalDate, to path: String?) throws -> Int {
    // In the access log as the first piece goes out, not after the last: a reader that stopped
    // early had most of the record and left no trace (found by an attack). A refused file reads nothing.
    var logged = false
    func noteOnce() throws {
        if logged { return }
        logged = true
        noteWholeRead(store, via: "export", cases: try store.contactCount())
    }
    do {
        guard let path else {
            return try store.exportContactBytes(format, today: today) { try noteOnce(); try StandardOutput.write(text: $0) }
        }
        // Put in place whole once every contact is written; a failure on the way leaves the old file.
        var file = try PrivateFileWriter(path: path)
        let count = try store.exportContactBytes(format, today: today) { try noteOnce(); try file.write(bytes: $0) }
        try file.commit()
        return count
    } catch let e as FileWriteError {
        throw Failure(e.description)
    }
}
