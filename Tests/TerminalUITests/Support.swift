import XCTest
import TerminalUI

/// Compares a frame's text dump with expected rows, showing both on failure.
func assertFrame(_ frame: Frame, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
    let actual = frame.rows()
    if actual != expected {
        let shown = actual.map { "\"\($0)\"," }.joined(separator: "\n")
        XCTFail("frame differs; actual:\n\(shown)", file: file, line: line)
    }
}

/// Directory of the package's shipped themes.
let themesDirectory: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("themes").path
}()

/// A fresh temporary directory; the caller removes it (`defer`).
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("heard-ui-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
