import Foundation
import HeardCore
import HeardStore
import Synchronization

/// A temporary folder removed when the value is released: store tests use real files in it
/// (and, when they run on PostgreSQL, schemas on the test server, dropped with it).
public final class TemporaryDirectory: Sendable {
    public let path: String
    /// The test server's schema for each store name made in this folder (on PostgreSQL).
    private let schemas = Mutex<[String: TestSchema]>([:])

    public init(_ label: String = "heard-test") {
        let base = NSTemporaryDirectory() + "\(label)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
        TemporaryDirectory.live.withLock { live in
            if live.removeAtExit { live.removeAtExit = false; atexit { TemporaryDirectory.removeLeftOver() } }
            live.paths.insert(base)
        }
    }

    /// The folders made and not yet removed. A test case's folder held by the case (set up in
    /// `setUp`, or a property's first value) lived as long as the case, and XCTest keeps every
    /// case it ran until the process ends: thousands of folders were left in /tmp by the runs
    /// of a day. What is left is removed as the process exits.
    private static let live = Mutex<(paths: Set<String>, removeAtExit: Bool)>(([], true))

    private static func removeLeftOver() {
        for path in live.withLock({ live in defer { live.paths = [] }; return live.paths }) {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    public func file(_ name: String) -> String { path + "/" + name }

    /// The URL of the store called `name` on the test server: one schema per name, made on first
    /// use, so that opening the same name again opens the same record, as a file would.
    public func postgresURL(_ name: String) throws -> String {
        let server = try TestDatabase.requirePostgres()
        return try schemas.withLock { known in
            if let s = known[name] { return s.url }
            let s = try TestSchema(server: server)
            known[name] = s
            return s.url
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
        _ = TemporaryDirectory.live.withLock { $0.paths.remove(path) }
        schemas.withLock { $0.values.forEach { $0.drop() } }
    }
}

/// Dates in tests: `day("2021-12-24")`. Traps on a malformed literal, which is a bug in the test.
public func day(_ iso: String) -> LocalDate {
    guard let d = LocalDate(iso: iso) else { preconditionFailure("bad test date \(iso)") }
    return d
}

/// A fresh store in a temporary directory (in a fresh schema of the test server when the store
/// tests run on PostgreSQL: `HEARD_TEST_BACKEND=postgres`).
public func makeStore(in dir: TemporaryDirectory, name: String = "heard.sqlite", actor: String = "Test Officer") throws -> Store {
    try Store(path: try storePath(in: dir, name: name), options: StoreOptions(actor: actor))
}

/// Where `makeStore(in: dir, name: name)` keeps its record: the file, or on PostgreSQL the URL of
/// its schema. A test that opens the same record again opens this, not `dir.file(name)`.
public func storePath(in dir: TemporaryDirectory, name: String = "heard.sqlite") throws -> String {
    TestDatabase.isPostgres ? try dir.postgresURL(name) : dir.file(name)
}

/// A statutory complaint with sensible defaults for tests.
public func sampleComplaint(received: String = "2021-12-24", area: String = "Care Leavers", name: String = "Test Person",
                            categories: [String] = ["communication and information"], cyp: Bool = false) -> Contact {
    Contact(kind: .complaint, received: day(received), channel: .email, serviceArea: area, team: "Team A", procedure: .statutory,
            complainantName: name, complainantRole: cyp ? .childOrYoungPerson : .parent, isChildOrYoungPerson: cyp,
            advocate: cyp ? "Children's Rights Team" : "", summary: "Summary of the complaint", officer: "Officer One",
            issues: categories.map { ComplaintIssue(category: $0) })
}

/// The built `heard` binary beside the test bundle (debug or release build folder).
public func heardBinary() -> String {
    let env = ProcessInfo.processInfo.environment
    if let p = env["HEARD_BINARY"], !p.isEmpty { return p }
    // The test bundle lives in .build/<triple>/<config>/; the executable beside it.
    var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()
    for _ in 0..<6 {
        let candidate = dir.appendingPathComponent("heard").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    for b in Bundle.allBundles {
        let candidate = b.bundleURL.deletingLastPathComponent().appendingPathComponent("heard").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return ".build/debug/heard"
}

/// The result of running the binary.
public struct RunResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the `heard` binary with arguments and environment additions (in `workingDirectory`, when
/// given), waiting for it to finish.
@discardableResult
public func runHeard(_ arguments: [String], environment: [String: String] = [:], input: String? = nil,
                     in workingDirectory: String? = nil) throws -> RunResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: heardBinary())
    p.arguments = arguments
    if let workingDirectory { p.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
    var env = ProcessInfo.processInfo.environment
    env["HEARD_DB"] = nil
    env["LINES"] = nil
    env["COLUMNS"] = nil
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    if input != nil { p.standardInput = Pipe() } else { p.standardInput = FileHandle.nullDevice }
    try p.run()
    if let input, let w = p.standardInput as? Pipe {
        try w.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try? w.fileHandleForWriting.close()
    }
    // Read both pipes fully before waiting, so a large output cannot block the child.
    let errData = Locked(Data())
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { errData.set(err.fileHandleForReading.readDataToEndOfFile()); group.leave() }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return RunResult(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData.value, as: UTF8.self))
}

/// A value one thread writes and another reads after a wait: the lock makes the hand-over safe.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    func set(_ value: Value) { lock.lock(); stored = value; lock.unlock() }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
}
