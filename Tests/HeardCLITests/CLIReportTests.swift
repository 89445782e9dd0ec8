import Foundation
import HeardTestSupport
import XCTest

/// `heard report` on the demo database: the seed's figures, DESIGN.md's JSON keys, every
/// format, and the public version that identifies nobody.
final class CLIReportTests: DemoReadingTestCase {

    /// With no --format, the output file's ending says it (it was text whatever the name said);
    /// --format still wins, and an ending that names no format gives text.
    func testTheOutputFilesEndingChoosesTheFormat() throws {
        for (name, start) in [("r.csv", "section,figure,value,previous"), ("r.md", "# Annual complaints report"),
                              ("r.json", "{"), ("r.HTML", "<!DOCTYPE html>"), ("report", "Annual complaints report")] {
            let out = dir.file(name)
            let r = try heard(seedReport + ["--output", out, "--db", db], in: dir)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).hasPrefix(start), name)
        }
        // An ending that names no format is refused unless --format says one; - is standard output.
        let xlsx = try heard(seedReport + ["--output", dir.file("r.xlsx"), "--db", db], in: dir)
        XCTAssertEqual(xlsx.status, 2, xlsx.stderr)
        XCTAssertTrue(xlsx.stderr.contains(".xlsx is no report format"), xlsx.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("r.xlsx")))
        let dash = try heard(seedReport + ["--output", "-", "--format", "csv", "--db", db], in: dir)
        XCTAssertEqual(dash.status, 0, dash.stderr)
        XCTAssertTrue(dash.stdout.hasPrefix("section,figure,value,previous"))
        let out = dir.file("asked.csv")
        let r = try heard(seedReport + ["--format", "json", "--output", out, "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("{"))
    }

    func testSeedFiguresAsJSON() throws {
        let r = try heard(seedReport + ["--format", "json", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let o = try jsonObject(r.stdout)
        XCTAssertEqual(int(o, "contacts.total"), 60)
        XCTAssertEqual(int(o, "complaints.total"), 41)
        XCTAssertEqual(int(o, "complaints.children_and_young_people.total"), 7)
        XCTAssertEqual(int(o, "complaints.children_and_young_people.with_advocate"), 7)
        XCTAssertEqual(int(o, "complaints.children_and_young_people.resolved_at_local_resolution"), 7)
        XCTAssertEqual(int(o, "complaints.children_and_young_people.satisfied"), 7)
        XCTAssertEqual(value(o, "period.from") as? String, "2021-04-01")
        XCTAssertEqual(value(o, "period.to") as? String, "2022-03-31")
        XCTAssertEqual(value(o, "filters.service_areas") as? [String], ["Care Leavers", "Children Looked After", "Fostering Service"])
    }

    func testEveryKeyOfTheDesignsReportJSONIsPresent() throws {
        let r = try heard(seedReport + ["--format", "json", "--db", db], in: dir)
        let o = try jsonObject(r.stdout)
        let skeleton = try jsonObject(designReportSkeleton)
        var missing: [String] = []
        func walk(_ expected: [String: Any], _ actual: [String: Any]?, _ prefix: String) {
            for (k, v) in expected {
                let path = prefix.isEmpty ? k : prefix + "." + k
                guard let a = actual?[k] else { missing.append(path); continue }
                if let e = v as? [String: Any] {
                    guard let sub = a as? [String: Any] else { missing.append(path + " (not an object)"); continue }
                    walk(e, sub, path)
                }
            }
        }
        walk(skeleton, o, "")
        XCTAssertEqual(missing, [], "keys missing from heard report --format json")
    }

    func testHEARD_DBEnvironmentSelectsTheDatabase() throws {
        let viaOption = try heard(seedReport + ["--format", "json", "--db", db], in: dir)
        let viaEnv = try heard(seedReport + ["--format", "json"], in: dir, environment: ["HEARD_DB": db])
        XCTAssertEqual(viaEnv.status, 0, viaEnv.stderr)
        XCTAssertEqual(int(try jsonObject(viaEnv.stdout), "contacts.total"), 60)
        XCTAssertEqual(viaEnv.stdout, viaOption.stdout)
    }

    func testAllAreasTotal261() throws {
        let r = try heard(["report", "--from", "2021-04-01", "--to", "2022-03-31", "--format", "json", "--db", db], in: dir)
        XCTAssertEqual(int(try jsonObject(r.stdout), "contacts.total"), 261)
    }

    func testPublicJSONShowsSmallCountsAsC() throws {
        let r = try heard(seedReport + ["--format", "json", "--public", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let o = try jsonObject(r.stdout)
        var smallCounts: [String] = []
        var cs = 0
        func walk(_ v: Any, _ path: String) {
            if let d = v as? [String: Any] { for (k, x) in d { walk(x, path + "." + k) } }
            else if let a = v as? [Any] { for x in a { walk(x, path) } }
            else if let s = v as? String, s == "c" { cs += 1 }
            else if let n = v as? NSNumber, n.doubleValue == n.doubleValue.rounded(), (1...4).contains(n.intValue),
                    !path.hasSuffix("escalation_rate"), !path.hasSuffix("average_working_days"), !path.hasSuffix("payments") {
                smallCounts.append("\(path) = \(n)")
            }
        }
        walk(o, "")
        XCTAssertEqual(smallCounts, [], "counts from 1 to 4 must be shown as c")
        XCTAssertGreaterThan(cs, 0)
        XCTAssertEqual(int(o, "contacts.total"), 60, "large counts stay")
        XCTAssertEqual(int(o, "complaints.children_and_young_people.total"), 7, "7 is above the threshold")
    }

    func testPublicReportsNameNobodyInAnyFormat() throws {
        let export = try heard(["export", "--format", "json", "--db", db], in: dir)
        XCTAssertEqual(export.status, 0, export.stderr)
        let names = Set(try jsonArray(export.stdout).compactMap { $0["complainant_name"] as? String }.filter { !$0.isEmpty })
        XCTAssertGreaterThan(names.count, 20)
        for format in ["text", "markdown", "csv", "json", "html"] {
            for areas in [seedReport, ["report", "--from", "2020-04-01", "--to", "2022-06-15"]] {
                let r = try heard(areas + ["--format", format, "--public", "--db", db], in: dir)
                XCTAssertEqual(r.status, 0, r.stderr)
                let leaked = names.filter { r.stdout.contains($0) }
                XCTAssertEqual(leaked, [], "\(format) public report names complainants")
            }
        }
    }

    func testEveryFormatRenders() throws {
        for format in ["text", "markdown", "csv", "html"] {
            let r = try heard(seedReport + ["--format", format, "--db", db], in: dir)
            XCTAssertEqual(r.status, 0, "\(format): \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("60"), "\(format) shows the contacts total")
        }
        let html = try heard(seedReport + ["--format", "html", "--db", db], in: dir).stdout
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"), String(html.prefix(40)))
        XCTAssertTrue(html.contains("<svg"))
        XCTAssertTrue(html.contains("</html>"))
        let md = try heard(seedReport + ["--format", "markdown", "--db", db], in: dir).stdout
        XCTAssertTrue(md.contains("|"), "markdown has tables")
    }

    func testOutputFileIsPrivateAndMatchesStandardOutput() throws {
        let out = dir.file("report-\(UUID().uuidString.prefix(6)).json")
        let r = try heard(seedReport + ["--format", "json", "--output", out, "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(permissions(of: out), 0o600)
        XCTAssertEqual(String(decoding: bytes(of: out), as: UTF8.self),
                       try heard(seedReport + ["--format", "json", "--db", db], in: dir).stdout)
    }

    func testReportOpensTheDatabaseWithoutChangingIt() throws {
        let before = try heard(["export", "--db", db], in: dir).stdout
        _ = try heard(seedReport + ["--format", "json", "--db", db], in: dir)
        XCTAssertEqual(try heard(["export", "--db", db], in: dir).stdout, before)
    }

    func testUnknownServiceAreaIsAnInputError() throws {
        let r = try heard(["report", "--from", "2021-04-01", "--to", "2022-03-31", "--service-area", "Narnia", "--db", db], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("Narnia"), r.stderr)
        XCTAssertEqual(r.stdout, "")
    }
}

// MARK: - Fixtures

private let seedReport = ["report", "--from", "2021-04-01", "--to", "2022-03-31", "--service-area", "Care Leavers",
                          "--service-area", "Children Looked After", "--service-area", "Fostering Service"]

/// DESIGN.md, "Report JSON (keys that must be present)".
private let designReportSkeleton = """
{
  "period": {"from": "2021-04-01", "to": "2022-03-31"},
  "filters": {"service_areas": ["Care Leavers"]},
  "contacts": {"total": 0, "by_kind": {"complaint": 0, "compliment": 0, "enquiry": 0, "member_enquiry": 0, "comment": 0},
               "by_service_area": {"Care Leavers": 0}},
  "complaints": {
    "total": 0,
    "by_procedure": {"statutory": 0, "corporate": 0, "adult": 0},
    "by_complainant_role": {"parent": 0},
    "children_and_young_people": {"total": 0, "with_advocate": 0, "resolved_at_local_resolution": 0, "satisfied": 0},
    "categories": {"communication and information": 0},
    "stages": {
      "1": {"received": 0, "responded": 0, "escalated": 0,
            "outcomes": {"upheld": 0, "partially_upheld": 0, "not_upheld": 0, "withdrawn": 0, "mediation": 0},
            "timeliness": {"within_target": 0, "within_extension": 0, "late": 0, "open": 0, "average_working_days": 0.0}}
    },
    "ombudsman": {"referred": 0, "decisions": {"upheld": 0, "not_upheld": 0}}
  },
  "compliments": {"total": 0, "by_service_area": {}},
  "learning": {"themes": {"information sharing": 0}},
  "actions": {"agreed": 0, "done": 0, "open": 0, "overdue": 0}
}
"""
