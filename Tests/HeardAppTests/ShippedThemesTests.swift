import Foundation
import XCTest
import TerminalUI
import HeardApp

/// The themes compiled into the binary are the files in `themes/`, and load without one.
final class ShippedThemesTests: XCTestCase {
    let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes").path

    func testTheCompiledThemesAreTheFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: themesDirectory).filter { $0.hasSuffix(".toml") }.sorted()
        XCTAssertEqual(files.map { String($0.dropLast(5)) }, ShippedThemes.all.keys.sorted())
        for f in files {
            let text = try String(contentsOfFile: themesDirectory + "/" + f, encoding: .utf8)
            XCTAssertEqual(ShippedThemes.all[String(f.dropLast(5))], text.trimmingCharacters(in: .newlines), "\(f) was edited: copy it into ShippedThemes.swift")
        }
    }

    func testEveryShippedThemeLoadsWithNoThemeDirectory() {
        let loader = ThemeLoader(directories: ["/nonexistent"], shipped: ShippedThemes.all)
        for name in ShippedThemes.all.keys.sorted() {
            let r = loader.load(name: name)
            XCTAssertTrue(r.loadedRequested, "\(name): \(r.messages)")
            XCTAssertEqual(r.messages, [], name)
        }
        XCTAssertFalse(loader.load(name: "nosuch").loadedRequested)
    }
}
