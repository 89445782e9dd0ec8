import XCTest
@testable import TerminalUI

final class ThemeTests: XCTestCase {
    let sample = """
    [palette]
    accent = { hex = "#5fafff", ansi256 = 75, basic = "bright-blue" }
    warn   = { hex = "#ff0000" }
    base   = { basic = "black" }

    [roles]
    default = { fg = "default", bg = "base" }
    status = { fg = "accent", attrs = ["bold"], mono = ["underline"] }
    "status.overdue" = { fg = "warn" }
    selection = { attrs = ["reverse"], mono = ["reverse", "bold"] }
    """

    func parse(_ text: String) -> (Theme, [ThemeError]) { ThemeParser.parse(text, name: "t", file: "t.toml") }

    func testParsePaletteAndRoles() {
        let (t, errors) = parse(sample)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(t.palette["accent"], PaletteColor(hex: RGB(0x5f, 0xaf, 0xff), ansi256: 75, basic: .brightBlue))
        XCTAssertEqual(t.roles["status"]?.attrs, [.bold])
        XCTAssertEqual(t.roles["status.overdue"]?.fg, "warn")
    }

    func testEachColourLevel() {
        let (t, _) = parse(sample)
        XCTAssertEqual(t.style(for: "status", level: .direct), Style(fg: .rgb(RGB(0x5f, 0xaf, 0xff)), bg: .indexed(0), attributes: .bold))
        XCTAssertEqual(t.style(for: "status", level: .ansi256).fg, .indexed(75))
        XCTAssertEqual(t.style(for: "status", level: .basic16).fg, .indexed(BasicColor.brightBlue.rawValue))
        XCTAssertEqual(t.style(for: "status", level: .mono), Style(attributes: .underline))
        // Hex only: nearest 256 and nearest basic.
        XCTAssertEqual(t.style(for: "status.overdue", level: .ansi256).fg, .indexed(196))
        XCTAssertEqual(t.style(for: "status.overdue", level: .basic16).fg, .indexed(BasicColor.brightRed.rawValue))
    }

    func testDottedRolesFallBackFieldByField() {
        let (t, _) = parse(sample)
        let overdue = t.style(for: "status.overdue", level: .direct)
        XCTAssertEqual(overdue.fg, .rgb(RGB(255, 0, 0)))
        XCTAssertEqual(overdue.attributes, .bold, "attrs come from status")
        XCTAssertEqual(overdue.bg, .indexed(0), "bg comes from default")
        XCTAssertEqual(t.style(for: "status.overdue.really", level: .mono).attributes, .underline)
        XCTAssertEqual(t.style(for: "unknown.role", level: .direct), Style(fg: .terminalDefault, bg: .indexed(0)))
    }

    func testBareDottedKeysAreNestedRoles() {
        let (t, errors) = parse("""
        [roles.status]
        fg = "red"
        overdue = { fg = "#ff0000", attrs = ["bold"] }
        """)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(t.roles["status"]?.fg, "red")
        XCTAssertEqual(t.style(for: "status.overdue", level: .basic16).fg, .indexed(BasicColor.brightRed.rawValue))
        XCTAssertEqual(t.style(for: "status", level: .basic16).fg, .indexed(1))
    }

    func testColorLevelDetection() {
        XCTAssertEqual(ColorLevel.detect(environment: ["TERM": "xterm-256color", "COLORTERM": "truecolor"]), .direct)
        XCTAssertEqual(ColorLevel.detect(environment: ["TERM": "xterm", "COLORTERM": "24bit"]), .direct)
        XCTAssertEqual(ColorLevel.detect(environment: ["TERM": "tmux-256color"]), .ansi256)
        XCTAssertEqual(ColorLevel.detect(environment: ["TERM": "xterm"]), .basic16)
        XCTAssertEqual(ColorLevel.detect(environment: ["TERM": "dumb", "COLORTERM": "truecolor"]), .mono)
        XCTAssertEqual(ColorLevel.detect(environment: [:]), .mono)
    }

    func testNoColorMeansMonoUnlessThemeChosen() {
        let env = ["TERM": "xterm-256color", "NO_COLOR": "1"]
        XCTAssertEqual(ColorLevel.detect(environment: env), .mono)
        XCTAssertEqual(ColorLevel.detect(environment: env, themeExplicitlyChosen: true), .ansi256)
        XCTAssertEqual(ColorLevel.detect(environment: ["TERM": "xterm-256color", "NO_COLOR": ""]), .ansi256)
    }

    func testCappedByTerminal() {
        XCTAssertEqual(ColorLevel.direct.capped(byTerminalColors: 8, hasColors: true), .basic16)
        XCTAssertEqual(ColorLevel.ansi256.capped(byTerminalColors: 256, hasColors: true), .ansi256)
        XCTAssertEqual(ColorLevel.ansi256.capped(byTerminalColors: 256, hasColors: false), .mono)
    }

    func testHexAndNearestColours() {
        XCTAssertEqual(RGB(hex: "#5fafff"), RGB(0x5f, 0xaf, 0xff))
        XCTAssertEqual(RGB(hex: "#fff"), RGB(255, 255, 255))
        XCTAssertNil(RGB(hex: "5fafff"))
        XCTAssertNil(RGB(hex: "#5fafzz"))
        XCTAssertEqual(nearestANSI256(RGB(0x5f, 0xaf, 0xff)), 75)
        XCTAssertEqual(nearestBasic(RGB(0, 0, 0)), .black)
        XCTAssertEqual(BasicColor(name: "bright-blue"), .brightBlue)
        XCTAssertEqual(BasicColor(name: "grey"), .brightBlack)
    }

    func testInheritanceFromDirectory() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try sample.write(to: dir.appendingPathComponent("base.toml"), atomically: true, encoding: .utf8)
        try """
        inherits = "base"
        [palette]
        accent = { hex = "#00ff00" }
        [roles]
        "status.paused" = { fg = "accent" }
        selection = { mono = ["underline"] }
        """.write(to: dir.appendingPathComponent("child.toml"), atomically: true, encoding: .utf8)
        let result = ThemeLoader(directories: [dir.path]).load(name: "child")
        XCTAssertEqual(result.messages, [])
        XCTAssertTrue(result.loadedRequested)
        let t = result.theme
        XCTAssertEqual(t.name, "child")
        XCTAssertEqual(t.style(for: "status.paused", level: .direct).fg, .rgb(RGB(0, 255, 0)))
        XCTAssertEqual(t.style(for: "status.overdue", level: .direct).fg, .rgb(RGB(255, 0, 0)), "parent role kept")
        XCTAssertEqual(t.style(for: "selection", level: .direct).attributes, .reverse, "attrs kept from parent")
        XCTAssertEqual(t.style(for: "selection", level: .mono).attributes, .underline, "mono overridden")
    }

    func testInheritingDefaultUsesBuiltin() {
        let r = ThemeLoader(directories: []).load(text: "inherits = \"default\"\n[roles]\nheader = { fg = \"blue\" }\n", name: "x", file: "x.toml")
        guard case .success(let t) = r else { return XCTFail("\(r)") }
        XCTAssertEqual(t.style(for: "header", level: .basic16).fg, .indexed(4), "a basic name not in the palette")
        XCTAssertEqual(t.style(for: "selection", level: .mono).attributes, .reverse)
    }

    func testBrokenThemeGivesBuiltinAndMessageNamingFileKeyValue() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("broken.toml").path
        try """
        [palette]
        accent = { hex = "#5fafff" }

        [roles]
        header = { fg = "blu" }
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = ThemeLoader(directories: [dir.path]).load(name: "broken")
        XCTAssertFalse(result.loadedRequested)
        XCTAssertEqual(result.theme, Theme.builtin)
        let message = result.messages.first ?? ""
        XCTAssertTrue(message.contains(path), message)
        XCTAssertTrue(message.contains("roles.header.fg"), message)
        XCTAssertTrue(message.contains("\"blu\""), message)
        XCTAssertTrue(message.contains(":5:"), message)
    }

    func testBadHexAndAttributeAndSyntax() {
        let (_, e1) = parse("[palette]\naccent = { hex = \"#12345\" }\n")
        XCTAssertEqual(e1.first?.key, "palette.accent.hex")
        XCTAssertEqual(e1.first?.value, "\"#12345\"")
        XCTAssertEqual(e1.first?.line, 2)
        let (_, e2) = parse("[roles]\nheader = { attrs = [\"blink\"] }\n")
        XCTAssertEqual(e2.first?.key, "roles.header.attrs")
        XCTAssertEqual(e2.first?.value, "\"blink\"")
        let (_, e3) = parse("[roles\nheader = 1\n")
        XCTAssertEqual(e3.first?.line, 1)
        XCTAssertTrue(e3.first?.description.contains("not valid TOML") ?? false)
    }

    func testMissingThemeAndCycle() throws {
        let missing = ThemeLoader(directories: ["/nonexistent"]).load(name: "nope")
        XCTAssertEqual(missing.theme, .builtin)
        XCTAssertTrue(missing.messages.first?.contains("nope") ?? false)
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "inherits = \"b\"\n".write(to: dir.appendingPathComponent("a.toml"), atomically: true, encoding: .utf8)
        try "inherits = \"a\"\n".write(to: dir.appendingPathComponent("b.toml"), atomically: true, encoding: .utf8)
        let cyc = ThemeLoader(directories: [dir.path]).load(name: "a")
        XCTAssertFalse(cyc.loadedRequested)
        XCTAssertTrue(cyc.messages.joined().contains("cycle"), cyc.messages.joined())
    }

    func testStandardDirectories() {
        let dirs = ThemeLoader.standardDirectories(executablePath: "/opt/heard/bin/heard", environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/u"])
        XCTAssertEqual(dirs.first, "/cfg/heard/themes")
        XCTAssertTrue(dirs.contains("/opt/heard/bin/themes"))
        XCTAssertEqual(ThemeLoader.standardDirectories(executablePath: nil, environment: ["HOME": "/home/u"]), ["/home/u/.config/heard/themes"])
    }

    func testNoThemeNameIsBuiltin() {
        XCTAssertEqual(ThemeLoader(directories: []).load(name: nil).theme, .builtin)
    }
}
