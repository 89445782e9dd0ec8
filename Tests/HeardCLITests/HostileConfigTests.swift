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

/// Settings files that are not settings: a FIFO where config.toml belongs would hang every
/// command at start; a 2 MB one costs seconds. Both are ignored with a warning.
final class SettingsFileLimitTests: XCTestCase {
    func testAFIFOOrAHugeConfigIsIgnoredWithAWarningAndTheCommandRuns() throws {
        let dir = TemporaryDirectory("heard-config-limits")
        let db = try makeDemo(in: dir)
        let config = dir.file("config/heard")
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(config + "/config.toml", 0o600), 0)
        let env = ["HEARD_TODAY": cliToday, "XDG_CONFIG_HOME": dir.file("config")]
        let r = try runHeard(["cases", "--db", db, "--format", "csv"], environment: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("config.toml is not a regular file"), r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("reference,"))
        unlink(config + "/config.toml")
        try write("officer = \"Big\"\n" + String(repeating: "# filler line of a config that grew far too big\n", count: 40_000), to: config + "/config.toml")
        let big = try runHeard(["cases", "--db", db, "--format", "csv"], environment: env)
        XCTAssertEqual(big.status, 0, big.stderr)
        XCTAssertTrue(big.stderr.contains("a settings file may be at most 256 KB"), big.stderr)
    }
}
