import Foundation
import HeardCore
import HeardTestSupport
@testable import HeardStore
import XCTest

/// The batched import writer (`ImportBatch`, on both databases) against the import a contact at
/// a time: the same rows in every table, ids and all, and the same search.
final class ImportBatchTests: XCTestCase {
    /// Every table an import writes, each in id order; the audit without its time and session.
    /// (SQLite's search index too; PostgreSQL's is `contacts_search`, kept by a trigger.)
    static var tables: [String] {
        [
            "SELECT * FROM contacts ORDER BY id", "SELECT * FROM issues ORDER BY id", "SELECT * FROM events ORDER BY id",
            "SELECT * FROM stage_people ORDER BY contact_id", "SELECT * FROM contact_log ORDER BY id", "SELECT * FROM letters ORDER BY id",
            "SELECT id, who, entity, entity_id, reference, action, changes, undoes, parent_id FROM audit ORDER BY id",
        ] + (TestDatabase.isPostgres ? ["SELECT contact_id, CAST(words AS TEXT) FROM contacts_search ORDER BY contact_id"]
                                     : ["SELECT id, sz FROM contacts_fts_docsize ORDER BY id", "SELECT * FROM contacts_fts_data ORDER BY id",
                                        // What the triggers the batched import turns off would have written.
                                        "SELECT contact_id FROM name_words_stale ORDER BY contact_id, rowid",
                                        "SELECT contact_id, key FROM report_facts ORDER BY contact_id"])
    }

    /// The demo's contacts as an import file, then again with their references left for the
    /// import to give (years interleaved, people and correspondence on some rows, more rows than
    /// a statement carries), and the copies again into the record that then has contacts.
    func testTheBatchedImportWritesWhatTheImportOneAtATimeWrites() throws {
        let dir = TemporaryDirectory()
        let demo = try makeStore(in: dir, name: "demo.sqlite")
        let today = day("2022-03-15")
        try demo.writeDemo(today: today)
        let exported = try demo.exportCSV(today: today)
        var lines = exported.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = lines.removeFirst()
        XCTAssertTrue(header.hasPrefix("reference,"))
        // Rows whose references are generated: a copy of every row without its reference (rows
        // with line breaks in quotes are left out: they are not one line each).
        let unquoted = lines.filter { $0.filter { $0 == "\"" }.count % 2 == 0 && !$0.hasSuffix("\"") }
        var copies: [String] = []
        for _ in 0..<3 { copies += unquoted.map { line in String(line.drop { $0 != "," }) } }
        // More than two full statements on this database (512 rows on a server, 64 on SQLite).
        XCTAssertGreaterThan(lines.count + copies.count, ImportBatch.sizes(TestDatabase.isPostgres ? .postgres : .sqlite)[0] * 2)
        let file = Array(([header] + lines + copies).joined(separator: "\r\n").utf8)
        let more = Array(([header] + copies).joined(separator: "\r\n").utf8)

        var paths: [String] = []
        for batched in [false, true] {
            let store = try makeStore(in: dir, name: "import-\(batched).sqlite")
            let before = try store.contactCount()
            let first = try store.importCSV(file, source: "file.csv", dryRun: false, today: today, batched: batched)
            XCTAssertEqual(first.imported, lines.count + copies.count)
            // A report keeps its facts of the cases in the record (SQLite): the next import leaves them.
            _ = try store.report(ReportOptions(period: Period.financialYear(starting: 2021), today: today))
            // Into a record that now has contacts: ids and references follow theirs.
            let second = try store.importCSV(more, source: "more.csv", dryRun: false, today: today, batched: batched)
            XCTAssertEqual(second.imported, copies.count)
            XCTAssertEqual(try store.contactCount(), before + first.imported + second.imported)
            paths.append(store.path)
        }
        XCTAssertGreaterThan(try rawRows(paths[1], "SELECT * FROM stage_people").count, 0, "stage people are imported")
        XCTAssertGreaterThan(try rawRows(paths[1], "SELECT * FROM contact_log").count, 0, "contact logs are imported")
        for sql in Self.tables {
            let expected = try rawRows(paths[0], sql)
            XCTAssertFalse(expected.isEmpty, sql)
            XCTAssertEqual(try rawRows(paths[1], sql), expected, sql)
        }
    }

    /// Held rows go out in full statements and the rest in smaller ones, each row whole and in
    /// order: at SQLite's sizes and at a server's.
    func testHeldRowsAreWrittenWholeAndInOrder() throws {
        XCTAssertEqual(ImportBatch.sizes, [64, 8, 1])
        XCTAssertEqual(ImportBatch.sizes(.sqlite), [64, 8, 1])
        XCTAssertEqual(ImportBatch.sizes(.postgres), [512, 64, 8, 1])
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        for sizes in [ImportBatch.sizes, ImportBatch.serverSizes] {
            let full = sizes[0]
            // Two full statements, then one of each smaller size and a row or two more.
            let count = full * 2 + sizes.dropFirst().reduce(0, +) + 2
            let written: [[SQLValue]] = try store.write { tx in
                try tx.sql.execute("CREATE TEMP TABLE t (a INTEGER, b TEXT)")
                var rows = ImportBatch.Rows(head: "INSERT INTO t (a, b) VALUES ", row: "(?, ?)", columns: 2, sizes: sizes)
                XCTAssertEqual(rows.full, full)
                for i in 0..<count { rows.values += [.int(i), .text("row \(i)")]; rows.count += 1 }
                try rows.write(tx.sql, all: false)
                XCTAssertEqual(rows.count, count - full * 2, "a part statement waits for more rows")
                XCTAssertEqual(try tx.sql.int("SELECT count(*) FROM t"), full * 2)
                try rows.write(tx.sql, all: true)
                XCTAssertEqual(rows.count, 0)
                XCTAssertTrue(rows.values.isEmpty)
                let out = try tx.sql.rows("SELECT a, b FROM t ORDER BY a")
                try tx.sql.execute("DROP TABLE t")
                return out
            }
            XCTAssertEqual(written, (0..<count).map { [.integer(Int64($0)), .text("row \($0)")] }, "\(sizes)")
        }
    }

    /// A contact's INSERT with its id first: the columns and the placeholders agree.
    func testTheContactRowsNameTheIdFirst() {
        for sql in [Store.importContactSQL, Store.importContactWithPeopleSQL] {
            let rows = ImportBatch.contactInsert(sql)
            XCTAssertTrue(rows.head.hasPrefix("INSERT INTO contacts (id, reference, "), rows.head)
            XCTAssertTrue(rows.row.hasPrefix("(?, ?, "), rows.row)
            XCTAssertEqual(rows.columns, sql.filter { $0 == "?" }.count + 1)
            XCTAssertFalse(rows.sql(3).contains("RETURNING"))
        }
    }

    /// The file is read on a thread of its own (`ImportReader`) while rows are written: a bad
    /// row far past what is read ahead, or a broken quote at the end, still writes nothing and
    /// says where, and a good file of that length is written whole.
    func testALongFileIsReadAheadAndABadRowLateInItStillWritesNothing() throws {
        let count = ImportReader.chunkSize * (ImportReader.mostChunks + 3) + 17
        func file(_ bad: Int?, tail: String = "") -> String {
            var out = "reference,kind,received,service_area,summary\n"
            for i in 1...count {
                out += "R-\(i),\(i == bad ? "grievance" : "complaint"),2022-01-10,Care Leavers,row \(i)\n"
            }
            return out + tail
        }
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let problems = importProblems(store, file(count - 5))
        XCTAssertEqual(problems.map(\.description).count, 1)
        XCTAssertTrue(problems.first?.description.hasPrefix("line \(count - 4): kind: is not one of") == true, "\(problems)")
        let broken = importProblems(store, file(nil, tail: "R-X,complaint,2022-01-10,Care Leavers,\"never closed\n"))
        XCTAssertEqual(broken.map(\.description), ["line \(count + 2): row: a quoted field is never closed"])
        XCTAssertEqual(try store.contactCount(), 0)
        XCTAssertEqual(try auditCount(store.path), 0)

        let summary = try importText(store, file(nil))
        XCTAssertEqual(summary.imported, count)
        XCTAssertEqual(summary.byKind, [.complaint: count])
        XCTAssertEqual(try store.contactCount(), count)
        XCTAssertEqual(try auditCount(store.path), count)
        XCTAssertEqual(try rawRows(store.path, "SELECT reference, summary FROM contacts ORDER BY id").last, ["R-\(count)", "row \(count)"])
        // Again: every reference is now taken, on every row (the reader was given them).
        let again = importProblems(store, file(nil))
        XCTAssertEqual(again.count, count)
        XCTAssertEqual(again.last?.description, "line \(count + 1): reference: R-\(count) is already in the database")
    }
}
