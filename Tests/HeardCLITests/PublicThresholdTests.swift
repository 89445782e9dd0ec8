import Foundation
@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// `[report] suppress_up_to = 9`: the report screen's public view, `heard report --public` and
/// the screen's export all hide counts from 1 to 9, with the same figures.
final class PublicThresholdTests: XCTestCase {
    func testThresholdNineOnTheScreenTheCommandLineAndTheExport() throws {
        try requireBinary()
        let dir = TemporaryDirectory("heard-threshold")
        try FileManager.default.createDirectory(atPath: dir.file("config/heard"), withIntermediateDirectories: true)
        try "[report]\nsuppress_up_to = 9\n".write(toFile: dir.file("config/heard/config.toml"), atomically: true, encoding: .utf8)
        let config = try HeardConfiguration.load(environment: ["XDG_CONFIG_HOME": dir.file("config")])
        XCTAssertEqual(config.rules.suppressUpTo, 9)
        XCTAssertEqual(config.warnings, [])
        let today = day(cliToday)
        let db = try cliDatabase(dir.file("demo.sqlite"), in: dir)
        let store = try Store(path: db, options: StoreOptions(create: true, rules: config.rules, reference: config.reference))
        try store.writeDemo(today: today)

        // The command line.
        let cli = try heard(["report", "--from", "2021-04-01", "--to", "2022-03-31", "--format", "json", "--public", "--db", db], in: dir)
        XCTAssertEqual(cli.status, 0, cli.stderr)

        // The screen: p on the report for the same year.
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 100, height: 30))
        let runner = AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: "demo", unicode: true,
                                               keymap: keymap, rules: store.rules),
                               store: store, backend: backend)
        runner.firstFrame()
        runner.loadEverything()
        runner.dispatch(.key(.char(":")))
        for ch in "report 2021-22" { runner.dispatch(.key(.char(ch))) }
        runner.dispatch(.key(.enter))
        runner.dispatch(.key(.char("p")))
        guard case .report(let r)? = runner.state.stack.last else { return XCTFail("the report screen is not open") }
        XCTAssertTrue(r.publicView)
        let full = try XCTUnwrap(r.report)
        let shown = try XCTUnwrap(r.shown)
        XCTAssertEqual(ReportRenderer.json(shown) + "\n", cli.stdout, "the screen's public figures are the command line's")

        // Counts from 5 to 9 exist in the full report and none is left in the public one.
        func counts(_ g: ReportGroup) -> [Int] {
            g.entries.flatMap { e -> [Int] in
                if case .group(let sub) = e.value { return counts(sub) }
                return e.value.count.map { [$0] } ?? []
            }
        }
        XCTAssertFalse(counts(full).filter { (5...9).contains($0) }.isEmpty, "fixture: the demo year has counts from 5 to 9")
        XCTAssertEqual(counts(shown).filter { (1...9).contains($0) }, [])
        XCTAssertTrue(cli.stdout.contains("\"counts_shown_as_c\": \"1-9\""), cli.stdout)

        // The screen's export (x, public: yes) writes the same bytes, and says what c means.
        let path = dir.file("public.json")
        runner.perform([.exportReport(.json, path: path, publicVersion: true, period: r.period, areas: r.serviceAreas)])
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), cli.stdout)
        let md = dir.file("public.md")
        runner.perform([.exportReport(.markdown, path: md, publicVersion: true, period: r.period, areas: r.serviceAreas)])
        XCTAssertTrue(try String(contentsOfFile: md, encoding: .utf8).contains("c marks a count from 1 to 9"))
    }
}
