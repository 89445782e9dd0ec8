import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// Opening the file: permissions, journal mode, and refusing what is not a Heard database
/// without touching it.
final class StoreOpeningTests: XCTestCase {
    func testNewDatabaseFolderIsPrivateAndFileIsPrivate() throws {
        let dir = TemporaryDirectory()
        let folder = dir.file("nested/heard")
        let path = folder + "/heard.sqlite"
        _ = try Store(path: path, options: StoreOptions(actor: "Test Officer"))
        XCTAssertEqual(permissions(of: folder), 0o700, "the folder holding children's data is readable only by its owner")
        XCTAssertEqual(permissions(of: path), 0o600, "the database file is readable only by its owner")
    }

    func testALooseDatabaseAndItsCompanionsAreMadePrivateWhenOpened() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("loose.sqlite")
        _ = try Store(path: path, options: StoreOptions(create: true, actor: "T"))
        // A copy made with a loose umask, and a log left beside it.
        chmod(path, 0o644)
        try Data().write(to: URL(fileURLWithPath: path + "-wal"))
        chmod(path + "-wal", 0o664)
        XCTAssertEqual(permissions(of: path), 0o644, "fixture")
        _ = try Store(path: path, options: StoreOptions(readOnly: true, create: false, actor: "T"))
        XCTAssertEqual(permissions(of: path), 0o600, "the database is private again")
        XCTAssertEqual(permissions(of: path + "-wal"), 0o600, "and so is its log")
    }

    /// Another user's record that others can read (a backup restored as root, 0644) cannot be
    /// made private by this user: opened read-only it is read as it is, with a note that says so
    /// and how to fix it; opened to write, it is refused as before. Root plays the other user:
    /// the file is given to an id that is no one's.
    func testAnotherUsersLooseRecordIsReadReadOnlyWithANoteAndRefusedToWrite() throws {
        try skipOnPostgres("the file's own permissions")
        try XCTSkipUnless(geteuid() == 0, "giving a file to another user needs root")
        let dir = TemporaryDirectory()
        let path = dir.file("restored.sqlite")
        do {
            let made = try makeStore(in: dir, name: "restored.sqlite")
            try made.writeDemo(today: fixedToday)
            try made.closeFile()
        }
        let cases = try Store(path: path, options: StoreOptions(readOnly: true, create: false, actor: "T")).allContacts().count
        XCTAssertEqual(chown(path, 4_000_000, 4_000_000), 0)
        chmod(path, 0o644)
        // Root may read it; its owner id is not root's, so it is "another user's".
        let reader = try Store(path: path, options: StoreOptions(readOnly: true, create: false, actor: "Reader"))
        XCTAssertEqual(try reader.allContacts().count, cases)
        let note = try XCTUnwrap(reader.othersCanRead)
        XCTAssertTrue(note.contains("mode 0644") && note.contains("belongs to another user") && note.contains("make it 0600"), note)
        try reader.closeFile()
        XCTAssertEqual(permissions(of: path), 0o644, "left as it is")
        XCTAssertThrowsError(try Store(path: path, options: StoreOptions(readOnly: false, create: false, actor: "Writer"))) { e in
            XCTAssertTrue("\(e)".contains("belongs to another user: ask them to make it 0600"), "\(e)")
        }
        // One's own loose file is made private, with no note.
        XCTAssertEqual(chown(path, geteuid(), getegid()), 0)
        let own = try Store(path: path, options: StoreOptions(readOnly: true, create: false, actor: "Reader"))
        XCTAssertNil(own.othersCanRead)
        XCTAssertEqual(permissions(of: path), 0o600)
    }

    /// Making a file private takes only the others' bits away: a file its owner made read-only
    /// stays read-only (an attack: 0444 became 0600, writable again, even opened --read-only).
    func testAReadOnlyFileStaysReadOnly() throws {
        try skipOnPostgres("the file's own permissions")
        let dir = TemporaryDirectory()
        let path = dir.file("heard.sqlite")
        do { _ = try makeStore(in: dir) }
        chmod(path, 0o444)
        _ = try Store(path: path, options: StoreOptions(readOnly: true, create: false, actor: "T"))
        XCTAssertEqual(permissions(of: path), 0o400, "private, and still not writable")
    }

    func testDatabaseIsInWALMode() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("heard.sqlite")
        do { _ = try makeStore(in: dir) }
        let mode = try rawQueue(path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(mode?.lowercased(), "wal")
    }

    /// A save is durable when it returns: the writer syncs the log at every commit (FULL, 2).
    /// GRDB sets NORMAL (1) as it turns the log on; the store sets FULL after it.
    func testWriterSyncsTheLogAtEveryCommit() throws {
        try skipOnPostgres("a server's COMMIT waits for its disk by its own setting")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        XCTAssertEqual(try store.write { try $0.sql.int("PRAGMA synchronous") }, 2)
        let path = dir.file("heard.sqlite")
        let reader = try Store(path: path, options: StoreOptions(readOnly: true, create: false, actor: "T"))
        XCTAssertEqual(try reader.contactCount(), 0, "a read-only store opens and reads")
    }

    /// The writer keeps a savepoint's journal (pages of the record as they were) in memory: a bulk
    /// change wrote 160,000 of them to a file under /var/tmp, outside the record's folder. 2 is
    /// MEMORY; a reader is left at SQLite's default (its sorts may be large).
    func testWriterKeepsSavepointJournalsInMemory() throws {
        try skipOnPostgres("a server keeps its own temporary storage")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        XCTAssertEqual(try store.write { try $0.sql.int("PRAGMA temp_store") }, 2)
        let reader = try Store(path: dir.file("heard.sqlite"), options: StoreOptions(readOnly: true, create: false, actor: "T"))
        XCTAssertEqual(try reader.backend.read { try $0.int("PRAGMA temp_store") }, 0)
    }

    /// Whether a table exists is read from `sqlite_master` as GRDB's `tableExists` reads it, on
    /// rows another tool edited (PRAGMA writable_schema), which SQLite itself still reads: a name
    /// or type stored as a BLOB, a name with a NUL and more after it, a name in other case. An
    /// SQL comparison missed them, and a team file so edited was taken for a personal one.
    func testATableIsFoundAsGRDBFindsItOnAnEditedSchema() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("edited.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            for t in ["plain", "blob_name", "blob_type", "nul_after", "Mixed_Case"] { try db.execute(sql: "CREATE TABLE \(t) (x)") }
            try db.execute(sql: "CREATE VIEW a_view AS SELECT 1")
            try db.execute(sql: "PRAGMA writable_schema = ON")
            try db.execute(sql: "UPDATE sqlite_master SET name = CAST(name AS BLOB) WHERE name = 'blob_name'")
            try db.execute(sql: "UPDATE sqlite_master SET type = CAST(type AS BLOB) WHERE name = 'blob_type'")
            try db.execute(sql: "UPDATE sqlite_master SET name = name || char(0) || 'x' WHERE name = 'nul_after'")
            try db.execute(sql: "PRAGMA writable_schema = OFF")
        }
        try queue.close()
        let reread = try DatabaseQueue(path: path)
        try reread.read { db in
            for name in ["plain", "PLAIN", "blob_name", "blob_type", "nul_after", "nul_after\u{0}x", "mixed_case", "a_view", "missing", "", "sqlite_master"] {
                XCTAssertEqual(try Schema.hasTable(db, name), try db.tableExists(name, in: "main"), name.debugDescription)
            }
            XCTAssertTrue(try Schema.hasTable(db, "blob_name"))
            XCTAssertTrue(try Schema.hasTable(db, "nul_after"))
            XCTAssertFalse(try Schema.hasTable(db, "a_view"))
        }
    }

    func testTextFileIsRefusedAsNotADatabaseAndLeftUntouched() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("notes.sqlite")
        try Data(notADatabaseText.utf8).write(to: URL(fileURLWithPath: path))
        let before = bytes(of: path)
        let e = storeError { try Store(path: path, options: StoreOptions(actor: "T")) }
        XCTAssertEqual(e, .notADatabase(path))
        XCTAssertEqual(bytes(of: path), before)
        XCTAssertTrue(e?.description.contains("left untouched") ?? false)
    }

    func testForeignSQLiteFileIsRefusedAsNotHeard() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("foreign.sqlite")
        try makeForeignDatabase(path)
        let e = storeError { try Store(path: path, options: StoreOptions(actor: "T")) }
        XCTAssertEqual(e, .notHeard(path))
        let tables = try rawQueue(path).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name") }
        XCTAssertEqual(tables, ["foo"], "Heard created no table of its own in someone else's file")
    }

    /// StoreError.notHeard says the file "was left untouched". Store.init opens a writable
    /// DatabasePool before checking application_id: the pool switches the file to WAL for good
    /// (header bytes 18-19 go from 1 to 2) and creates and drops a table (GRDB's
    /// "grdb_issue_102" workaround), so the file grows by a page.
    func testForeignSQLiteFileBytesAreUnchangedAfterRefusal() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("foreign.sqlite")
        try makeForeignDatabase(path)
        let before = bytes(of: path)
        XCTAssertEqual(before[18], 1, "fixture: a rollback-journal file")
        _ = storeError { try Store(path: path, options: StoreOptions(actor: "T")) }
        let after = bytes(of: path)
        XCTAssertEqual(after.count, before.count)
        XCTAssertEqual(after, before, "header bytes 18/19 were \(before[18])/\(before[19]), now \(after[18])/\(after[19])")
    }

    func testForeignSQLiteFileReadOnlyIsRefusedAndUntouched() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("foreign.sqlite")
        try makeForeignDatabase(path, wal: true)
        let before = bytes(of: path)
        let e = storeError { try Store(path: path, options: StoreOptions(readOnly: true, actor: "T")) }
        XCTAssertEqual(e, .notHeard(path))
        XCTAssertEqual(bytes(of: path), before)
    }

    func testDatabaseFromNewerVersionIsRefused() throws {
        let dir = TemporaryDirectory()
        let path = try makeNewerHeardDatabase(in: dir)
        let e = storeError { try Store(path: path, options: StoreOptions(actor: "T")) }
        XCTAssertEqual(e, .newerVersion(path))
        XCTAssertTrue(e?.description.contains("newer version") ?? false)
        let ro = storeError { try Store(path: path, options: StoreOptions(readOnly: true, actor: "T")) }
        XCTAssertEqual(ro, .newerVersion(path))
        let rows = try rawQueue(path).read { db in
            (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM contacts") ?? 0)
        }
        XCTAssertEqual(rows.0.last, "v999")
        // (By name "v10" sorts before "v2": the first two are looked for, not their place.)
        XCTAssertTrue(Set(rows.0).isSuperset(of: ["v1", "v2"]), "\(rows.0)")
        XCTAssertEqual(rows.1, 1)
    }

    func testDatabaseFromNewerVersionReadOnlyLeavesBytesUnchanged() throws {
        let dir = TemporaryDirectory()
        let path = try makeNewerHeardDatabase(in: dir)
        let before = bytes(of: path)
        _ = storeError { try Store(path: path, options: StoreOptions(readOnly: true, actor: "T")) }
        XCTAssertEqual(bytes(of: path), before)
    }

    /// The message promises "nothing in it is changed". Store.init opens a writable
    /// DatabasePool before looking at the migrations, and GRDB's pool, finding no -wal file,
    /// creates and drops a table (its "grdb_issue_102" workaround): the file change counter,
    /// schema cookie and page count change.
    func testDatabaseFromNewerVersionBytesAreUnchangedAfterRefusal() throws {
        let dir = TemporaryDirectory()
        let path = try makeNewerHeardDatabase(in: dir)
        let before = bytes(of: path)
        _ = storeError { try Store(path: path, options: StoreOptions(actor: "T")) }
        let after = bytes(of: path)
        XCTAssertEqual(after.count, before.count)
        XCTAssertEqual(after, before)
    }

    func testMissingFileWithoutCreateIsRefused() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("absent/heard.sqlite")
        XCTAssertEqual(storeError { try Store(path: path, options: StoreOptions(create: false, actor: "T")) }, .missingFile(path))
        XCTAssertEqual(storeError { try Store(path: path, options: StoreOptions(readOnly: true, actor: "T")) }, .missingFile(path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("absent")), "no folder is created for a refused open")
    }

    /// A pipe, a device, links in a loop and a link to nothing are each said as what they are,
    /// before anything opens them (a pipe's opening waited for a writer for ever), and nothing
    /// is made.
    func testWhatIsNoFileIsSaidAsWhatItIs() throws {
        let dir = TemporaryDirectory()
        let pipe = dir.file("pipe.sqlite")
        XCTAssertEqual(mkfifo(pipe, 0o600), 0)
        let loop = dir.file("loop1")
        XCTAssertEqual(symlink(dir.file("loop2"), loop), 0)
        XCTAssertEqual(symlink(loop, dir.file("loop2")), 0)
        let dangling = dir.file("dangling.sqlite")
        XCTAssertEqual(symlink(dir.file("nothing-here"), dangling), 0)
        let cases: [(String, String)] = [(pipe, "a pipe"), ("/dev/null", "a device"), (loop, "round in a loop"),
                                         (dangling, "a link to a file that does not exist")]
        for (path, said) in cases {
            for options in [StoreOptions(actor: "T"), StoreOptions(readOnly: true, actor: "T")] {
                guard case .unreadable(let p, let why)? = storeError({ try Store(path: path, options: options) }) else {
                    XCTFail("\(path): expected unreadable"); continue
                }
                XCTAssertEqual(p, path)
                XCTAssertTrue(why.contains(said), why)
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("nothing-here")), "nothing is made through the link")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["dangling.sqlite", "loop1", "loop2", "pipe.sqlite"])

        // A folder where SQLite keeps its journal ("database error: disk I/O error" before).
        let record = dir.file("record.sqlite")
        try Store(path: record, options: StoreOptions(actor: "T")).closeFile()
        try FileManager.default.createDirectory(atPath: record + "-journal", withIntermediateDirectories: false)
        for options in [StoreOptions(actor: "T"), StoreOptions(readOnly: true, actor: "T")] {
            guard case .unreadable(_, let why)? = storeError({ try Store(path: record, options: options) }) else { return XCTFail("expected unreadable") }
            XCTAssertTrue(why.contains("-journal is a folder"), why)
        }
    }

    /// A file with tables of its own and Heard's mark alone (no migration Heard made) is another
    /// program's: refused, and left as it was (an attack marked one, and `heard demo` wrote into it).
    func testAFileMarkedAsHeardsWithTablesOfItsOwnIsRefused() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("marked.sqlite")
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE t(x); INSERT INTO t VALUES (1); PRAGMA application_id = \(Schema.applicationID)")
        }
        let before = bytes(of: path)
        for options in [StoreOptions(actor: "T"), StoreOptions(create: true, actor: "T"), StoreOptions(readOnly: true, actor: "T")] {
            XCTAssertEqual(storeError { try Store(path: path, options: options) }, .notHeard(path))
        }
        XCTAssertEqual(bytes(of: path), before)
    }

    func testFolderAsDatabaseIsRefused() throws {
        let dir = TemporaryDirectory()
        guard case .unreadable(let p, _)? = storeError({ try Store(path: dir.path, options: StoreOptions(actor: "T")) }) else {
            return XCTFail("expected unreadable")
        }
        XCTAssertEqual(p, dir.path)
    }

    func testReopeningKeepsContactsAndReadOnlyRefusesWrites() throws {
        let dir = TemporaryDirectory()
        let path = try storePath(in: dir)
        do { try makeStore(in: dir).add(sampleComplaint(), today: fixedToday) }
        let ro = try Store(path: path, options: StoreOptions(readOnly: true, actor: "T"))
        XCTAssertEqual(try ro.contactCount(), 1)
        XCTAssertEqual(storeError { try ro.add(sampleComplaint(), today: fixedToday) }, .readOnly)
        XCTAssertEqual(try ro.contactCount(), 1)
    }
}

// MARK: - Fixtures

/// A Heard database with one contact whose migrations include one this version does not know.
private func makeNewerHeardDatabase(in dir: TemporaryDirectory) throws -> String {
    let path = dir.file("heard.sqlite")
    do { try makeStore(in: dir).add(sampleComplaint(), today: fixedToday) }
    let q = try rawQueue(path)
    try q.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999')") }
    try q.close()
    XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"), "fixture: everything is in the main file")
    return path
}

private let notADatabaseText = "reference,kind\nCS-2021-0001,complaint\nThese are someone's notes, not a database.\n"

/// An SQLite file with one table of its own, in the default rollback-journal mode unless `wal`.
private func makeForeignDatabase(_ path: String, wal: Bool = false) throws {
    let q = try DatabaseQueue(path: path)
    if wal { try q.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") } }
    try q.write { db in
        try db.execute(sql: "CREATE TABLE foo (id INTEGER PRIMARY KEY, name TEXT)")
        try db.execute(sql: "INSERT INTO foo (name) VALUES ('bar')")
    }
    try q.close()
}
