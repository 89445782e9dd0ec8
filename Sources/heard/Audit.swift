import ArgumentParser
import Foundation
import HeardCore
import HeardStore

/// `heard audit [--case REF]`: every change and every read, merged in order, of the whole
/// record or one case, as a table or JSON; written out as it is read (a million rows at the
/// design load never sit in memory as one text).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The history of changes and reads (the access log), of the whole record or one case.")

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("case"), help: ArgumentHelp("One case's history: its reference, or its number alone when that is unique.", valueName: "REF"))
    var reference: String?
    /// `heard audit REF`, as `heard show REF` takes it (a trial typed it so and met a usage error).
    @Argument(help: ArgumentHelp("The same as --case REF.", valueName: "REF")) var positional: String?
    @Option(help: "table or json.") var format: AuditFormat = .table

    func validate() throws {
        if reference != nil && positional != nil { throw ValidationError("give the case once: REF or --case REF") }
        if let given = reference ?? positional, given.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("the case is blank: give its reference, e.g. heard audit CS-2021-0042")
        }
    }

    enum AuditFormat: String, ExpressibleByArgument { case table, json }

    func run() throws {
        let store = try openStore(database.path, readOnly: true)
        var contact: Contact?
        if let reference = reference ?? positional { contact = try findCase(reference, in: store) }
        var out = ChunkedOutput()
        var changes = 0, reads = 0, first = true
        if format == .table { try out.add(AuditLogFormat.header) } else { try out.add("[") }
        try store.eachAuditItem(contactID: contact?.id, reference: contact?.reference ?? "") { item in
            if case .read = item { reads += 1 } else { changes += 1 }
            switch format {
            case .table: try out.add(AuditLogFormat.tableRow(item))
            case .json:
                try out.add((first ? "\n  " : ",\n  ") + AuditLogFormat.json(item))
                first = false
            }
        }
        try out.add(format == .table ? AuditLogFormat.total(changes: changes, reads: reads) : (first ? "]\n" : "\n]\n"))
        try out.flush()
    }
}

/// Standard output in pieces of about 64 KiB: one write per piece, not per line, and never
/// the whole text at once.
struct ChunkedOutput {
    private var buffer = ""
    static let size = 64 * 1024

    mutating func add(_ text: String) throws {
        buffer += text
        if buffer.utf8.count >= Self.size { try flush() }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try emit(buffer, to: nil)
        buffer = ""
        buffer.reserveCapacity(Self.size + 1024)
    }
}
