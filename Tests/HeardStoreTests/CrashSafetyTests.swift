import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// Crash safety with real processes: a child process imports file after file into one database
/// and is killed with SIGKILL mid-stream; the file stays sound, every import it reported is
/// there in full, and the import that was cut short is there entirely or not at all.
final class CrashSafetyTests: XCTestCase {
    func testKillingAnImportingProcessLosesNothingItReportedAndLeavesTheFileSound() throws {
        let binary = heardBinary()
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: binary), "the heard binary is not built (\(binary))")
        let dir = TemporaryDirectory("heard-crash")
        let db = dir.file("crash.sqlite")
        for i in 1...fileCount { try Data(csvFile(i).utf8).write(to: URL(fileURLWithPath: dir.file("batch\(i).csv"))) }

        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", loopScript, "sh", binary, dir.path, db, String(fileCount)]
        var env = ProcessInfo.processInfo.environment
        env["HEARD_DB"] = nil
        env["HEARD_TODAY"] = "2022-06-15"
        env["XDG_CONFIG_HOME"] = dir.file("config")
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        let reported = LineCollector()
        out.fileHandleForReading.readabilityHandler = { h in reported.append(h.availableData) }
        try p.run()

        // Let three imports finish, then kill the importer as it starts the fourth (the loop
        // goes straight on to the next file): the same point every run, not a random one.
        let deadline = Date().addingTimeInterval(60)
        while reported.doneCount < 3 && p.isRunning && Date() < deadline { usleep(5_000) }
        let children = childProcesses(of: p.processIdentifier)
        for c in children { kill(c, SIGKILL) }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        out.fileHandleForReading.readabilityHandler = nil
        reported.append(out.fileHandleForReading.readDataToEndOfFile())

        let done = reported.done
        XCTAssertGreaterThanOrEqual(done.count, 3, "the child reported imports before it was killed")
        XCTAssertLessThan(done.count, fileCount, "the child was killed before it finished")

        let check = try runHeard(["check", "--db", db], environment: ["HEARD_TODAY": "2022-06-15", "XDG_CONFIG_HOME": dir.file("config")])
        XCTAssertEqual(check.status, 0, "heard check after the kill: \(check.stderr)")

        let store = try Store(path: db, options: StoreOptions(readOnly: true, actor: "T"))
        XCTAssertEqual(try store.check(today: fixedToday), [])
        let refs = Set(try store.allContacts().map(\.reference))
        for i in done {
            let batch = Set((1...rowsPerFile).map { "K\(i)-\($0)" })
            XCTAssertTrue(batch.isSubset(of: refs), "import \(i) was reported done but \(batch.subtracting(refs).count) of its rows are missing")
        }
        for i in 1...fileCount where !done.contains(i) {
            let present = (1...rowsPerFile).filter { refs.contains("K\(i)-\($0)") }.count
            XCTAssertTrue(present == 0 || present == rowsPerFile, "import \(i) is half there: \(present) of \(rowsPerFile) rows")
        }
        XCTAssertEqual(refs.count % rowsPerFile, 0)
    }
}

// MARK: - Fixtures

private let fileCount = 40
private let rowsPerFile = 150

/// `$1` binary, `$2` folder of batchN.csv, `$3` database, `$4` how many files. One line per import done.
private let loopScript = """
i=1
while [ "$i" -le "$4" ]; do
  "$1" import "$2/batch$i.csv" --db "$3" >/dev/null && echo "done $i"
  i=$((i + 1))
done
"""

private func csvFile(_ i: Int) -> String {
    var s = "reference,kind,received,service_area,complainant_name,categories,summary,acknowledged,stage1_response,stage1_outcome\n"
    for j in 1...rowsPerFile {
        if j % 3 == 0 {
            s += "K\(i)-\(j),complaint,2022-01-10,Care Leavers,Crash Fixture \(j),placement,\"Batch \(i), row \(j)\",2022-01-11,2022-01-20,upheld\n"
        } else {
            s += "K\(i)-\(j),compliment,2022-01-10,Adoption,Crash Fixture \(j),,Thanks,,,\n"
        }
    }
    return s
}

/// Child process ids of `pid` (Linux /proc).
private func childProcesses(of pid: Int32) -> [Int32] {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8) else { return [] }
    return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
}

/// Lines the child printed, collected from another thread.
private final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func append(_ d: Data) { lock.lock(); text += String(decoding: d, as: UTF8.self); lock.unlock() }
    var done: Set<Int> {
        lock.lock(); defer { lock.unlock() }
        return Set(text.split(separator: "\n").compactMap { $0.hasPrefix("done ") ? Int($0.dropFirst(5)) : nil })
    }
    var doneCount: Int { done.count }
}
