import Foundation
import HeardTestSupport
import XCTest

/// Standard output and files never trap: a full disk is a message and exit 1, a closed pipe a quiet end.
final class SafeOutputTests: DemoReadingTestCase {
    /// Runs heard with standard output sent to `stdout`, returning the status and standard error.
    func run(_ arguments: [String], stdout: FileHandle) throws -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: heardBinary())
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["HEARD_TODAY"] = cliToday
        env["XDG_CONFIG_HOME"] = dir.file("config")
        p.environment = env
        let err = Pipe()
        p.standardOutput = stdout
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: errData, as: UTF8.self))
    }

    func testAFullDiskIsAMessageAndExitOne() throws {
        let full = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
        let first = try XCTUnwrap(try jsonArray(try heard(["cases", "--format", "json", "--db", db], in: dir).stdout).first?["reference"] as? String)
        for args in [["export"], ["cases", "--format", "json"], ["actions"], ["report", "--from", "2021-04-01", "--to", "2022-03-31"],
                     ["show", first], ["show", first, "--format", "json"]] {
            let r = try run(args + ["--db", db], stdout: full)
            XCTAssertEqual(r.status, 1, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr, "heard: standard output: cannot write (No space left on device)\n", "\(args)")
        }
    }

    /// A document's bytes to a full standard output: the same message and exit 1, not the
    /// argument parser's "Error:" and 2 (found by an attack).
    func testADocumentToAFullStandardOutputIsTheSameMessage() throws {
        let own = TemporaryDirectory("heard-cli-document-full")
        let demo = try makeDemo(in: own)
        let first = try XCTUnwrap(try jsonArray(try heard(["cases", "--format", "json", "--db", demo], in: own).stdout).first?["reference"] as? String)
        try Data("a note".utf8).write(to: URL(fileURLWithPath: own.file("note.txt")))
        XCTAssertEqual(try heard(["document", "add", first, own.file("note.txt"), "--db", demo], in: own).status, 0)
        let full = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
        let r = try run(["document", "get", first, "1", "--output", "-", "--db", demo], stdout: full)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stderr, "heard: standard output: cannot write (No space left on device)\n")
    }

    /// `heard cases | head`: once the reader has what it wants, the command ends quietly, as
    /// other tools do: no message, no signal, status 0.
    func testAClosedPipeEndsTheCommandQuietly() throws {
        for args in [["export"], ["cases"], ["report", "--from", "2021-04-01", "--to", "2022-03-31"], ["--help"]] {
            let pipe = Pipe()
            try pipe.fileHandleForReading.close()
            let r = try run(args + ["--db", db], stdout: pipe.fileHandleForWriting)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr, "", "\(args)")
        }
    }

    /// Standard output another program left non-blocking (a pipe it shares with us): every byte
    /// arrives however slowly it is read, where the output stopped at the pipe's 64 KB with
    /// "Resource temporarily unavailable".
    func testANonBlockingPipeGetsEveryByte() throws {
        let whole = try heard(["export", "--db", db], in: dir)
        XCTAssertEqual(whole.status, 0, whole.stderr)
        XCTAssertGreaterThan(whole.stdout.utf8.count, 200_000, "fixture: more than a pipe holds")
        let pipe = Pipe()
        let w = pipe.fileHandleForWriting.fileDescriptor
        XCTAssertEqual(fcntl(w, F_SETFL, fcntl(w, F_GETFL) | O_NONBLOCK), 0)
        // Written by the reading thread before it signals, read here only after the wait.
        final class Box: @unchecked Sendable { var data = Data() }
        let read = Box()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            // The pipe fills before anyone reads it.
            Thread.sleep(forTimeInterval: 0.5)
            read.data = pipe.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        let r = try run(["export", "--db", db], stdout: pipe.fileHandleForWriting)
        try pipe.fileHandleForWriting.close()
        done.wait()
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(read.data.count, whole.stdout.utf8.count)
        XCTAssertEqual(String(decoding: read.data, as: UTF8.self), whole.stdout)
    }

    func testOutputToALinkIsRefusedAndTheFileIsPrivate() throws {
        let victim = dir.file("victim-\(UUID().uuidString).txt")
        try "keep me".write(toFile: victim, atomically: false, encoding: .utf8)
        let link = dir.file("link-\(UUID().uuidString).csv")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        let r = try heard(["export", "--output", link, "--db", db], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "heard: \(link): is a symbolic link; not written (name the file itself)\n")
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "keep me")

        let out = dir.file("report-\(UUID().uuidString).html")
        try "old".write(toFile: out, atomically: false, encoding: .utf8)
        chmod(out, 0o644)
        let rep = try heard(["report", "--from", "2021-04-01", "--to", "2022-03-31", "--format", "html", "--output", out, "--db", db], in: dir)
        XCTAssertEqual(rep.status, 0, rep.stderr)
        XCTAssertEqual(permissions(of: out), 0o600)
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }
}
