import Foundation
import GRDB
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The immutable open of a file in a folder SQLite cannot write in (`UnwritableFolder`): its URI
/// names the very file whatever its name holds, and it is used only when no -wal holds saves.
/// (The folders themselves are tried on a read-only mount: `DamagedFileTests`.)
final class UnwritableFolderTests: XCTestCase {
    func testTheURINamesTheFileWhateverItsNameHolds() throws {
        try skipOnPostgres("a SQLite file's URI")
        try XCTSkipUnless(UnwritableFolder.supportsURIs, "this SQLite takes no URIs")
        let dir = TemporaryDirectory()
        // A ? or # would end the name in a URI, a % would be decoded, a space and é are bytes.
        for name in ["plain.sqlite", "a?b#c%41d.sqlite", "back up é 100%.sqlite", "%3F.sqlite"] {
            let path = dir.file(name)
            let q = try DatabaseQueue(path: path)
            try q.write { try $0.execute(sql: "CREATE TABLE t(x); INSERT INTO t VALUES (?)", arguments: [name]) }
            try q.close()
            var config = Configuration()
            config.readonly = true
            let uri = UnwritableFolder.uri(path)
            XCTAssertTrue(uri.hasPrefix("file:///") && uri.hasSuffix("?immutable=1"), uri)
            let reader = try DatabaseQueue(path: uri, configuration: config)
            XCTAssertEqual(try reader.read { try String.fetchOne($0, sql: "SELECT x FROM t") }, name)
            try reader.close()
            for suffix in ["-wal", "-shm", "-journal"] {
                XCTAssertFalse(FileManager.default.fileExists(atPath: path + suffix), "\(name)\(suffix): an immutable read makes no file")
            }
        }
        // Not the file in the folder above, nor any file a decoded name would be.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(),
                       ["%3F.sqlite", "a?b#c%41d.sqlite", "back up é 100%.sqlite", "plain.sqlite"])
    }

    func testALogHoldsSavesUnlessAbsentOrNoLongerThanItsHeader() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("r.sqlite")
        XCTAssertFalse(UnwritableFolder.logHoldsSaves(path), "no -wal")
        for (bytes, holds) in [(0, false), (32, false), (33, true), (4_152, true)] {
            XCTAssertTrue(FileManager.default.createFile(atPath: path + "-wal", contents: Data(repeating: 1, count: bytes)))
            XCTAssertEqual(UnwritableFolder.logHoldsSaves(path), holds, "\(bytes) bytes")
        }
        // A -wal that is a link to a log elsewhere is looked at, not followed: it may hold saves.
        try FileManager.default.removeItem(atPath: path + "-wal")
        try FileManager.default.createSymbolicLink(atPath: path + "-wal", withDestinationPath: dir.file("nowhere"))
        XCTAssertTrue(UnwritableFolder.logHoldsSaves(path))
    }

    func testAFileInAWritableFolderIsOpenedByItsPathAsEver() throws {
        let dir = TemporaryDirectory()
        XCTAssertNil(UnwritableFolder.immutableURI(dir.file("r.sqlite"), readOnly: true))
        XCTAssertNil(UnwritableFolder.immutableURI("/proc/r.sqlite", readOnly: false), "only for reading")
    }
}
