import Foundation
import HeardTestSupport
import XCTest

/// "Today" for every command line test.
let cliToday = "2022-06-15"

/// Runs `heard` with a fixed today and configuration, data and home folders inside `dir`, so
/// that nothing outside the test's folder is read or written.
@discardableResult
func heard(_ arguments: [String], in dir: TemporaryDirectory, environment: [String: String] = [:]) throws -> RunResult {
    var env = ["HEARD_TODAY": cliToday, "XDG_CONFIG_HOME": dir.file("config"), "XDG_DATA_HOME": dir.file("data"),
               "HOME": dir.path, "USER": "cli-test", "NO_COLOR": "1"]
    for (k, v) in environment { env[k] = v }
    guard TestDatabase.isPostgres else { return try runHeard(arguments, environment: env) }
    // On PostgreSQL (HEARD_TEST_BACKEND=postgres) each database file the test names in its folder
    // is a schema of the test server instead, the same schema each time the same name is given;
    // the default file ($XDG_DATA_HOME/heard/heard.sqlite) too, through HEARD_DB.
    var args = arguments
    for i in args.indices {
        if args[i] == "--db", i + 1 < args.count { args[i + 1] = try cliDatabase(args[i + 1], in: dir) }
        else if args[i].hasPrefix("--db=") { args[i] = "--db=" + (try cliDatabase(String(args[i].dropFirst(5)), in: dir)) }
    }
    env["HEARD_DB"] = try cliDatabase(env["HEARD_DB"] ?? dir.file("data/heard/heard.sqlite"), in: dir)
    return try runHeard(args, environment: env)
}

/// The record a command line test's `path` names: the path itself, or on PostgreSQL, for a path
/// in the test's folder, the URL of the schema standing for it (one schema per name, as
/// `storePath` gives). A path outside the folder or already a URL is left as it is.
func cliDatabase(_ path: String, in dir: TemporaryDirectory) throws -> String {
    guard TestDatabase.isPostgres, path.hasPrefix(dir.path + "/") else { return path }
    return try dir.postgresURL(String(path.dropFirst(dir.path.count + 1)))
}

/// Creates the demo database with `heard demo --no-open` and returns its path.
func makeDemo(in dir: TemporaryDirectory, name: String = "demo.sqlite") throws -> String {
    // On PostgreSQL, the URL of the demo's schema: what the test opens again, in process too.
    let db = try cliDatabase(dir.file(name), in: dir)
    let r = try heard(["demo", "--no-open", "--db", db], in: dir)
    XCTAssertEqual(r.status, 0, r.stderr)
    return db
}

/// Skips the test when the binary has not been built.
func requireBinary() throws {
    try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: heardBinary()), "the heard binary is not built (\(heardBinary()))")
}

func jsonObject(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
    let v = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try XCTUnwrap(v as? [String: Any], "expected a JSON object", file: file, line: line)
}

func jsonArray(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
    let v = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try XCTUnwrap(v as? [[String: Any]], "expected a JSON array of objects", file: file, line: line)
}

/// The value at a dotted path of nested objects (keys may contain spaces, not dots).
func value(_ obj: [String: Any], _ path: String) -> Any? {
    var cur: Any? = obj
    for part in path.split(separator: ".") { cur = (cur as? [String: Any])?[String(part)] }
    return cur
}

func int(_ obj: [String: Any], _ path: String) -> Int? { (value(obj, path) as? NSNumber)?.intValue }

func bytes(of path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

func permissions(of path: String) -> Int {
    var st = stat()
    guard stat(path, &st) == 0 else { return -1 }
    return Int(st.st_mode & 0o777)
}

func write(_ text: String, to path: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }

/// The header line `heard export` writes for an empty database.
let exportHeader = "reference,kind,received,channel,service_area,team,procedure,complainant_name,complainant_role,child_or_young_person,advocate,subject_child,categories,summary,officer,acknowledged,stage1_response,stage1_outcome,stage1_satisfied,stage2_requested,stage2_response,stage2_outcome,stage3_requested,stage3_response,stage3_outcome,ombudsman_referred,ombudsman_decision,closed"

/// One demo database for the test classes that only read it, made on first use.
class DemoReadingTestCase: XCTestCase {
    private static let fixture: (dir: TemporaryDirectory, db: String)? = {
        guard FileManager.default.isExecutableFile(atPath: heardBinary()) else { return nil }
        let dir = TemporaryDirectory("heard-cli-demo")
        guard let db = try? makeDemo(in: dir) else { return nil }
        return (dir, db)
    }()

    var dir: TemporaryDirectory { Self.fixture?.dir ?? TemporaryDirectory("heard-cli-missing") }
    var db: String { Self.fixture?.db ?? "" }

    override func setUpWithError() throws {
        try requireBinary()
        try XCTSkipIf(DemoReadingTestCase.fixture == nil, "the demo could not be created")
    }
}
