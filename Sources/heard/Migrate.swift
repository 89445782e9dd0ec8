import ArgumentParser
import Foundation
import HeardCore
import HeardFiles
import HeardStore

/// `heard migrate FROM TO`: copies a whole record between SQLite and PostgreSQL (either way, or
/// file to file), history and all, then proves the copy by counts and reports.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy a whole record between SQLite and PostgreSQL, then prove it.",
        discussion: """
            FROM and TO are each a SQLite file or a postgresql:// URL. TO must hold no record yet: a new \
            file, or a database made with `heard init --postgres`. The copy is one transaction (a failed \
            copy leaves TO as it was). Then every table's rows are counted in both, and the report of each \
            of the last ten financial years, in full and public, must be the same byte for byte.
            """)

    @Argument(help: ArgumentHelp("The record to copy: a file or a postgresql:// URL.", valueName: "FROM")) var from: String
    @Argument(help: ArgumentHelp("Where to copy it: a new file or an empty PostgreSQL database.", valueName: "TO")) var to: String

    func run() throws {
        if from == to { throw ValidationError("FROM and TO are the same record") }
        let source = try openStore(from, readOnly: true)
        // A new file that the copy could not fill is removed again; a server's database stays.
        if Store.isServerURL(to) {
            try copy(source, into: try openStore(to, create: true))
        } else {
            try withCreatedStore(to) { try copy(source, into: $0) }
        }
    }

    private func copy(_ source: Store, into target: Store) throws {
        let today = try Environment.today()
        warn("Copying \(source.path) to \(target.path)…")
        // In the access log before the copy reads the record, so the copy holds its own read too.
        noteWholeRead(source, via: "migrate", cases: try source.contactCount())
        let snapshot = try source.copyRecord(to: target) { done in
            warn("  \(done.table.padding(toLength: 24, withPad: " ", startingAt: 0)) \(done.rows)")
        }
        let proof: CopyProof
        do {
            proof = try source.prove(copy: target, today: today, snapshot: snapshot)
        } catch let e as StoreError {
            // A new file is removed again (`withCreatedStore`); a server's database keeps the copy.
            let left = Store.isServerURL(target.path)
                ? "It was left in \(target.path) for inspection; empty that database before copying again."
                : "The new file \(target.path) was removed."
            throw Failure("The copy is NOT proved: \(e). \(left)")
        }
        let first = proof.years.first.map { $0.from.iso } ?? ""
        let last = proof.years.last.map { $0.to.iso } ?? ""
        let rows = proof.counts.reduce(0) { $0 + $1.rows }
        try StandardOutput.write("""
            Copied \(rows) rows in \(proof.counts.count) tables from \(source.path) to \(target.path).
            Proved: every table has the same number of rows in both, and the report of each financial year from \(first) to \(last), in full and public, is the same byte for byte.

            """)
    }
}
