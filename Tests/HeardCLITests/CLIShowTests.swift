import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// `heard show` on the demo database: the contract's JSON keys for a case at every stage and of
/// every kind, the text format, and how a reference is found.
final class CLIShowTests: DemoReadingTestCase {

    func show(_ ref: String, _ format: String = "json", file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let r = try heard(["show", ref, "--format", format, "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return try jsonObject(r.stdout, file: file, line: line)
    }

    static let topKeys = ["reference", "kind", "status", "stage", "stages", "issues", "remedies", "timeline", "contacts", "letters",
                          "documents", "legal_hold", "anonymised"]
    static let stageKeys = ["number", "requested", "acknowledged", "due", "maximum", "response", "outcome", "window_ends"]

    func testJSONHasTheContractKeysForEveryKindStatusAndStage() throws {
        let r = try heard(["cases", "--format", "json", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        var examples: [String: [String: Any]] = [:]
        for row in try jsonArray(r.stdout) {
            let key = "\(row["kind"] ?? "")/\(row["status"] ?? "")/\(row["stage"] ?? "-")"
            if examples[key] == nil { examples[key] = row }
        }
        for stage in 1...3 { XCTAssertNotNil(examples["complaint/open/\(stage)"], "the demo has an open complaint at stage \(stage)") }
        XCTAssertGreaterThanOrEqual(examples.count, 10)
        for (key, row) in examples {
            let ref = try XCTUnwrap(row["reference"] as? String)
            let obj = try show(ref)
            for k in Self.topKeys { XCTAssertNotNil(obj[k], "\(key) \(ref): \(k) missing") }
            XCTAssertEqual(obj["reference"] as? String, ref)
            XCTAssertEqual(obj["kind"] as? String, row["kind"] as? String, key)
            XCTAssertEqual(obj["status"] as? String, row["status"] as? String, key)
            XCTAssertEqual(obj["stage"] as? Int, row["stage"] as? Int, key)
            XCTAssertEqual(obj["due"] as? String, row["due"] as? String, "\(key): the same deadline as heard cases")
            // Arrays always; the demo fills them on its open complaints (CLICorrespondenceTests).
            for list in ["contacts", "letters", "documents"] { XCTAssertNotNil(obj[list] as? [Any], "\(key) \(list)") }
            XCTAssertTrue(obj["legal_hold"] is Bool && obj["anonymised"] is Bool, key)
            let stages = try XCTUnwrap(obj["stages"] as? [[String: Any]], key)
            if row["kind"] as? String == "complaint" {
                XCTAssertEqual(stages.count, row["stage"] as? Int, "\(key): one clock per stage reached")
            }
            if row["kind"] as? String == "compliment" || row["kind"] as? String == "comment" { XCTAssertEqual(stages.count, 0, key) }
            for s in stages { for k in Self.stageKeys { XCTAssertTrue(s.keys.contains(k), "\(key) \(ref) stage: \(k) missing") } }
            for i in try XCTUnwrap(obj["issues"] as? [[String: Any]]) {
                for k in ["category", "verdict", "finding"] { XCTAssertTrue(i.keys.contains(k), "\(key) issue: \(k) missing") }
            }
            let timeline = try XCTUnwrap(obj["timeline"] as? [[String: Any]])
            XCTAssertEqual(timeline.first?["kind"] as? String, "received", key)
            for t in timeline { for k in ["date", "kind", "text"] { XCTAssertNotNil(t[k] as? String, "\(key) timeline: \(k)") } }
            XCTAssertFalse((obj["history"] as? [Any] ?? []).isEmpty, "\(key): the demo's import is in the history")
        }
    }

    func testAnsweredStageHasItsResponseOutcomeAndWindow() throws {
        let r = try heard(["cases", "--format", "json", "--db", db], in: dir)
        let responded = try XCTUnwrap(try jsonArray(r.stdout).first { $0["status"] as? String == "responded" }?["reference"] as? String)
        let obj = try show(responded)
        let last = try XCTUnwrap((obj["stages"] as? [[String: Any]])?.last)
        XCTAssertNotNil(last["response"] as? String)
        XCTAssertNotNil(last["window_ends"] as? String, "the complainant may still ask for the next stage")
        XCTAssertGreaterThan(try XCTUnwrap(last["window_ends"] as? String), try XCTUnwrap(last["response"] as? String))
    }

    func testTextReadsLikeTheDetailScreen() throws {
        let r = try heard(["show", "CS-2022-0319", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.components(separatedBy: "\n")
        XCTAssertEqual(lines.first, "CS-2022-0319")
        for section in ["Case", "Clock", "Issues and findings", "Timeline", "Learning and actions", "History"] {
            XCTAssertTrue(lines.contains(section), "\(section) missing:\n\(r.stdout)")
        }
        XCTAssertTrue(lines.contains { $0.hasPrefix("Complainant           李小龍") }, r.stdout)
        XCTAssertTrue(lines.contains("  Stage 1: Local resolution"), r.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("    Due               2022-06-17") }, r.stdout)
        XCTAssertTrue(lines.contains("  2022-06-01  Received"), r.stdout)
    }

    func testAReferenceIsFoundInAnyCaseOrByItsNumberWhenUnique() throws {
        XCTAssertEqual(try show("cs-2022-0320")["reference"] as? String, "CS-2022-0320")
        XCTAssertEqual(try show("320")["reference"] as? String, "CS-2022-0320")
        XCTAssertEqual(try show("0320")["reference"] as? String, "CS-2022-0320")
        let ambiguous = try heard(["show", "39", "--db", db], in: dir)
        XCTAssertEqual(ambiguous.status, 1)
        XCTAssertEqual(ambiguous.stderr, "heard: 39 matches 3 cases (CS-2020-0039, CS-2021-0039, CS-2022-0039): give the whole reference\n")
        XCTAssertEqual(ambiguous.stdout, "")
        let unknown = try heard(["show", "CS-1999-0001", "--db", db], in: dir)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr, "heard: no case CS-1999-0001\n")
        let bad = try heard(["show", "CS-2022-0320", "--format", "xml", "--db", db], in: dir)
        XCTAssertEqual(bad.status, 2, "bad usage")
    }
}

/// `heard show` never hands the terminal an escape sequence stored in the data.
final class CLIShowEscapeTests: XCTestCase {
    func testTextStripsControlCharactersAndJSONEscapesThem() throws {
        try requireBinary()
        let dir = TemporaryDirectory("heard-cli-show")
        let path = try cliDatabase(dir.file("escape.sqlite"), in: dir)
        // Written the way another program might: straight through the store, escapes and all.
        let store = try Store(path: path, options: StoreOptions(create: true, actor: "Test Officer"))
        var c = sampleComplaint(received: "2022-06-01", name: "Evil\u{1B}]0;pwned\u{07} Name")
        c.summary = "Clears\u{1B}[2J the screen\u{9B}31m and bells\u{07}"
        c.issues[0].detail = "Detail with \u{1B}[5m blink"
        let saved = try store.add(c, today: day(cliToday))
        let text = try heard(["show", saved.reference, "--db", path], in: dir)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("Summary"), text.stdout)
        let controls = text.stdout.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }
        XCTAssertEqual(controls.count, 0, "control characters reached the terminal")
        let json = try heard(["show", saved.reference, "--format", "json", "--db", path], in: dir)
        XCTAssertEqual(json.status, 0, json.stderr)
        XCTAssertFalse(json.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
        let obj = try jsonObject(json.stdout)
        XCTAssertEqual(obj["summary"] as? String, c.summary, "JSON keeps the text, escaped")
    }
}
