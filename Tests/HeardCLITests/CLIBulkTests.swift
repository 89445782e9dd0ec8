import Foundation
@testable import HeardStore
import HeardTestSupport
import XCTest

/// `heard bulk`: the case list's bulk changes from the command line, on the demo. Without --yes
/// nothing is written; with it the cases `heard cases` lists with the same filters (or those
/// named with --ref) change together as one audit group, and a case the rules refuse is named
/// with the reason (exit 1) while the rest stand. Usage errors exit 2 and change nothing.
final class CLIBulkTests: XCTestCase {
    var dir: TemporaryDirectory!
    var db = ""

    override func setUpWithError() throws {
        try requireBinary()
        dir = TemporaryDirectory("heard-cli-bulk")
        db = try makeDemo(in: dir)
    }

    private func run(_ args: [String]) throws -> RunResult { try heard(args + ["--db", db], in: dir) }

    /// The references `heard cases` lists with `filter`.
    private func listed(_ filter: [String]) throws -> [String] {
        let r = try run(["cases", "--format", "json"] + filter)
        XCTAssertEqual(r.status, 0, r.stderr)
        return try jsonArray(r.stdout).compactMap { $0["reference"] as? String }
    }

    private func officer(_ ref: String) throws -> String? {
        let r = try run(["show", ref, "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try jsonObject(r.stdout)["officer"] as? String
    }

    private func changes() throws -> Int {
        let r = try run(["audit", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try jsonArray(r.stdout).filter { ($0["action"] as? String) != "read" && $0["kind"] as? String != "read" }.count
    }

    func testAssignTheFilteredCasesAfterSayingHowManyWithoutYes() throws {
        let overdue = try listed(["--overdue"])
        XCTAssertGreaterThan(overdue.count, 1, "the demo has overdue cases")
        let before = try changes()
        let dry = try run(["bulk", "assign", "Bulk Test Officer", "--overdue"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        let lines = dry.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.first, "\(overdue.count) cases chosen to be assigned to Bulk Test Officer; nothing changed (--yes to do it; a case the rules refuse is then named and left as it is).")
        XCTAssertEqual(lines.dropFirst().first, "As the rules stand now: \(overdue.count) would be assigned to Bulk Test Officer.")
        // Then the cases it chose, in the list's order, each with the officer it would replace.
        let named = Array(lines.dropFirst(2).dropLast())
        XCTAssertEqual(lines.last, "", "ends with a line break")
        XCTAssertEqual(named.count, min(overdue.count, 20) + (overdue.count > 20 ? 1 : 0), dry.stdout)
        for (line, ref) in zip(named, overdue) {
            let current = try officer(ref) ?? ""
            XCTAssertTrue(line.hasPrefix("  \(ref) "), line)
            XCTAssertTrue(line.hasSuffix(" now " + (current.isEmpty ? "no officer" : "officer \(current)")), line)
        }
        XCTAssertFalse(dry.stdout.contains("\u{1B}"))
        XCTAssertEqual(try changes(), before, "a dry run writes nothing")
        XCTAssertNotEqual(try officer(overdue[0]), "Bulk Test Officer")

        let done = try run(["bulk", "assign", "Bulk Test Officer", "--overdue", "--yes"])
        XCTAssertEqual(done.status, 0, done.stderr)
        XCTAssertEqual(done.stdout, "\(overdue.count) cases assigned to Bulk Test Officer.\n")
        for ref in overdue { XCTAssertEqual(try officer(ref), "Bulk Test Officer", ref) }
        XCTAssertEqual(try listed(["--officer", "Bulk Test Officer"]).sorted(), overdue.sorted())
        XCTAssertEqual(try changes(), before + overdue.count, "one audit row a case")

        // A dry run now says they already are, in its count and on each line.
        let dryAgain = try run(["bulk", "assign", "Bulk Test Officer", "--overdue"])
        let againLines = dryAgain.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(againLines.dropFirst().first, "As the rules stand now: 0 would be assigned to Bulk Test Officer, \(overdue.count) are already assigned to Bulk Test Officer.")
        XCTAssertTrue(againLines.dropFirst(2).prefix(20).allSatisfy { $0.hasSuffix("now officer Bulk Test Officer (already)") }, dryAgain.stdout)

        let again = try run(["bulk", "assign", "Bulk Test Officer", "--overdue", "--yes"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdout, "Nothing changed (\(overdue.count) cases already assigned to Bulk Test Officer).\n")
        XCTAssertEqual(try changes(), before + overdue.count)
    }

    /// A dry run over many cases names the first twenty, with where each stands, and says how
    /// many more; `--ref` names them in the order given.
    func testADryRunNamesTheFirstCasesAndCountsTheRest() throws {
        let all = try listed([])
        XCTAssertGreaterThan(all.count, 21, "the demo has more cases than a dry run names")
        let before = try changes()
        let dry = try run(["bulk", "close", "--all"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        let everyLine = dry.stdout.split(separator: "\n").map(String.init)
        let lines = Array(everyLine.prefix(23))
        XCTAssertEqual(lines.last, "  … and \(all.count - 20) more (heard cases lists them all)")
        for (line, ref) in zip(lines.dropFirst(2), all.prefix(20)) { XCTAssertTrue(line.hasPrefix("  \(ref) "), line) }
        XCTAssertTrue(lines.dropFirst(2).prefix(20).allSatisfy { $0.contains(" now ") }, dry.stdout)
        XCTAssertTrue(lines.dropFirst(2).prefix(20).contains { $0.contains(" (refused: ") && !$0.contains("close is not possible") }, dry.stdout)
        XCTAssertEqual(try changes(), before, "a dry run writes nothing")

        // The forecast is what the change then does: as many closed, as many found closed
        // already (nothing written for them), as many refused.
        let forecast = try XCTUnwrap(lines.dropFirst().first)
        let numbers = forecast.split(whereSeparator: { !$0.isNumber && $0 != "," }).compactMap { Int($0.replacingOccurrences(of: ",", with: "")) }
        XCTAssertTrue(forecast.hasPrefix("As the rules stand now: "), forecast)
        XCTAssertTrue(forecast.contains(" are already closed or ended, "), forecast)
        XCTAssertEqual(numbers.count, 3, forecast)
        // The refusals beyond the twenty named follow, with their reasons (a trial's two were
        // hidden in "… and 250 more").
        let namedRefused = lines.dropFirst(2).filter { $0.contains(" (refused: ") }.count
        let rest = Array(everyLine.dropFirst(23))
        XCTAssertEqual(rest.first, "Of those, \(numbers[2] - namedRefused) would be refused:", dry.stdout)
        XCTAssertEqual(rest.count, 1 + min(20, numbers[2] - namedRefused) + (numbers[2] - namedRefused > 20 ? 1 : 0), dry.stdout)
        XCTAssertTrue(rest.dropFirst().prefix(20).allSatisfy { $0.hasPrefix("  ") && $0.contains(" (refused: ") }, dry.stdout)
        let done = try run(["bulk", "close", "--all", "--yes"])
        func cases(_ n: Int) -> String { "\(groupedCount(n)) case\(n == 1 ? "" : "s")" }
        XCTAssertEqual(done.stdout, "\(cases(numbers[0])) closed (\(cases(numbers[1])) already closed or ended).\n")
        XCTAssertTrue(done.stderr.contains("\(cases(numbers[2])) refused"), done.stderr)

        let two = [all[5], all[2]]
        let byRef = try run(["bulk", "escalate", "--ref", two[0], "--ref", two[1]])
        XCTAssertEqual(byRef.status, 0, byRef.stderr)
        let named = byRef.stdout.split(separator: "\n").dropFirst(2).map(String.init)
        XCTAssertEqual(named.count, 2, byRef.stdout)
        for (line, ref) in zip(named, two) {
            let shown = try jsonObject(try run(["show", ref, "--format", "json"]).stdout)
            let status = try XCTUnwrap(shown["status"] as? String).replacingOccurrences(of: "_", with: " ")
            XCTAssertTrue(line.hasPrefix("  \(ref) "), line)
            XCTAssertTrue(line.contains(status), "\(line) / \(status)")
        }
    }

    /// An officer no case names is a new one: said, with the known names it may have meant (a
    /// trial assigned to "Kate", not Kate Richardson, unawares); a known one is not remarked on.
    func testAnOfficerNoCaseNamesIsSaidToBeNewWithTheNamesMeant() throws {
        let ref = try XCTUnwrap(try listed(["--overdue"]).first)
        let known = try XCTUnwrap(try officer(ref))
        let first = try XCTUnwrap(known.split(separator: " ").first.map(String.init))
        let dry = try run(["bulk", "assign", first, "--ref", ref])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stderr.contains("'\(first)' is not an officer Heard knows"), dry.stderr)
        XCTAssertTrue(dry.stderr.contains("did you mean") && dry.stderr.contains(known), dry.stderr)
        let same = try run(["bulk", "assign", known, "--ref", ref])
        XCTAssertEqual(same.stderr, "", "a known officer is not remarked on")

        // Names another tool wrote with padding or an invisible character are one suggestion,
        // not three that look alike (an attack).
        try skipOnPostgres("written by another tool into the file")
        let store = try Store(path: db, options: StoreOptions(actor: "another tool"))
        try store.write { tx in
            let ids = try tx.sql.texts("SELECT CAST(id AS TEXT) FROM contacts WHERE officer != ? ORDER BY id LIMIT 2", [.text(known)])
            try tx.sql.execute("UPDATE contacts SET officer = ? WHERE id = ?", [.text(known + "  "), .int(Int64(ids[0])!)])
            try tx.sql.execute("UPDATE contacts SET officer = ? WHERE id = ?", [.text(known.replacingOccurrences(of: " ", with: "\u{200B} ")), .int(Int64(ids[1])!)])
        }
        store.finish()
        let alike = try run(["bulk", "assign", first, "--ref", ref])
        XCTAssertTrue(alike.stderr.hasSuffix("did you mean \(known)?\n"), alike.stderr)
        // A blank case for `heard audit` is a usage error, not "no case ".
        XCTAssertEqual(try run(["audit", " "]).status, 2)
    }

    /// An anonymised case in a dry run is named once, with why, and no "nothing was changed" of
    /// what is not done yet; done, its line is the refusal as it is, the reference once.
    func testAnAnonymisedCaseIsNamedOnceInADryRunAndItsRefusal() throws {
        let all = try jsonArray(try run(["cases", "--format", "json"]).stdout)
        let closed = try XCTUnwrap(all.first { $0["kind"] as? String == "complaint" && $0["status"] as? String == "closed" }?["reference"] as? String)
        let anon = try run(["anonymise", closed, "--reason", "erasure request"])
        XCTAssertEqual(anon.status, 0, anon.stderr)
        let dry = try run(["bulk", "assign", "Priya Shah", "--ref", closed])
        let line = try XCTUnwrap(dry.stdout.split(separator: "\n").first { $0.contains(" (refused: ") }, dry.stdout)
        XCTAssertTrue(line.contains("(refused: was anonymised on ") && line.hasSuffix("it takes no new personal data.)"), String(line))
        XCTAssertEqual(line.components(separatedBy: closed).count, 2, "the reference once: \(line)")
        let done = try run(["bulk", "assign", "Priya Shah", "--ref", closed, "--yes"])
        XCTAssertEqual(done.status, 1)
        XCTAssertTrue(done.stderr.hasPrefix("heard: \(closed) was anonymised on "), done.stderr)
    }

    func testRefusedCasesAreNamedAndTheRestChange() throws {
        // A responded case may be closed; one still open may not; a closed one is found closed
        // already, and nothing is written for it.
        let all = try jsonArray(try run(["cases", "--format", "json"]).stdout)
        let closed = try XCTUnwrap(all.first { ($0["status"] as? String) == "closed" }?["reference"] as? String)
        let open = try XCTUnwrap(all.first { ($0["status"] as? String) == "open" }?["reference"] as? String)
        let target = try XCTUnwrap(all.first { ($0["status"] as? String) == "responded" }?["reference"] as? String)
        let closedBefore = try run(["show", closed, "--format", "json"]).stdout
        let r = try run(["bulk", "close", "--ref", target, "--ref", closed, "--ref", open, "--yes"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stdout, "1 case closed (1 case already closed or ended).\n")
        XCTAssertTrue(r.stderr.contains("\(open): "), r.stderr)
        XCTAssertFalse(r.stderr.contains("\(closed)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("1 case refused and left as it was"), r.stderr)
        let shown = try jsonObject(try run(["show", target, "--format", "json"]).stdout)
        XCTAssertEqual(shown["status"] as? String, "closed")
        XCTAssertEqual(try run(["show", closed, "--format", "json"]).stdout, closedBefore, "the closed case is as it was")
        // Only closed cases: nothing changed, and that is not a failure.
        let again = try run(["bulk", "close", "--ref", closed, "--yes"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdout, "Nothing changed (1 case already closed or ended).\n")
    }

    /// A name is cleaned as typed values are; a service area takes its configured spelling, and
    /// an unknown one is refused before anything; a blank --search chooses nothing (attack).
    func testNamesAreCleanedAndAreasTakeTheirConfiguredSpelling() throws {
        let ref = try XCTUnwrap(try listed(["--overdue"]).first)
        let r = try run(["bulk", "assign", "Evil\u{1B}[31mRED\u{1B}[0m\nLine", "--ref", ref, "--yes"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("\u{1B}"), r.stdout)
        XCTAssertEqual(try officer(ref), "Evil[31mRED[0m Line")
        let area = try run(["bulk", "area", "adoption", "--ref", ref, "--yes"])
        XCTAssertEqual(area.status, 0, area.stderr)
        XCTAssertEqual(area.stdout, "1 case moved to Adoption.\n")
        let unknown = try run(["bulk", "area", "Narnia", "--ref", ref])
        XCTAssertEqual(unknown.status, 1, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("'Narnia' is not a configured service area"), unknown.stderr)
        let blank = try run(["bulk", "close", "--search", "  ", "--yes"])
        XCTAssertEqual(blank.status, 2, blank.stderr)
        XCTAssertTrue(blank.stderr.contains("say which cases"), blank.stderr)
        let long = try run(["bulk", "assign", String(repeating: "x", count: 201), "--all"])
        XCTAssertEqual(long.status, 2, long.stderr)
    }

    func testUsageErrorsChangeNothing() throws {
        let before = try changes()
        for (args, message) in [
            (["bulk", "assign", "Someone"], "say which cases"),
            (["bulk", "assign", "--all"], "assign needs the officer"),
            (["bulk", "escalate", "Someone", "--all"], "escalate takes no name"),
            (["bulk", "promote", "--all"], "'promote' is not a bulk change"),
            (["bulk", "close", "--all", "--overdue"], "give one of them"),
            (["bulk", "close", "--stage", "4"], "--stage must be 1, 2 or 3"),
        ] {
            let r = try run(args + ["--yes"])
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        let unknown = try run(["bulk", "close", "--ref", "CS-1999-9999", "--yes"])
        XCTAssertEqual(unknown.status, 1, unknown.stderr)
        XCTAssertEqual(try changes(), before)
    }
}

/// 1234 as the CLI writes counts: 1,234.
private func groupedCount(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
        out.append(d)
    }
    return out
}
