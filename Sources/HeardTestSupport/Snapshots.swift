import CellWidth
import Foundation
import TerminalUI
import XCTest

/// Compares a frame's text with a snapshot file beside the test (`Snapshots/NAME.txt`).
/// Set RECORD_SNAPSHOTS=1 to write missing or changed snapshots instead of failing.
public func assertFrame(_ frame: Frame, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let dir = (PathText.parent("\(file)") as NSString).appendingPathComponent("Snapshots")
    let path = (dir as NSString).appendingPathComponent(name + ".txt")
    // Trailing spaces are kept visible with a bar so the snapshot shows the frame's full width.
    let text = frame.rows().map { $0 + "|" }.joined(separator: "\n") + "\n"
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    if let existing = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }), !record {
        if existing != text {
            XCTFail("frame differs from snapshot \(name).txt:\n--- expected\n\(existing)--- got\n\(text)", file: file, line: line)
        }
        return
    }
    if record {
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        return
    }
    XCTFail("no snapshot \(name).txt; run with RECORD_SNAPSHOTS=1 to record it:\n\(text)", file: file, line: line)
}
