import Foundation
import HeardTestSupport
import XCTest

/// `M` in the real binary: the officer config.toml names sees their overdue acknowledgement.
final class MyWorkEndToEndTests: XCTestCase {
    func testMShowsTheOfficersOverdueAcknowledgement() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        let dir = TemporaryDirectory("heard-e2e-mywork")
        let db = try storePath(in: dir, name: "demo.sqlite")
        let env = ["HEARD_TODAY": "2022-03-15", "XDG_CONFIG_HOME": dir.file("config")]
        XCTAssertEqual(try runHeard(["demo", "--no-open", "--db", db], environment: env).status, 0)
        // A case of this test's own beside the demo's (whose rows may change): received on
        // Tuesday 1 March, never acknowledged, so its acknowledgement was due on Friday 4 March.
        let csv = dir.file("mine.csv")
        try Data("kind,received,service_area,procedure,complainant_name,summary,officer\ncomplaint,2022-03-01,Fostering Service,statutory,Private Person,Late letter,E2E Officer\n".utf8)
            .write(to: URL(fileURLWithPath: csv))
        let imported = try runHeard(["import", csv, "--db", db], environment: env)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        try FileManager.default.createDirectory(atPath: dir.file("config/heard"), withIntermediateDirectories: true)
        try Data("officer = \"E2E Officer\"\n".utf8).write(to: URL(fileURLWithPath: dir.file("config/heard/config.toml")))
        let t = try TmuxSession(arguments: ["--db", db], environment: env, width: 80, height: 24, dir: dir)
        try t.press("M")
        try t.waitForScreen(containing: "Heard · My work")
        try t.waitForScreen(containing: "stage 1 acknowledgement")
        let screen = t.screenText
        XCTAssertTrue(screen.contains("Overdue ("), screen)
        let line = screen.split(separator: "\n").first { $0.contains("stage 1 acknowledgement") }.map(String.init) ?? ""
        XCTAssertTrue(line.contains("2022-03-04") && line.contains("7 days over"), line)
        XCTAssertFalse(screen.contains("Private Person"), "names stay off my work")
        // Enter opens the case; acknowledged there (the workflow's a, today, by other means
        // than a letter), my work read again owes neither the acknowledgement nor its letter.
        try t.press("Enter")
        try t.waitForScreen(containing: "Late letter")
        try t.press("w")
        try t.press("a", "Enter")
        try t.waitForScreen(containing: "Acknowledged recorded on")
        try t.press("Escape", "Escape")
        try t.waitForScreen(containing: "Heard · My work")
        let after = t.screenText
        XCTAssertFalse(after.contains("stage 1 acknowledgement"), after)
        XCTAssertFalse(after.contains("acknowledgement letter"), after)
        XCTAssertTrue(after.contains("stage 1 response"), "the case stays for its response: \(after)")
    }
}
