import Foundation
import HeardTestSupport
import XCTest

/// Import files that are not what they seem: each is refused with where and why, nothing is
/// imported, and nothing of the file's content is echoed back.
final class HostileImportTests: XCTestCase {
    var dir: TemporaryDirectory!
    var db = ""

    override func setUpWithError() throws {
        try requireBinary()
        dir = TemporaryDirectory("heard-hostile-import")
        db = dir.file("a.sqlite")
        // An existing, empty database, so that a refused import is seen to leave it empty (a
        // file the refused import itself created would be removed).
        try Data("kind,received,service_area\n".utf8).write(to: URL(fileURLWithPath: dir.file("empty.csv")))
        XCTAssertEqual(try heard(["import", dir.file("empty.csv"), "--db", db], in: dir).status, 0)
    }

    func importing(_ bytes: [UInt8]) throws -> RunResult {
        let path = dir.file("in-\(UUID().uuidString.prefix(6)).csv")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try heard(["import", path, "--db", db], in: dir)
    }

    /// Unknown columns are named in the report on one line, without control characters, each
    /// short, the first eight only (an attack: a header of escape sequences cleared the terminal,
    /// and a file whose rows ended in NEL printed every name in it as "unknown columns").
    func testUnknownColumnsAreNamedSafelyAndBriefly() throws {
        let rows = (1...30).map { "2022-05-\(String(format: "%02d", $0 % 28 + 1)) Person Number\($0) born 2011-02-03" }
        let header = "kind,received,service_area,\u{1B}[2J\u{1B}]0;PWNED\u{07}Jane Doe," + rows.joined(separator: ",")
        let r = try importing(Array((header + "\r\ncomment,2022-05-03,Adoption,x\r\n").utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, r.stdout.debugDescription)
        XCTAssertTrue(r.stdout.contains("ignored unknown columns: [2J]0;PWNEDJane Doe, "), r.stdout)
        XCTAssertTrue(r.stdout.contains(" and 23 more"), r.stdout)
        XCTAssertFalse(r.stdout.contains("Number8 "), "the first eight only")
        XCTAssertLessThan(r.stdout.count, 600, r.stdout)
    }

    func testTextThatIsNotUTF8IsRefusedWithItsLine() throws {
        let r = try importing(Array("kind,received,service_area,complainant_name\r\ncomment,2022-05-03,Adoption,Zo".utf8) + [0xEB] + Array("\r\n".utf8))
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("line 2: row: is not UTF-8 text"), r.stderr)
        XCTAssertEqual(try heard(["cases", "--format", "csv", "--db", db], in: dir).stdout.split(separator: "\r\n").count, 1, "nothing imported")
    }

    func testAReceivedDateBefore1900AndAHugeReferenceAreRefusedWithoutEchoingThem() throws {
        let huge = String(repeating: "Zoë Hughes ", count: 10_000)
        let r = try importing(Array("reference,kind,received,service_area\r\nX-1,comment,1899-01-01,Adoption\r\n\(huge),comment,2022-05-03,Adoption\r\n".utf8))
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("line 2: received: is before 1900"), r.stderr)
        XCTAssertTrue(r.stderr.contains("line 3: reference: is longer than 40 characters"), r.stderr)
        XCTAssertFalse(r.stderr.contains("Zoë"), "the reference column's content is not echoed")
        XCTAssertLessThan(r.stderr.count, 1_000)
    }

    /// A reference with a character that does not show would look like another case's on every
    /// screen and is not it: refused, naming the character, not the reference.
    func testAReferenceWithACharacterThatDoesNotShowIsRefused() throws {
        let r = try importing(Array("reference,kind,received,service_area\r\nCS-2022-0001\u{200B},comment,2022-05-03,Adoption\r\nCS-2022\u{00AD}-0002,comment,2022-05-03,Adoption\r\nCS-2022-0003,comment,2022-05-03,Adoption\r\nCS-2022-0004\u{034F},comment,2022-05-03,Adoption\r\nCS-2022-\u{3164}0005,comment,2022-05-03,Adoption\r\nCS-2022-0006\u{FE0F},comment,2022-05-03,Adoption\r\n".utf8))
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("line 2: reference: holds a character that does not show (U+200B ZERO WIDTH SPACE): type it again without it"), r.stderr)
        XCTAssertTrue(r.stderr.contains("line 3: reference: holds a character that does not show (U+00AD SOFT HYPHEN)"), r.stderr)
        XCTAssertFalse(r.stderr.contains("line 4"), r.stderr)
        // Unicode's other invisible characters: a combining grapheme joiner, a Hangul filler, a variation selector.
        for (line, code) in [(5, "034F"), (6, "3164"), (7, "FE0F")] {
            XCTAssertTrue(r.stderr.contains("line \(line): reference: holds a character that does not show (U+\(code) "), r.stderr)
        }
        XCTAssertEqual(try heard(["cases", "--format", "csv", "--db", db], in: dir).stdout.split(separator: "\r\n").count, 1, "nothing imported")
    }

    /// A character that passes for another (a non-breaking hyphen, a Cyrillic letter) is refused
    /// as well, named by its code, never by the reference it is in.
    func testAReferenceWithALookalikeCharacterIsRefused() throws {
        let r = try importing(Array("reference,kind,received,service_area\r\nCS\u{2011}2022\u{2011}0001,comment,2022-05-03,Adoption\r\n\u{0421}S-2022-0002,comment,2022-05-03,Adoption\r\nCS-2022-0003,comment,2022-05-03,Adoption\r\n".utf8))
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("line 2: reference: holds a character that can pass for another (U+2011 NON-BREAKING HYPHEN)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("line 3: reference: holds a character that can pass for another (U+0421 CYRILLIC CAPITAL LETTER ES)"), r.stderr)
        XCTAssertFalse(r.stderr.contains("line 4"), r.stderr)
        XCTAssertFalse(r.stderr.contains("2022\u{2011}0001"), "the reference is not echoed")
        XCTAssertEqual(try heard(["cases", "--format", "csv", "--db", db], in: dir).stdout.split(separator: "\r\n").count, 1, "nothing imported")
    }

    /// References compare as the databases compare them, A to Z in either case alike and every
    /// other character as it is: "CS-2022-ß01" is not the stored "CS-2022-SS01", and a Latin
    /// Extended-B letter shaped like a digit is refused.
    func testReferencesCompareAsTheDatabaseComparesThem() throws {
        XCTAssertEqual(try importing(Array("reference,kind,received,service_area\r\nCS-2022-SS01,comment,2022-05-03,Adoption\r\n".utf8)).status, 0)
        let r = try importing(Array("reference,kind,received,service_area\r\nCS-2022-ß01,comment,2022-05-03,Adoption\r\ncs-2022-ss01,comment,2022-05-03,Adoption\r\nCS-2022-0Ʒ05,comment,2022-05-03,Adoption\r\n".utf8))
        XCTAssertEqual(r.status, 1)
        XCTAssertFalse(r.stderr.contains("line 2"), r.stderr)
        XCTAssertTrue(r.stderr.contains("line 3"), "the stored reference in other letters: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains("line 4: reference: holds a character that can pass for another (U+01B7 LATIN CAPITAL LETTER EZH)"), r.stderr)
        // A control character in a reference is refused, not dropped unsaid ("X-2", U+202E, "9" was stored as "X-29").
        let bidi = try importing(Array("reference,kind,received,service_area\r\nX-2\u{202E}9,comment,2022-05-03,Adoption\r\n".utf8))
        XCTAssertEqual(bidi.status, 1)
        XCTAssertTrue(bidi.stderr.contains("line 2: reference: holds a character that does not show (U+202E RIGHT-TO-LEFT OVERRIDE)"), bidi.stderr)
    }

    func testAPipeIsRefusedInsteadOfWaitedOn() throws {
        let fifo = dir.file("pipe.csv")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let r = try heard(["import", fifo, "--db", db], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("is a pipe, not a file"), r.stderr)
    }
}
