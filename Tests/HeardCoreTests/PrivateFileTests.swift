import Foundation
import HeardFiles
import HeardTestSupport
import XCTest

/// The one private-file writer: 0600, all or nothing, never through a link.
final class PrivateFileTests: XCTestCase {
    func mode(_ path: String) -> Int {
        var st = stat()
        guard lstat(path, &st) == 0 else { return -1 }
        return Int(st.st_mode & 0o777)
    }

    func testWritesANewFile0600AndReplacesAnExistingOneWhole() throws {
        let dir = TemporaryDirectory("heard-private")
        let path = dir.file("out.csv")
        try PrivateFile.write("a,b\r\n", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "a,b\r\n")
        XCTAssertEqual(mode(path), 0o600)
        // A file someone made readable by all is replaced by a private one.
        try "old and longer text".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o644)
        try PrivateFile.write("new", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new")
        XCTAssertEqual(mode(path), 0o600)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["out.csv"], "no temporary file is left")
    }

    func testASymbolicLinkIsRefusedAndNotFollowed() throws {
        let dir = TemporaryDirectory("heard-private-link")
        let victim = dir.file("victim.txt")
        try "keep me".write(toFile: victim, atomically: false, encoding: .utf8)
        let link = dir.file("report.html")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        XCTAssertThrowsError(try PrivateFile.write("secret", to: link)) { e in
            XCTAssertEqual((e as? FileWriteError)?.description, "\(link): is a symbolic link; not written (name the file itself)")
        }
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "keep me")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), victim, "the link is left as it was")
    }

    func testAFolderOrAMissingFolderIsAClearError() throws {
        let dir = TemporaryDirectory("heard-private-dir")
        XCTAssertThrowsError(try PrivateFile.write("x", to: dir.path)) { e in
            XCTAssertEqual((e as? FileWriteError)?.description, "\(dir.path): is a folder, not a file")
        }
        let missing = dir.file("no/such/folder.csv")
        XCTAssertThrowsError(try PrivateFile.write("x", to: missing)) { e in
            XCTAssertEqual((e as? FileWriteError)?.description, "\(missing): cannot write (No such file or directory)")
        }
    }
}

/// What reaches a terminal holds no control character but line breaks and tabs.
final class TerminalTextTests: XCTestCase {
    func testEscapeSequencesBellsAndC1CodesAreDroppedLineBreaksAndTabsKept() {
        XCTAssertEqual(TerminalText.safe("Zoë\u{1B}]52;c;aGk=\u{07} Hughes\tCS-1\r\n\u{9B}2J\u{7F}end\n"), "Zoë]52;c;aGk= Hughes\tCS-1\n2Jend\n")
        XCTAssertEqual(TerminalText.safe("李小龍 👩‍👧 plain\n"), "李小龍 👩‍👧 plain\n", "nothing else is touched")
    }
}

/// A file whose name is as long as a name may be is written (its temporary name was longer).
final class PrivateFileLongNameTests: XCTestCase {
    func testANameOfTheLongestLengthIsWritten() throws {
        let dir = TemporaryDirectory("heard-private-long")
        for name in [String(repeating: "a", count: 251) + ".csv", String(repeating: "é", count: 125) + ".csv"] {
            XCTAssertLessThanOrEqual(name.utf8.count, 255)
            let path = dir.file(name)
            XCTAssertNoThrow(try PrivateFile.write("reference,kind\n", to: path))
            XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "reference,kind\n")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).count, 2, "no temporary file left")
    }
}

/// After an attack: an export written over the open database put a CSV where the whole record
/// was. A database, and the log and index SQLite keeps beside one, is never replaced.
final class PrivateFileDatabaseTests: XCTestCase {
    func testADatabaseAndItsCompanionsAreNeverReplaced() throws {
        let dir = TemporaryDirectory("heard-private-db")
        let db = dir.file("record.sqlite")
        let header = Array("SQLite format 3".utf8) + [0] + [UInt8](repeating: 7, count: 4080)
        XCTAssertTrue(FileManager.default.createFile(atPath: db, contents: Data(header)))
        let wal = dir.file("record.sqlite-wal")
        XCTAssertTrue(FileManager.default.createFile(atPath: wal, contents: Data([0x37, 0x7f, 0x06, 0x82])))
        for (path, words) in [(db, "is a database; not replaced"), (wal, "belongs to the database beside it; not replaced")] {
            XCTAssertEqual(PrivateFile.refusal(path)?.description.contains(words), true, path)
            XCTAssertThrowsError(try PrivateFile.write("reference,kind\n", to: path), path) { e in
                XCTAssertTrue("\(e)".contains(words), "\(e)")
            }
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), Data(header), "the database is untouched")
        // A file that only mentions SQLite, or is shorter than the header, is an ordinary file.
        let text = dir.file("notes.txt")
        try "SQLite format 3 is how a database begins".write(toFile: text, atomically: true, encoding: .utf8)
        XCTAssertNil(PrivateFile.refusal(text))
        XCTAssertNoThrow(try PrivateFile.write("replaced\n", to: text))
        XCTAssertNil(PrivateFile.refusal(dir.file("new.csv")), "a new file is written")
        XCTAssertNil(PrivateFile.refusal(dir.file("other.sqlite-wal")), "a -wal with no database beside it is a name like any")
        // Not made yet, the database's journal or index is still its own (a CSV there made
        // SQLite refuse the record, and one named -shm was zeroed at the next open).
        for companion in ["-journal", "-shm"] {
            let path = db + companion
            XCTAssertEqual(PrivateFile.refusal(path)?.description.contains("belongs to the database beside it"), true, path)
            XCTAssertThrowsError(try PrivateFile.write("reference,kind\n", to: path), path)
            XCTAssertFalse(FileManager.default.fileExists(atPath: path), path)
        }
    }
}
