import Foundation
import HeardTestSupport
import XCTest

/// The real binary in tmux: what a user does in the first minute.
final class CaseScreensEndToEndTests: XCTestCase {
    var dir: TemporaryDirectory!
    var db: String!
    let today = "2022-06-15"

    override func setUpWithError() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        dir = TemporaryDirectory("heard-e2e")
        db = try storePath(in: dir, name: "demo.sqlite")
        let r = try runHeard(["demo", "--no-open", "--db", db], environment: ["HEARD_TODAY": today])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func session(_ args: [String] = [], env: [String: String] = [:], width: Int = 80, height: Int = 24) throws -> TmuxSession {
        var e = ["HEARD_TODAY": today, "XDG_CONFIG_HOME": dir.file("config")]
        for (k, v) in env { e[k] = v }
        return try TmuxSession(arguments: ["--db", db] + args, environment: e, width: width, height: height, dir: dir)
    }

    func testOpenNarrowOpenHelpResizeAndQuit() throws {
        let t = try session()
        var screen = try t.screen()
        XCTAssertTrue(screen[0].contains("Heard · Cases"), screen.joined(separator: "\n"))
        XCTAssertTrue(screen[0].contains("of "), "the title counts the rows")
        XCTAssertTrue(screen[1].contains("Reference"))
        // Pick the reference on the third row and narrow the list to it.
        let ref = try XCTUnwrap(screen[4].split(separator: " ").first.map(String.init))
        XCTAssertTrue(ref.hasPrefix("CS-"))
        try t.press("/")
        try t.type(ref)
        screen = try t.screen()
        XCTAssertTrue(screen[0].contains("1 of"), screen.joined(separator: "\n"))
        XCTAssertTrue(screen[2].hasPrefix(" " + ref) || screen[2].contains(ref))
        try t.press("Enter")
        try t.press("Enter")
        let detail = t.screenText
        XCTAssertTrue(detail.contains("Heard · \(ref)"), detail)
        XCTAssertTrue(detail.contains("Received"))
        try t.press("Tab")
        XCTAssertTrue(t.screenText.contains("Clock") || t.screenText.contains("Timeline"), t.screenText)
        try t.press("G")
        XCTAssertTrue(t.screenText.contains("History"), t.screenText)
        try t.press("?")
        XCTAssertTrue(t.screenText.contains("Keys"), t.screenText)
        XCTAssertTrue(t.screenText.contains("Next section"))
        try t.press("Escape")
        try t.press("Escape")
        XCTAssertTrue(t.screenText.contains("Heard · Cases"))
        try t.resize(width: 30, height: 8)
        XCTAssertTrue(t.screenText.contains("too small"), t.screenText)
        try t.resize(width: 120, height: 40)
        XCTAssertTrue(t.screenText.contains("Heard · Cases"), t.screenText)
        XCTAssertTrue(t.screenText.contains("Service area"))
        XCTAssertEqual(try t.quit(with: "q"), 0)
        XCTAssertFalse(t.screenText.contains("Heard · Cases"), "the terminal is restored:\n" + t.screenText)
    }

    func testStateFilterOverdueShowsOnlyOverdueGlyphs() throws {
        let t = try session(width: 120, height: 40)
        try t.press("f", "f")  // all -> open -> overdue
        let screen = try t.screen()
        XCTAssertTrue(screen[0].contains("[overdue]"), screen[0])
        let rows = screen.dropFirst(2).prefix(while: { $0.hasPrefix(" CS-") || $0.hasPrefix("●CS-") })
        XCTAssertFalse(rows.isEmpty, t.screenText)
        for r in rows { XCTAssertTrue(r.contains("! 20"), "every overdue row carries the ! glyph: \(r)") }
    }

    func testWideCharactersKeepColumnsAligned() throws {
        let t = try session(width: 120, height: 40)
        try t.press("/")
        try t.type("李小龍")
        var screen = try t.screen()
        let cjkRow = try XCTUnwrap(screen.first { $0.contains("李小龍") }, t.screenText)
        try t.press("Escape", "/")
        try t.type("zoë")
        screen = try t.screen()
        let zoeRow = try XCTUnwrap(screen.first { $0.contains("Zoë") }, t.screenText)
        // The due column starts at the same screen column on both rows (CJK takes two cells each).
        func dueColumn(_ line: String) -> Int? {
            var col = 0
            for ch in line {
                if "!◷·+‖✓×".contains(ch) { return col }
                col += ch.unicodeScalars.first.map { (0x4E00...0x9FFF).contains($0.value) } == true ? 2 : 1
            }
            return nil
        }
        XCTAssertNotNil(dueColumn(cjkRow))
        XCTAssertEqual(dueColumn(cjkRow), dueColumn(zoeRow), "\n\(cjkRow)\n\(zoeRow)")
    }

    func testNoColorAndEveryThemeOpen() throws {
        let plain = try session(env: ["NO_COLOR": "1"])
        let escapes = try plain.screenWithEscapes()
        XCTAssertTrue(plain.screenText.contains("Heard · Cases"))
        XCTAssertFalse(escapes.contains("38;5;") || escapes.contains("38;2;"), "no colours under NO_COLOR")
        XCTAssertEqual(try plain.quit(with: "q"), 0)
        for theme in ["default", "light", "terminal16", "mono", "colorblind"] {
            let t = try session(["--theme", theme])
            XCTAssertTrue(t.screenText.contains("Heard · Cases"), theme)
            XCTAssertFalse(t.screenText.contains("using the built-in theme"), "\(theme) loads:\n" + t.screenText)
            XCTAssertEqual(try t.quit(with: "q"), 0)
        }
    }

    func testBrokenThemeFallsBackWithMessageNamingFileKeyValue() throws {
        let themes = dir.file("config/heard/themes")
        try FileManager.default.createDirectory(atPath: themes, withIntermediateDirectories: true)
        try "inherits = \"default\"\n[palette]\nbad = { hex = \"#zzzzzz\" }\n".write(toFile: themes + "/broken.toml", atomically: true, encoding: .utf8)
        let t = try session(["--theme", "broken"], width: 160, height: 30)
        let text = t.screenText
        XCTAssertTrue(text.contains("Heard · Cases"), text)
        XCTAssertTrue(text.contains("broken.toml"), text)
        XCTAssertTrue(text.contains("#zzzzzz"), text)
    }

    func testReadOnlyOffersNoEditKeys() throws {
        let t = try session(["--read-only"], width: 160, height: 30)
        let hints = try t.screen().last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? ""
        XCTAssertTrue(t.screenText.contains("read-only"))
        XCTAssertFalse(hints.contains("n new"), hints)
        XCTAssertFalse(hints.contains("workflow"), hints)
        try t.press("?")
        XCTAssertFalse(t.screenText.contains("Quick entry"), t.screenText)
    }

    func testAnotherProcessesChangeAppearsWhileTheListIsOpen() throws {
        let t = try session(width: 120, height: 40)
        let csv = dir.file("one.csv")
        try "reference,kind,received,service_area,complainant_name\nCS-2022-9999,compliment,2022-06-14,Adoption,Visible Later\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let r = try runHeard(["import", csv, "--db", db], environment: ["HEARD_TODAY": today])
        XCTAssertEqual(r.status, 0, r.stderr)
        try t.waitForScreen(containing: "CS-2022-9999", timeout: 5)
    }
}
