import Foundation
import HeardTestSupport
import XCTest

/// `heard undo`: the screens' `u` from the command line. It takes back the newest step of the
/// person running it, asks first (a script must say --yes), and refuses, changing nothing, when
/// someone else has changed the case since.
final class CLIUndoTests: XCTestCase {
    override func setUpWithError() throws { try requireBinary() }

    /// A folder of settings naming `officer`, as config.toml does.
    func settings(_ officer: String, in dir: TemporaryDirectory) throws -> [String: String] {
        let folder = dir.file("config-\(officer.split(separator: " ").joined())")
        try FileManager.default.createDirectory(atPath: folder + "/heard", withIntermediateDirectories: true)
        try write("officer = \"\(officer)\"\n", to: folder + "/heard/config.toml")
        return ["XDG_CONFIG_HOME": folder]
    }

    func testUndoTakesBackTheLastStepOfWhoeverRunsItAndNoFurtherThanOthersChanges() throws {
        let dir = TemporaryDirectory("heard-cli-undo")
        let csv = dir.file("one.csv")
        try write("""
            reference,kind,received,service_area,procedure,complainant_name,categories,summary,officer
            CS-2022-0900,complaint,2022-06-13,Care Leavers,statutory,Mrs Alice Patel,communication and information,Calls not returned,Kate Richardson
            CS-2022-0901,complaint,2022-06-13,Care Leavers,statutory,Mr Bo Lee,communication and information,Letter lost,Kate Richardson

            """, to: csv)
        let db = try cliDatabase(dir.file("undo.sqlite"), in: dir)
        let a = try settings("Officer A", in: dir), b = try settings("Officer B", in: dir)
        XCTAssertEqual(try heard(["import", csv, "--db", db], in: dir, environment: b).status, 0)
        /// The kinds of the case's timeline (what the procedure holds, not the history's words).
        func timeline(_ ref: String) throws -> [String] {
            let json = try heard(["show", ref, "--format", "json", "--db", db], in: dir).stdout
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            return (object?["timeline"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        }

        XCTAssertEqual(try heard(["move", "CS-2022-0900", "acknowledge", "--db", db], in: dir, environment: a).status, 0)
        XCTAssertEqual(try heard(["move", "CS-2022-0900", "pause", "--reason", "Waiting for the file", "--db", db], in: dir, environment: a).status, 0)
        // A script must say --yes: without it nothing changes.
        let asked = try heard(["undo", "--db", db], in: dir, environment: a)
        XCTAssertEqual(asked.status, 1)
        XCTAssertTrue(asked.stderr.contains("nothing was changed"), asked.stderr)
        XCTAssertTrue(try timeline("CS-2022-0900").contains("paused"))

        let undone = try heard(["undo", "--yes", "--db", db], in: dir, environment: a)
        XCTAssertEqual(undone.status, 0, undone.stderr)
        XCTAssertEqual(undone.stdout, "Undid: stage 1 pause on CS-2022-0900\n")
        XCTAssertFalse(try timeline("CS-2022-0900").contains("paused"), "the pause is gone")
        XCTAssertTrue(try timeline("CS-2022-0900").contains("acknowledged"), "the step before is kept")

        // Run again, it takes back the step before (its own first undo does not stop it)…
        let again = try heard(["undo", "--yes", "--db", db], in: dir, environment: a)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertFalse(try timeline("CS-2022-0900").contains("acknowledged"), "the acknowledgement is taken back too")
        XCTAssertEqual(try heard(["move", "CS-2022-0900", "acknowledge", "--db", db], in: dir, environment: a).status, 0)
        // …but Officer B changes the case; A's acknowledgement is then not taken back over it.
        XCTAssertEqual(try heard(["log", "CS-2022-0900", "out call chased the file", "--db", db], in: dir, environment: b).status, 0)
        let refused = try heard(["undo", "--yes", "--db", db], in: dir, environment: a)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("CS-2022-0900 was changed by Officer B since"), refused.stderr)
        XCTAssertTrue(try timeline("CS-2022-0900").contains("acknowledged"), "nothing was undone")
        // B's own undo takes back B's step, not A's.
        let theirs = try heard(["undo", "--yes", "--db", db], in: dir, environment: b)
        XCTAssertEqual(theirs.status, 0, theirs.stderr)
        XCTAssertTrue(theirs.stdout.contains("CS-2022-0900"), theirs.stdout)
        let nobody = try heard(["undo", "--yes", "--db", db], in: dir, environment: try settings("Officer C", in: dir))
        XCTAssertEqual(nobody.status, 1)
        XCTAssertEqual(nobody.stderr, "heard: nothing of yours (Officer C) is left to undo\n")
    }

    /// A reference written whole names its case whatever its shape, before a number names every
    /// year's case of that number (another tool's `39` or `0040` could never be named).
    func testAReferenceWrittenWholeWinsOverANumber() throws {
        let dir = TemporaryDirectory("heard-cli-whole-reference")
        let csv = dir.file("refs.csv")
        try write("""
            reference,kind,received,service_area
            CS-2021-0039,compliment,2021-05-01,Adoption
            CS-2022-0039,compliment,2022-05-01,Adoption
            39,compliment,2022-05-02,Adoption
            CS-2021-0040,compliment,2021-05-03,Adoption
            0040,compliment,2022-05-04,Adoption

            """, to: csv)
        let db = try cliDatabase(dir.file("refs.sqlite"), in: dir)
        XCTAssertEqual(try heard(["import", csv, "--db", db], in: dir).status, 0)
        func shown(_ typed: String) throws -> String? {
            let r = try heard(["show", typed, "--format", "json", "--db", db], in: dir)
            guard r.status == 0 else { return nil }
            return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["reference"] as? String
        }
        XCTAssertEqual(try shown("39"), "39")
        XCTAssertEqual(try shown("0040"), "0040")
        XCTAssertEqual(try shown("CS-2021-0039"), "CS-2021-0039")
        XCTAssertNil(try shown("0039"), "not written whole: every year's 39, so which is asked")
        let ambiguous = try heard(["show", "40", "--db", db], in: dir)
        XCTAssertEqual(ambiguous.status, 1)
        XCTAssertTrue(ambiguous.stderr.contains("give the whole reference"), ambiguous.stderr)
    }
}
