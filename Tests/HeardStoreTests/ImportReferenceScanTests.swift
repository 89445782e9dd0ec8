import Foundation
import HeardCore
import HeardTestSupport
@testable import HeardStore
import XCTest

/// The import's scan for the references a file names (`ImportReferenceScan`, bytes only)
/// against the full parse it replaced (`Store.referencesNamed`, kept as the reference).
final class ImportReferenceScanTests: XCTestCase {
    func testHandWrittenFilesGiveTheSameReferences() {
        let files = [
            "reference,kind\r\nA-1,comment\r\n a-2 ,comment\r\n",
            "\u{FEFF}kind,Reference\n,x\r\ncomment,\"B-1\"\n\n\ncomment,\"b \"\"2\"\"\"\n",
            "kind,received\nA-1,2022\n",
            "\"reference\"\r\n\"C-1\r\nstill C-1\"\r\nC-2",
            "kind,reference\ncomment,\"unclosed\n",
            "reference,x\n\"a\"b,1\nq\"uote,2\n,,,\n\"\",3\n",
            "x,reference,y\n1\n1,2\n1,Zoë-3,4,5\n",
            "",
            "\r\n\r\nreference\r\nD-1",
        ]
        for f in files {
            let bytes = Array(f.utf8)
            XCTAssertEqual(ImportReferenceScan.references(in: bytes), Store.referencesNamed(in: bytes), f)
        }
        XCTAssertEqual(ImportReferenceScan.references(in: Array("reference,kind\r\nA-1,comment\r\n a-2 ,comment\r\n".utf8)), ["A-1", "A-2"])
    }

    /// Random files of the bytes that matter to CSV: quotes, commas, line ends, spaces, letters.
    func testRandomFilesGiveTheSameReferences() {
        var rng = SplitMix(seed: 2026)
        let alphabet: [[UInt8]] = [[0x22], [0x2C], [0x0D], [0x0A], [0x0D, 0x0A], [0x20], Array("a".utf8), Array("B".utf8),
                                   Array("-1".utf8), Array("é".utf8), [0x22, 0x22]]
        let headers = ["reference,kind\n", "kind,reference,x\r\n", "\u{FEFF}x,y,Reference\n", "kind\n", "\"reference\"\n"]
        for _ in 0..<3_000 {
            var bytes = Array(headers[Int(rng.next() % UInt64(headers.count))].utf8)
            for _ in 0..<Int(rng.next() % 60) { bytes += alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            XCTAssertEqual(ImportReferenceScan.references(in: bytes), Store.referencesNamed(in: bytes), String(decoding: bytes, as: UTF8.self))
        }
    }

    /// A row without a reference is given one the file does not name further on (the scan is
    /// made when that first row comes); a file that names every reference is imported as named.
    func testAGeneratedReferenceSkipsOnesTheFileNamesLater() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let head = "reference,kind,received,service_area,summary\n"
        let summary = try importText(store, head + ",complaint,2022-01-10,Care Leavers,first\n"
                                     + "CS-2022-0001,complaint,2022-01-11,Care Leavers,second\n"
                                     + "cs-2022-0002,complaint,2022-01-12,Care Leavers,third\n"
                                     + ",complaint,2022-01-13,Care Leavers,fourth\n")
        XCTAssertEqual(summary.imported, 4)
        XCTAssertEqual(try rawTexts(store.path, "SELECT reference FROM contacts ORDER BY id"),
                       ["CS-2022-0003", "CS-2022-0001", "cs-2022-0002", "CS-2022-0004"])
        let named = try importText(store, head + "CS-2021-0007,complaint,2021-01-10,Care Leavers,named\n")
        XCTAssertEqual(named.imported, 1)
        XCTAssertEqual(try store.contact(reference: "CS-2021-0007").summary, "named")
    }
}
