@testable import HeardBenchmark
import HeardCore
import XCTest

/// The benchmark's own logic that a run by hand would not catch going wrong: its command line,
/// its verdicts, the password left out of what it prints, and the tasks it gives taskwarrior.
final class BenchmarkPartsTests: XCTestCase {
    private func options(_ args: [String], env: [String: String] = [:]) -> Options? {
        if case .success(let o) = Options.parse(args, environment: env) { return o }
        return nil
    }

    private func refusal(_ args: [String]) -> String? {
        if case .failure(let e) = Options.parse(args, environment: [:]) { return e.message }
        return nil
    }

    func testSizesPartsAndServerAreRead() throws {
        let o = try XCTUnwrap(options(["1000", "--only", "list,report", "--postgres", "postgresql://u@h/db", "--data", "/tmp/x", "--no-taskwarrior"]))
        XCTAssertEqual(o.sizes, [1000])
        XCTAssertTrue(o.runs("list"))
        XCTAssertTrue(o.runs("report"))
        XCTAssertFalse(o.runs("bulk"))
        XCTAssertEqual(o.postgres, "postgresql://u@h/db")
        XCTAssertEqual(o.dataFolder, "/tmp/x")
        XCTAssertFalse(o.taskwarrior)
    }

    func testDefaultsRunEveryPartAtThreeSizes() throws {
        let o = try XCTUnwrap(options([]))
        XCTAssertEqual(o.sizes, [1_000, 10_000, 100_000])
        XCTAssertTrue(Options.parts.allSatisfy(o.runs))
        XCTAssertNil(o.postgres)
    }

    func testTheServerMayComeFromTheEnvironmentButTheFlagWins() throws {
        XCTAssertEqual(options([], env: ["HEARD_BENCH_POSTGRES": "postgresql://a@b/c"])?.postgres, "postgresql://a@b/c")
        XCTAssertEqual(options(["--postgres", "postgresql://x@y/z"], env: ["HEARD_BENCH_POSTGRES": "postgresql://a@b/c"])?.postgres, "postgresql://x@y/z")
    }

    func testBadArgumentsAreNamed() {
        XCTAssertEqual(refusal(["--only", "lists"])?.hasPrefix("--only: no part called \"lists\""), true)
        XCTAssertEqual(refusal(["--postgres"]), "--postgres needs a URL")
        XCTAssertEqual(refusal(["0"])?.hasPrefix("unknown argument \"0\""), true)
        XCTAssertEqual(refusal(["--fast"])?.hasPrefix("unknown argument \"--fast\""), true)
        XCTAssertEqual(refusal(["--against"]), "--against needs the path of another heard")
        XCTAssertEqual(refusal(["--against", "/nonexistent/heard"]), "--against: /nonexistent/heard is not a program that can be run")
    }

    /// `--against` names another build to run in turn; none by default.
    func testAnotherBuildToMeasureAgainstIsRead() throws {
        XCTAssertNil(try XCTUnwrap(options([])).against)
        XCTAssertEqual(try XCTUnwrap(options(["--against", "/bin/true"])).against, "/bin/true")
    }

    func testATimeBudgetIsACeilingALeadAFloorAndAFailedCommandFails() {
        let under = Figure(size: 1, database: "sqlite", name: "x", value: 0.2, unit: .seconds, budget: 0.25)
        let over = Figure(size: 1, database: "sqlite", name: "x", value: 0.3, unit: .seconds, budget: 0.25)
        let lead = Figure(size: 1, database: "sqlite", name: "x", value: 30, unit: .times, budget: 25)
        let shortLead = Figure(size: 1, database: "sqlite", name: "x", value: 3, unit: .times, budget: 25)
        let failed = Figure(size: 1, database: "sqlite", name: "x", value: 0.01, unit: .seconds, budget: 0.25, failed: true)
        let unbudgeted = Figure(size: 1, database: "sqlite", name: "x", value: 9, unit: .seconds)
        XCTAssertEqual(under.pass, true)
        XCTAssertEqual(over.pass, false)
        XCTAssertEqual(lead.pass, true)
        XCTAssertEqual(shortLead.pass, false)
        XCTAssertEqual(failed.pass, false)
        XCTAssertNil(unbudgeted.pass)
        XCTAssertTrue(over.line.hasSuffix("FAIL"))
        XCTAssertTrue(lead.line.contains("≥ 25.0 ×"))
    }

    func testTheComparisonPassesWithinTwiceSQLiteAndTheSlashKeyWithinAFrame() {
        let figures = Figures()
        figures.add(1, "heard report, one year", 0.100, budget: 0.060)
        figures.add(1, "bulk assign", 1.0, budget: 2)
        figures.add(1, "/ keystroke to finished frame", 0.001, budget: 0.005)
        figures.add(1, "heard import of 9 rows (min of 3)", 1.0, budget: 1.5)
        figures.database = "postgres"
        figures.add(1, "heard report, one year", 0.190, budget: 0.060)
        figures.add(1, "bulk assign", 2.5, budget: 2)
        figures.add(1, "/ keystroke to finished frame", 0.010, budget: 0.005)
        figures.add(1, "heard import of 9 rows", 3.0, budget: 1.5)   // one run on the server: still the same measure
        let c = PostgresBench.compare(size: 1, figures: figures)
        XCTAssertEqual(c.pass, 2)   // the report (1.9×) and / (10 ms, within a frame though 10×)
        XCTAssertEqual(c.fail, 2)   // the bulk change (2.5×) and the import (3×)
    }

    func testThePasswordIsLeftOutOfWhatIsPrinted() {
        XCTAssertEqual(PostgresBench.display("postgresql://bench:s3cret@127.0.0.1:5439/heard"), "postgresql://bench@127.0.0.1:5439/heard")
        XCTAssertEqual(PostgresBench.display("postgresql://bench@127.0.0.1/heard"), "postgresql://bench@127.0.0.1/heard")
    }

    func testTasksKeepTheCasesDatesShiftedAndLiveCasesPending() throws {
        var open = CaseSummary.sample(reference: "CS-2026-0001", status: .open)
        open.due = LocalDate(iso: "2026-03-20")
        let closed = CaseSummary.sample(reference: "CS-2025-0001", status: .closed)
        let text = try Taskwarrior.tasks([open, closed], shift: 10)
        let lines = text.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines[0]?["status"] as? String, "pending")
        XCTAssertEqual(lines[0]?["due"] as? String, "20260330T120000Z")
        XCTAssertEqual(lines[0]?["project"] as? String, "Officer_7")
        XCTAssertEqual(lines[1]?["status"] as? String, "completed")
        XCTAssertNotNil(lines[1]?["end"])
        XCTAssertNotEqual(lines[0]?["uuid"] as? String, lines[1]?["uuid"] as? String)
    }
}

private extension CaseSummary {
    /// A complaint of Officer 7's received 2026-01-05, in `status`.
    static func sample(reference: String, status: CaseStatus) -> CaseSummary {
        CaseSummary(id: 1, reference: reference, kind: .complaint, received: LocalDate(iso: "2026-01-05") ?? LocalDate(dayNumber: 0),
                    serviceArea: "Fostering", team: "Team 1", complainantName: "A Person", isChildOrYoungPerson: false,
                    officer: "Officer 7", summary: "About fostering", stage: 1, status: status, due: nil, overdue: false,
                    paused: false, extended: false, daysLeft: nil, version: 1)
    }
}
