import XCTest
import TerminalUI

final class ThemeFilesTests: XCTestCase {
    let requiredRoles = [
        "default", "header", "title", "selection", "mark", "border", "hint", "hint.key", "status", "status.overdue",
        "status.due-soon", "status.paused", "status.extended", "status.ok", "status.closed", "outcome.upheld",
        "outcome.partially-upheld", "outcome.not-upheld", "message.error", "message.info", "input", "input.cursor",
        "chart.bar", "chart.bar.previous", "dim",
    ]

    func testEveryShippedThemeLoadsWithoutError() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: themesDirectory).filter { $0.hasSuffix(".toml") }.sorted()
        XCTAssertEqual(files, ["colorblind.toml", "default.toml", "light.toml", "mono.toml", "terminal16.toml"])
        let loader = ThemeLoader(directories: [themesDirectory])
        for file in files {
            let name = String(file.dropLast(5))
            let result = loader.load(name: name)
            XCTAssertEqual(result.messages, [], file)
            XCTAssertTrue(result.loadedRequested, file)
            XCTAssertEqual(result.theme.name, name)
            for role in requiredRoles {
                XCTAssertNotNil(result.theme.roles[Role(role)], "\(file) lacks \(role)")
            }
            for level in ColorLevel.allCases {
                for role in requiredRoles { _ = result.theme.style(for: Role(role), level: level) }
            }
        }
    }

    func testDefaultFileMatchesBuiltin() {
        let t = ThemeLoader(directories: [themesDirectory]).load(name: "default").theme
        XCTAssertEqual(t, Theme.builtin)
        XCTAssertEqual(Theme.builtin.roles.count, 28)
    }

    func testTerminal16UsesOnlyBasicColoursAndDefaults() {
        let t = ThemeLoader(directories: [themesDirectory]).load(name: "terminal16").theme
        XCTAssertFalse(t.palette.isEmpty)
        XCTAssertTrue(t.palette.values.allSatisfy { $0.hex == nil && $0.ansi256 == nil && $0.basic != nil })
        for role in requiredRoles {
            let s = t.style(for: Role(role), level: .direct)
            for c in [s.fg, s.bg] {
                switch c {
                case .terminalDefault: break
                case .indexed(let n): XCTAssertLessThan(n, 16, role)
                case .rgb: XCTFail("\(role) uses 24-bit colour")
                }
            }
        }
        XCTAssertEqual(t.style(for: "default", level: .direct), Style.plain)
    }

    func testMonoHasNoColours() {
        let t = ThemeLoader(directories: [themesDirectory]).load(name: "mono").theme
        XCTAssertTrue(t.palette.isEmpty)
        for role in requiredRoles {
            let s = t.style(for: Role(role), level: .direct)
            XCTAssertEqual(s.fg, .terminalDefault)
            XCTAssertEqual(s.bg, .terminalDefault)
        }
        XCTAssertEqual(t.style(for: "selection", level: .direct).attributes, .reverse)
    }

    func testColorblindUsesOkabeIto() {
        let t = ThemeLoader(directories: [themesDirectory]).load(name: "colorblind").theme
        XCTAssertEqual(t.style(for: "status.overdue", level: .direct).fg, .rgb(RGB(0xd5, 0x5e, 0x00)))
        XCTAssertEqual(t.style(for: "outcome.not-upheld", level: .direct).fg, .rgb(RGB(0x00, 0x9e, 0x73)))
        XCTAssertEqual(t.style(for: "header", level: .direct).attributes, .bold, "inherited from default")
    }

    func testStatusRolesHaveMonoDistinctionOrGlyph() {
        // Status is never colour alone: each status has a glyph with an ASCII fallback.
        for s in ["overdue", "due-soon", "paused", "extended", "closed", "ok"] {
            XCTAssertNotNil(StatusGlyphs.entry(for: s), s)
        }
        XCTAssertEqual(StatusGlyphs.glyph(for: "due-soon", unicode: false), "~")
        XCTAssertEqual(StatusGlyphs.glyph(for: "paused", unicode: true), "‖")
        XCTAssertEqual(StatusGlyphs.entry(for: "overdue")?.role, Role("status.overdue"))
    }
}
