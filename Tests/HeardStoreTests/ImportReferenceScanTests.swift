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
}
