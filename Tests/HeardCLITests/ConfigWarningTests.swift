import Foundation
import HeardTestSupport
import XCTest

/// config.toml is read through the one TOML layer (ConfigFile) and says what it always said.
final class ConfigWarningTests: DemoReadingTestCase {
    func testWarningsShowValuesAsTheyAlwaysWere() throws {
        let config = TemporaryDirectory("heard-config-warnings")
        try FileManager.default.createDirectory(atPath: config.file("heard"), withIntermediateDirectories: true)
        let file = config.file("heard/config.toml")
        try """
        officer = 5
        colour = "x"
        [lists]
        service_areas = ["a b", 1, "c\\"d"]
        categories = [[1, 2], {x = "y"}, 1.5, true]
        learning_themes = [  ]
        [timescales]
        due_soon_days = ["x", 'lit']
        enquiry_days = 1.5
        [timescales.statutory.stage1]
        target = { a = 1 }
        [report]
        suppress_up_to = 99
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try heard(["cases", "--overdue", "--db", db], in: dir, environment: ["XDG_CONFIG_HOME": config.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        // The lines of the release before the TOML layers became one (TOMLKit's own rendering).
        let expected = [
            "colour = …: unknown setting; ignored",
            "officer = 5: expected a name",
            "lists.service_areas = [ 'a b', 1, 'c\"d' ]: expected a list of names; using the default",
            "lists.categories = [ [ 1, 2 ], { x = 'y' }, 1.5, true ]: expected a list of names; using the default",
            "lists.learning_themes = []: expected a list of names; using the default",
            "timescales.enquiry_days = 1.5: expected a whole number from 1 to 250; using the default",
            "timescales.due_soon_days = [ 'x', 'lit' ]: expected a whole number from 0 to 60; using the default",
            "timescales.statutory.stage1.target = { a = 1 }: expected a whole number from 1 to 500; using the default",
            "report.suppress_up_to = 99: expected a whole number from 0 to 20; using the default",
        ].map { "heard: \(file): \($0)" }
        XCTAssertEqual(r.stderr.split(separator: "\n").map(String.init).sorted(), expected.sorted())
    }

    /// A misspelt key in any section is said: in the timescales it left every deadline at its
    /// default without a word (found by an attack).
    func testAMisspeltKeyInEverySectionIsSaid() throws {
        let config = TemporaryDirectory("heard-config-misspelt")
        try FileManager.default.createDirectory(atPath: config.file("heard"), withIntermediateDirectories: true)
        let file = config.file("heard/config.toml")
        try """
        [lists]
        servce_areas = ["A"]
        [timescales]
        due_son_days = 3
        [timescales.statutry]
        stage1 = { target = 5 }
        [timescales.statutory]
        stage4 = { target = 5 }
        stage1 = { targt = 5, maximum = 30 }
        "x\\nheard: fake message" = 1
        [report]
        supress_up_to = 3
        [documents]
        max_sise_mb = 3
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try heard(["cases", "--overdue", "--db", db], in: dir, environment: ["XDG_CONFIG_HOME": config.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let expected = ["lists.servce_areas", "timescales.due_son_days", "timescales.statutory.x?heard: fake message", "timescales.statutry", "timescales.statutory.stage4",
                        "timescales.statutory.stage1.targt", "report.supress_up_to", "documents.max_sise_mb"]
            .map { "heard: \(file): \($0) = …: unknown setting; ignored" }
        XCTAssertEqual(r.stderr.split(separator: "\n").map(String.init).sorted(), expected.sorted())
    }

    func testASyntaxErrorNamesTheLineAndUsesTheDefaults() throws {
        let config = TemporaryDirectory("heard-config-syntax")
        try FileManager.default.createDirectory(atPath: config.file("heard"), withIntermediateDirectories: true)
        try "officer = \"A\"\n[report\n".write(toFile: config.file("heard/config.toml"), atomically: true, encoding: .utf8)
        let r = try heard(["cases", "--overdue", "--db", db], in: dir, environment: ["XDG_CONFIG_HOME": config.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("heard: \(config.file("heard/config.toml")): line 2: "), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix("; using the defaults\n"), r.stderr)
    }
}
