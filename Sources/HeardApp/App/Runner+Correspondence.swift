import Foundation
import HeardCore
import HeardFiles
import HeardStore
import TerminalUI

/// The runner's side of a case's correspondence: a contact logged, a file attached or saved
/// out, letters written, saved and recorded. Each change is one store command (one undo step).
extension AppRunner {
    func performCorrespondence(_ e: Effect) throws {
        let today = state.today
        switch e {
        case .addLogEntry(var entry, let id, let timeGiven):
            // No time typed: now, by the computer's clock on the screens' day.
            if !timeGiven { entry.at = LogTime(date: today, minutes: AppRunner.minutesNow()) }
            let saved = try store.addLogEntry(entry, to: id)
            let detail = try loadDetail(id)
            dispatchResult(.caseChanged(detail, said: "Logged on \(detail.contact.reference): \(saved.words). u undoes it."))
        case .attachDocument(let typed, let id):
            let path = UserPath.expandingTilde(typed, home: ProcessInfo.processInfo.environment["HOME"])
            let limit = documentLimit
            let name = PrivateFilePath.base(of: path)
            let bytes: [UInt8]
            // The one reader `heard document add` uses: a regular file only, never waiting on a FIFO.
            do { bytes = try RegularFile.read(path, limit: limit) } catch let err as FileReadError {
                guard let size = err.tooLarge else { throw StoreError.refused(err.description) }
                throw StoreError.refused("\(name) is \(DocumentInfo.sizeWords(size)), over the limit of \(limit / (1024 * 1024)) MB ([documents] max_size_mb in config.toml); not kept.")
            }
            let doc = try store.addDocument(named: name, data: Data(bytes), added: today, to: id, limit: limit)
            let detail = try loadDetail(id)
            dispatchResult(.caseChanged(detail, said: "Attached \(doc.words) to \(detail.contact.reference). u undoes it."))
        case .saveDocument(let id, let number, let typed, let replace):
            let path = userPath(typed)
            if !replace, try existsToReplace(path) {
                dispatchResult(.askReplace(path: path, replace: .saveDocument(contactID: id, number: number, path: path, replace: true)))
                return
            }
            let (info, data) = try store.document(contactID: id, number: number)
            do { try PrivateFile.write([UInt8](data), to: path) } catch let err as FileWriteError { throw StoreError.refused(err.description) }
            dispatchResult(.caseChanged(try loadDetail(id), said: "Saved document \(info.number) (\(DocumentInfo.sizeWords(info.size))) to \(path)."))
        case .recordLetter(let letter, let id, let version, let step):
            // One step: the letter and, when asked, the move it makes.
            try store.write { tx in
                try store.recordLetter(letter, on: id, in: tx)
                if let step { try store.apply(step, on: id, version: version, today: today, in: tx) }
            }
            let detail = try loadDetail(id)
            let with = step.map { ", and \($0.words.lowercased())" } ?? ""
            // Short enough for 80 columns: what was recorded, and the way back.
            dispatchResult(.caseChanged(detail, said: "\(LetterCatalogue.title(letter.template)) recorded as sent\(with); u undoes it."))
        case .completePath(let field, let typed):
            let (folder, prefix) = PathCompletion.split(UserPath.expandingTilde(typed, home: ProcessInfo.processInfo.environment["HOME"]))
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            let entries = names.map { name -> (name: String, isFolder: Bool) in
                var isDir: ObjCBool = false
                return (name, FileManager.default.fileExists(atPath: (folder.hasSuffix("/") ? folder : folder + "/") + name, isDirectory: &isDir) && isDir.boolValue)
            }
            let (add, matches) = PathCompletion.complete(prefix: prefix, entries: entries)
            if !add.isEmpty { dispatchResult(.textEdited(field: field, text: typed + add)) }
            if matches.isEmpty { dispatchResult(.note("Nothing in \(folder) starts with '\(prefix)'.")) }
            else if matches.count > 1 { dispatchResult(.note(matches.prefix(8).joined(separator: "  ") + (matches.count > 8 ? "  … (\(matches.count))" : ""))) }
        default:
            try performLetters(e)
        }
    }

    /// Minutes after midnight now, by the local clock.
    static func minutesNow() -> Int {
        var t = time(nil)
        var parts = tm()
        guard localtime_r(&t, &parts) != nil else { return 0 }
        return Int(parts.tm_hour) * 60 + Int(parts.tm_min)
    }
}

/// The last part of a path, as a document's name.
enum PrivateFilePath {
    static func base(of path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }
}
