import TerminalUI
import XCTest

/// Files with thousands of entries load in one pass: each problem is found and named with its
/// line (a lookup per key used to scan the whole file, which took minutes at 100,000 lines).
final class LargeConfigTests: XCTestCase {
    func testAThemeWithTwentyThousandPaletteEntriesLoadsAndNamesTheBadOnesLine() {
        var text = "inherits = \"default\"\n[palette]\n"
        for n in 0..<20_000 { text += "c\(n) = { hex = \"#\(n == 19_999 ? "zzzzzz" : "102030")\" }\n" }
        guard case .failure(let errors) = ThemeLoader(directories: []).load(text: text, name: "big", file: "big.toml") else {
            return XCTFail("the bad colour is found")
        }
        XCTAssertEqual(errors.errors.first?.line, 20_002, "\(errors)")
    }

    func testAKeysFileWithTwentyThousandBadLinesNamesEachLine() {
        var text = "[caseList]\n"
        for n in 0..<20_000 { text += "noSuchAction\(n) = \"a\"\n" }
        let (_, errors) = Keymap.load(defaults: [KeyBinding(scope: "caseList", action: "quickEntry", keys: [.char("n")], description: "New")],
                                      overrides: text, file: "keys.toml")
        XCTAssertEqual(errors.count, 20_000)
        XCTAssertEqual(errors.last?.line, 20_001)
    }
}
