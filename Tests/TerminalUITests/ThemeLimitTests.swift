import Foundation
import TerminalUI
import XCTest

/// Themes within sane limits: a few dozen colours and roles, a few kilobytes, a regular file.
/// Beyond them the built-in theme is used and the message names the file and the limit, at once.
final class ThemeLimitTests: XCTestCase {
    private func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "heard-theme-limits-\(getpid())-\(UUID().uuidString.prefix(6))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func testAThemeWithMoreThanAThousandColoursIsRefusedNamingTheLimit() {
        var text = "[palette]\n"
        for n in 0..<1_500 { text += "c\(n) = { hex = \"#102030\" }\n" }
        guard case .failure(let errors) = ThemeLoader(directories: []).load(text: text, name: "many", file: "many.toml") else {
            return XCTFail("1,500 colours are refused")
        }
        XCTAssertTrue(errors.errors.first?.description.contains("at most 1000") ?? false, "\(errors)")
        var fine = "[palette]\n"
        for n in 0..<100 { fine += "c\(n) = { hex = \"#102030\" }\n" }
        guard case .success = ThemeLoader(directories: []).load(text: fine, name: "some", file: "some.toml") else {
            return XCTFail("100 colours are a theme")
        }
    }

    func testAHugeThemeFileIsNotReadAndTheBuiltInThemeIsUsed() throws {
        let dir = try folder()
        var text = "[palette]\n# padding\n"
        text += String(repeating: "# " + String(repeating: "x", count: 98) + "\n", count: 3_000)
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/huge.toml"))
        let r = ThemeLoader(directories: [dir]).load(name: "huge")
        XCTAssertFalse(r.loadedRequested)
        XCTAssertTrue(r.messages.joined().contains("at most 256 KB"), "\(r.messages)")
    }

    func testAFIFONamedAsAThemeIsRefusedWithoutWaiting() throws {
        let dir = try folder()
        XCTAssertEqual(mkfifo(dir + "/pipe.toml", 0o600), 0)
        let r = ThemeLoader(directories: [dir]).load(name: "pipe")
        XCTAssertFalse(r.loadedRequested)
        XCTAssertTrue(r.messages.joined().contains("not a regular file"), "\(r.messages)")
    }
}
