import ArgumentParser
import Foundation
import HeardCore
import HeardFiles
import HeardStore

/// `heard document add|get|list`: files kept with a case, inside the database.
struct DocumentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "document",
        abstract: "Keep a file with a case, list a case's files, or write one out.",
        subcommands: [DocumentAdd.self, DocumentGet.self, DocumentList.self])
}

/// `heard document add REF FILE [--type MIME]`.
struct DocumentAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Keep a file with a case (up to [documents] max_size_mb in config.toml, default 20).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The case's reference, or its number alone when that is unique.", valueName: "REF")) var reference: String
    @Argument(help: ArgumentHelp("The file to keep (a regular file).", valueName: "FILE")) var file: String
    @Option(help: ArgumentHelp("Its media type (default: guessed from the name).", valueName: "MIME")) var type: String?
    @Flag(help: "Keep it even when the case has the same file already (same SHA-256).") var again = false

    func validate() throws {
        if let t = type, !Self.isMediaType(t) { throw ValidationError("--type: '\(TextSanitiser.clean(t, allowLineBreaks: false).0)' is not a media type (like application/pdf)") }
    }

    /// `text/plain`-like: two words of letters, digits and `.+-_` around one slash.
    static func isMediaType(_ t: String) -> Bool {
        let parts = t.split(separator: "/", omittingEmptySubsequences: false)
        let ok = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+-_")
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 100 && $0.allSatisfy(ok.contains) }
    }

    func run() throws {
        let today = try Environment.today()
        let limit = (try? HeardConfiguration.load())?.documentLimit ?? Store.defaultDocumentLimit
        let store = try openStore(database.path)
        let contact = try findCase(reference, in: store)
        guard let id = contact.id else { throw Failure("no case \(reference)") }
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.read(file, limit: limit)
        } catch let e as FileReadError {
            if let size = e.tooLarge {
                throw Failure("\(file): is \(DocumentInfo.sizeWords(size)) (\(size) bytes), over the limit of \(limit / (1024 * 1024)) MB "
                              + "(\(limit) bytes; [documents] max_size_mb in config.toml); not kept")
            }
            throw Failure(e.description)
        }
        let info: DocumentInfo
        do {
            info = try store.addDocument(named: file, data: Data(bytes), type: type?.lowercased(), added: today, to: id, limit: limit, again: again)
        } catch StoreError.refused(let m) where m.hasPrefix("The same file is already") {
            throw Failure(m + " Give --again to keep a second copy.")
        }
        try say(TextSanitiser.clean("\(contact.reference): document \(info.words), SHA-256 \(info.sha256)", allowLineBreaks: false).0)
    }
}

/// `heard document get REF N --output FILE [--force]`.
struct DocumentGet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Write a case's document N (as `heard document list` numbers them) to a file, readable only by you.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The case's reference, or its number alone when that is unique.", valueName: "REF")) var reference: String
    @Argument(help: ArgumentHelp("The document's number on the case (1 for the first added).", valueName: "N")) var number: Int
    @Option(help: ArgumentHelp("The file to write (never through a link), or - for standard output (not a terminal).", valueName: "FILE")) var output: String
    @Flag(help: "Replace FILE when it exists.") var force = false

    func run() throws {
        let store = try openStore(database.path, readOnly: true)
        let contact = try findCase(reference, in: store)
        guard let id = contact.id else { throw Failure("no case \(reference)") }
        let (info, data) = try store.document(contactID: id, number: number)
        // Checked after it is read, so the case's own refusal (no such document) comes first.
        if SHA256.hex(data) != info.sha256 {
            throw Failure("\(contact.reference): document \(number): its bytes no longer match the SHA-256 recorded when it was added; not written (restore from a backup)")
        }
        if output == "-" {
            // - is standard output, as for every other command; a file's bytes would garble a terminal.
            if isatty(STDOUT_FILENO) == 1 { throw Failure("--output -: standard output is a terminal; redirect it (> FILE) or give --output FILE") }
            try StandardOutput.write(bytes: [UInt8](data))
            return
        }
        var st = stat()
        if !force && lstat(output, &st) == 0 { throw Failure("\(output): already exists; not written (--force to replace it)") }
        do { try PrivateFile.write([UInt8](data), to: output) } catch let e as FileWriteError { throw Failure(e.description) }
        try say(TextSanitiser.clean("\(contact.reference): document \(info.words) written to \(output)", allowLineBreaks: false).0)
    }
}

/// `heard document list REF`.
struct DocumentList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The documents kept with a case, numbered.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The case's reference, or its number alone when that is unique.", valueName: "REF")) var reference: String

    func run() throws {
        let store = try openStore(database.path, readOnly: true)
        let contact = try findCase(reference, in: store)
        guard let id = contact.id else { throw Failure("no case \(reference)") }
        let docs = try store.correspondence(contactID: id).documents
        if docs.isEmpty { try say("\(contact.reference): no documents"); return }
        try emit(Self.table(docs), to: nil)
    }

    /// N, added, size, type, SHA-256 (short), name: the name last, so a long one runs on without breaking the columns.
    static func table(_ docs: [DocumentInfo]) -> String {
        let rows = [["N", "ADDED", "SIZE", "TYPE", "SHA-256", "NAME"]]
            + docs.map { ["\($0.number)", $0.added?.iso ?? "unreadable", DocumentInfo.sizeWords($0.size), $0.type, String($0.sha256.prefix(12)), $0.name] }
        var widths = [Int](repeating: 0, count: 5)
        for r in rows { for i in 0..<5 { widths[i] = max(widths[i], r[i].count) } }
        return rows.map { r in
            let line = (0..<5).map { r[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") + "  " + r[5]
            return TextSanitiser.clean(line, allowLineBreaks: false).0
        }.joined(separator: "\n") + "\n"
    }
}
