import Foundation
import HeardCore

/// `heard log REF -`: the note from standard input, checked as the import checks a file: UTF-8
/// only (bytes of another encoding would be stored as U+FFFD, the text lost), and no more than a
/// note holds (read one byte past the limit to tell, never the whole of a huge input).
enum NoteInput {
    static func standardInput(limit: Int = LogEntry.maxNoteBytes) throws -> String {
        // A pipe may give less than asked in one read: read until the end or past the limit.
        var data = Data()
        while data.count <= limit {
            let more = FileHandle.standardInput.readData(ofLength: limit + 1 - data.count)
            if more.isEmpty { break }
            data += more
        }
        if data.count > limit {
            throw Failure("standard input: the note is longer than \(LogEntry.maxNoteWords), the most a contact log note holds; nothing was logged (keep a longer text as a document: heard document add)")
        }
        guard let text = String(bytes: data, encoding: .utf8) else {
            throw Failure("standard input: is not UTF-8 text; nothing was logged (save it as UTF-8 first)")
        }
        return text
    }
}
