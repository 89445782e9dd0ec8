import Foundation
import HeardTestSupport
import XCTest

/// A config.toml that would make the TOML parser abort: every command still runs, with the
/// defaults, and says which line of which file it could not read.
final class HostileConfigTests: XCTestCase {
    func testAHeaderTheParserAbortsOnIsAWarningNotACrash() throws {
        let dir = TemporaryDirectory("heard-hostile-config")
        let db = try makeDemo(in: dir)
        let config = dir.file("config/heard")
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        for text in ["[[[", "[.]", "[#]"] {
            try write(text, to: config + "/config.toml")
            let r = try runHeard(["cases", "--db", db, "--format", "csv"], environment: ["HEARD_TODAY": cliToday, "XDG_CONFIG_HOME": dir.file("config")])
            XCTAssertEqual(r.status, 0, "\(text): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("config.toml: line 1: a table header must start with a name"), r.stderr)
            XCTAssertFalse(r.stderr.contains("Assertion"), r.stderr)
            XCTAssertTrue(r.stdout.hasPrefix("reference,"), "the cases are listed with the defaults")
        }
    }
}
