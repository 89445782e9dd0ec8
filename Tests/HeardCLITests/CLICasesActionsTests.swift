import Foundation
import HeardTestSupport
import XCTest

/// `heard cases` and `heard actions` on the demo database, as of a fixed today.
final class CLICasesActionsTests: DemoReadingTestCase {

    private func cases(_ extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let r = try heard(["cases", "--format", "json", "--db", db] + extra, in: dir)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return try jsonArray(r.stdout, file: file, line: line)
    }

    private func actions(_ extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let r = try heard(["actions", "--format", "json", "--db", db] + extra, in: dir)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return try jsonArray(r.stdout, file: file, line: line)
    }

    // MARK: Cases

    func testCaseListJSONHasTheContractKeys() throws {
        let rows = try cases()
        XCTAssertGreaterThan(rows.count, 500)
        for row in rows {
            for key in caseKeys { XCTAssertNotNil(row[key], "\(key) missing from \(row["reference"] ?? "?")") }
        }
        let complaint = try XCTUnwrap(rows.first { $0["kind"] as? String == "complaint" && $0["status"] as? String == "open" })
        XCTAssertTrue(complaint["stage"] is NSNumber)
        XCTAssertNotNil(LocalDateText(complaint["due"]), "an open complaint has a due date")
        let compliment = try XCTUnwrap(rows.first { $0["kind"] as? String == "compliment" })
        XCTAssertTrue(compliment["stage"] is NSNull)
        XCTAssertTrue(compliment["due"] is NSNull)
        XCTAssertEqual(compliment["overdue"] as? Bool, false)
    }

    func testOverdueOnlyListsOverdueCases() throws {
        let rows = try cases(["--overdue"])
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(rows.allSatisfy { $0["overdue"] as? Bool == true })
        XCTAssertTrue(rows.allSatisfy { ($0["due"] as? String ?? "9999") < cliToday })
        XCTAssertTrue(rows.contains { $0["complainant_name"] as? String == "Zoë Hughes" })
        let all = try cases().filter { $0["overdue"] as? Bool == true }
        XCTAssertEqual(Set(rows.compactMap { $0["reference"] as? String }), Set(all.compactMap { $0["reference"] as? String }))
    }

    func testDueWithinFiveWorkingDays() throws {
        let rows = try cases(["--due-within", "5"])
        XCTAssertFalse(rows.isEmpty)
        for row in rows {
            let left = try XCTUnwrap(row["days_left"] as? Int, "\(row)")
            XCTAssertTrue((0...5).contains(left), "\(row["reference"] ?? "") has \(left) days left")
            XCTAssertEqual(row["paused"] as? Bool, false)
        }
        XCTAssertTrue(rows.contains { $0["complainant_name"] as? String == "李小龍" }, "the demo's due-soon case")
    }

    func testOfficerStageAndSearchFilters() throws {
        let helen = try cases(["--officer", "helen sanderson"])
        XCTAssertFalse(helen.isEmpty)
        XCTAssertTrue(helen.allSatisfy { $0["officer"] as? String == "Helen Sanderson" })
        let stage2 = try cases(["--stage", "2"])
        XCTAssertFalse(stage2.isEmpty)
        XCTAssertTrue(stage2.allSatisfy { $0["stage"] as? Int == 2 })
        XCTAssertTrue(stage2.contains { $0["status"] as? String == "open" })
        let zoe = try cases(["--search", "zoe hughes"])
        XCTAssertEqual(zoe.compactMap { $0["complainant_name"] as? String }, ["Zoë Hughes"])
        let byRef = try XCTUnwrap(zoe.first?["reference"] as? String)
        XCTAssertEqual(try cases(["--search", byRef]).compactMap { $0["reference"] as? String }, [byRef])
        XCTAssertEqual(try cases(["--search", "李小龍"]).count, 1)
        XCTAssertEqual(try cases(["--search", "nosuchwordanywhere"]).count, 0)
    }

    func testTableAndCSVFormats() throws {
        let table = try heard(["cases", "--overdue", "--db", db], in: dir)
        XCTAssertEqual(table.status, 0, table.stderr)
        let n = try cases(["--overdue"]).count
        XCTAssertTrue(table.stdout.hasSuffix("\(n) case\(n == 1 ? "" : "s")\n"), table.stdout)
        XCTAssertTrue(table.stdout.contains("OVERDUE"))
        let csv = try heard(["cases", "--overdue", "--format", "csv", "--db", db], in: dir)
        XCTAssertEqual(csv.status, 0, csv.stderr)
        XCTAssertTrue(csv.stdout.hasPrefix("reference,kind,received,service_area,team,complainant_name,officer,stage,status,due,overdue\r\n"))
        XCTAssertEqual(csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count, n + 1)
    }

    // MARK: Actions

    func testActionJSONHasTheContractKeys() throws {
        let rows = try actions()
        XCTAssertFalse(rows.isEmpty)
        for row in rows {
            for key in actionKeys { XCTAssertNotNil(row[key], "\(key) missing from \(row["title"] ?? "?")") }
            XCTAssertTrue(row["tags"] is [Any])
            XCTAssertTrue(["open", "in progress", "done", "dropped"].contains(row["status"] as? String ?? ""), "\(row["status"] ?? "")")
        }
    }

    func testOutstandingActionsAreInReviewOrder() throws {
        let rows = try actions(["--outstanding"])
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(rows.allSatisfy { ["open", "in progress"].contains($0["status"] as? String ?? "") })
        // overdue (by due date), then dated (by due date), then undated.
        let keys = rows.map { r -> (Int, String) in
            guard let due = r["due"] as? String else { return (2, "") }
            return (r["overdue"] as? Bool == true ? 0 : 1, due)
        }
        for (a, b) in zip(keys, keys.dropFirst()) {
            XCTAssertTrue(a.0 < b.0 || (a.0 == b.0 && a.1 <= b.1), "\(a) listed before \(b)")
        }
        XCTAssertTrue(keys.contains { $0.0 == 0 }, "the demo has overdue actions")
        XCTAssertTrue(keys.contains { $0.0 == 2 }, "the demo has an undated action")
    }

    func testActionPlanHoldsTheBoardResolutionsAndThePracticeLearningDay() throws {
        let rows = try actions(["--outstanding"])
        let sources = rows.compactMap { $0["source"] as? String }
        XCTAssertTrue(sources.contains { $0.hasPrefix("Corporate Parenting Board") && $0.hasSuffix("resolution 1") }, "\(sources)")
        XCTAssertTrue(sources.contains { $0.hasPrefix("Corporate Parenting Board") && $0.hasSuffix("resolution 2") }, "\(sources)")
        XCTAssertTrue(rows.contains { ($0["title"] as? String ?? "").contains("practice learning day") })
        let undated = rows.filter { $0["due"] is NSNull }
        XCTAssertTrue(undated.contains { ($0["source"] as? String ?? "").hasSuffix("resolution 1") }, "'at the appropriate time' stays visible")
    }

    func testOverdueAndOwnerFilters() throws {
        let overdue = try actions(["--overdue"])
        XCTAssertFalse(overdue.isEmpty)
        XCTAssertTrue(overdue.allSatisfy { $0["overdue"] as? Bool == true })
        let owner = try actions(["--owner", "complaints and compliments manager"])
        XCTAssertFalse(owner.isEmpty)
        XCTAssertTrue(owner.allSatisfy { $0["owner"] as? String == "Complaints and Compliments Manager" })
    }
}

// MARK: - Fixtures

private let caseKeys = ["reference", "kind", "received", "service_area", "complainant_name", "officer", "stage", "status", "due", "overdue"]
private let actionKeys = ["title", "owner", "service_area", "due", "status", "tags", "overdue", "source"]

/// A `YYYY-MM-DD` string, or nil.
private func LocalDateText(_ v: Any?) -> String? {
    guard let s = v as? String, s.count == 10, s.dropFirst(4).first == "-" else { return nil }
    return s
}
