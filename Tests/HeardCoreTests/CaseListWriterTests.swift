import CellWidth
@testable import HeardCore
import XCTest

/// Issue 14: the case list is written row by row into one String (`CaseListWriter`) and JSON
/// strings pass through after one look at their bytes. Every output must be the one the old
/// code (kept here as the reference) gave, byte for byte, over random rows and awkward text.
final class CaseListWriterTests: XCTestCase {
    /// Text as lists meet it, and as another tool might leave it: quotes, commas, line breaks,
    /// control and C1 characters, formula starts, wide and combining characters, long cells.
    static let pieces = ["Oliver", "Chen", "李", "小龍", "Zoë", "Müller", "a,b", "say \"no\"", "back\\slash", "line\nbreak", "cr\r\nlf",
                         "tab\there", "\u{1}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "\u{85}", "=SUM(A1)", "+1", "-2", "@x", "'=x", "e\u{301}",
                         "🙂", "Independent Reviewing Officers and more", "", " ", "ï", "Ž", "\u{2028}", "\u{FEFF}", "\"", ","]

    static func text(_ rng: inout SeededRandom) -> String {
        (0..<rng.int(in: 0...4)).map { _ in rng.pick(pieces) }.joined(separator: rng.chance(0.5) ? " " : "")
    }

    static func row(_ rng: inout SeededRandom) -> CaseSummary {
        let day = LocalDate(year: rng.int(in: 2014...2030), month: rng.int(in: 1...12), day: rng.int(in: 1...28)) ?? LocalDate(dayNumber: 0)
        return CaseSummary(id: Int64(rng.int(1_000_000)), reference: rng.chance(0.9) ? "CS-2026-\(rng.int(in: 1...99999))" : text(&rng),
                           kind: rng.pick(ContactKind.allCases), received: day, serviceArea: text(&rng), team: text(&rng),
                           complainantName: text(&rng), isChildOrYoungPerson: rng.chance(0.3), officer: text(&rng), summary: text(&rng),
                           stage: rng.chance(0.5) ? rng.int(in: 1...3) : nil, status: rng.pick(CaseStatus.allCases),
                           due: rng.chance(0.5) ? day.adding(days: rng.int(in: -30...300)) : nil, overdue: rng.chance(0.2),
                           paused: rng.chance(0.1), extended: rng.chance(0.1), daysLeft: rng.chance(0.5) ? rng.int(in: -400...400) : nil,
                           version: 1)
    }

    func testEveryFormatIsTheOldOneByteForByte() {
        var rng = SeededRandom(seed: 1414)
        for size in [0, 1, 2, 3, 10, 200, 2000] {
            let rows = (0..<size).map { _ in Self.row(&rng) }
            XCTAssertEqual(Array(CaseListFormat.json(rows).utf8), Array(OldCaseList.json(rows).utf8), "json of \(size)")
            XCTAssertEqual(Array(CaseListFormat.csv(rows).utf8), Array(OldCaseList.csv(rows).utf8), "csv of \(size)")
            XCTAssertEqual(Array(CaseListFormat.table(rows).utf8), Array(OldCaseList.table(rows).utf8), "table of \(size)")
            for format in ListFormat.allCases {
                var w = CaseListWriter(format: format)
                for r in rows { w.append(r) }
                XCTAssertEqual(w.count, size)
                XCTAssertEqual(w.finish(), CaseListFormat.render(rows, as: format))
            }
        }
    }

    /// A reference is never cut in the table: cut, "CS-2021-0010" with spaces and a letter after
    /// it was listed as CS-2021-0010 beside the case of that reference.
    func testTheTableNeverCutsAReference() {
        var rng = SeededRandom(seed: 7)
        var long = Self.row(&rng), short = Self.row(&rng)
        long.reference = "CS-2021-0010" + String(repeating: " ", count: 27) + "B"
        short.reference = "CS-2021-0010"
        let table = CaseListFormat.table([long, short])
        let lines = table.split(separator: "\n")
        XCTAssertTrue(lines[1].hasPrefix(long.reference + " "), table)
        XCTAssertTrue(lines[2].hasPrefix("CS-2021-0010  "), table)
        XCTAssertEqual(TextTable.whole("CS-2026-0001", 13), "CS-2026-0001 ")
        XCTAssertEqual(TextTable.whole("CS-2026-000123", 13), "CS-2026-000123")
    }

    func testQuotePassesThroughOnlyWhatNeedsNoEscape() {
        var rng = SeededRandom(seed: 77)
        var strings = Self.pieces
        for _ in 0..<20_000 { strings.append(Self.text(&rng)) }
        // Every scalar from 0 to 0x200 alone and between letters.
        for v in 0..<0x200 { if let u = Unicode.Scalar(v) { strings.append(String(u)); strings.append("a\(u)b") } }
        for s in strings {
            XCTAssertEqual(Array(JSONText.quote(s).utf8), Array(JSONText.quoteByScalars(s).utf8), s.debugDescription)
            var out = "x"
            JSONText.appendQuoted(s, to: &out)
            XCTAssertEqual(out, "x" + JSONText.quoteByScalars(s))
        }
        XCTAssertEqual(JSONText.quote("a\u{85}b"), "\"a\\u0085b\"")
        XCTAssertEqual(JSONText.quote("say \"no\""), "\"say \\\"no\\\"\"")
    }

    func testObjectsAndArraysAreTheOldJoins() {
        var rng = SeededRandom(seed: 5)
        for _ in 0..<500 {
            let pairs = (0..<rng.int(in: 0...6)).map { _ in (Self.text(&rng), JSONText.quote(Self.text(&rng))) }
            let items = pairs.map(\.1)
            XCTAssertEqual(JSONText.object(pairs), pairs.isEmpty ? "{}" : "{" + pairs.map { JSONText.quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}")
            XCTAssertEqual(JSONText.array(items), items.isEmpty ? "[]" : "[" + items.joined(separator: ",") + "]")
            for level in 0...2 {
                let pad = String(repeating: " ", count: 2 * (level + 1)), end = String(repeating: " ", count: 2 * level)
                XCTAssertEqual(JSONText.array(items, indent: 2, level: level),
                               items.isEmpty ? "[]" : "[\n" + items.map { pad + $0 }.joined(separator: ",\n") + "\n" + end + "]")
            }
        }
    }

    /// A cell is never much longer than its width, whatever takes no cell in it (an attack: a
    /// name of 300,000 zero-width spaces made one table row 900 KB); what shows is unchanged.
    func testACellHoldsFewInvisibleCharactersAndNoHugeCharacter() {
        let flood = "Zed" + String(repeating: "\u{200B}", count: 300_000) + " Quinn"
        let cell = TextTable.fit(flood, 20)
        XCTAssertEqual(CellWidth.displayWidth(cell), 20)
        XCTAssertLessThanOrEqual(cell.utf8.count, 20 + 3 * CellWidth.invisibleKept)
        XCTAssertEqual(cell.filter { $0 != "\u{200B}" }, "Zed Quinn           ")
        let zalgo = "Z" + String(repeating: "\u{301}", count: 100_000) + "ed"
        let cut = TextTable.fit(zalgo, 5)
        XCTAssertLessThanOrEqual(cut.unicodeScalars.count, CellWidth.scalarsKept + 2 + 2)
        XCTAssertTrue(cut.hasSuffix("ed  "), cut.debugDescription)
        XCTAssertEqual(TextTable.fit("e\u{301}\u{200B}x", 4), "e\u{301}\u{200B}x  ", "a few are kept as they are")
        var row = CaseSummary(id: 1, reference: "CS-1", kind: .complaint, received: LocalDate(year: 2026, month: 1, day: 5) ?? LocalDate(dayNumber: 0),
                              serviceArea: "Adoption", team: "", complainantName: flood, isChildOrYoungPerson: false, officer: flood,
                              summary: flood, stage: 1, status: .open, due: nil, overdue: false, paused: false, extended: false,
                              daysLeft: nil, version: 1)
        row.team = flood
        XCTAssertLessThan(CaseListFormat.table([row]).utf8.count, 600)
    }

    func testAppendFitIsFit() {
        var rng = SeededRandom(seed: 9)
        for _ in 0..<5000 {
            let s = Self.text(&rng)
            let width = rng.int(in: 0...40)
            var out = ""
            TextTable.appendFit(s, width, to: &out)
            XCTAssertEqual(Array(out.utf8), Array(TextTable.fit(s, width).utf8), "\(s.debugDescription) in \(width)")
        }
    }
}

/// The case list as it was written before `CaseListWriter`: the reference.
enum OldCaseList {
    static func json(_ rows: [CaseSummary]) -> String {
        let items = rows.map { r in
            JSONText.object([
                ("reference", JSONText.quoteByScalars(r.reference)), ("kind", JSONText.quoteByScalars(r.kind.rawValue)),
                ("received", JSONText.quoteByScalars(r.received.iso)),
                ("service_area", JSONText.quoteByScalars(r.serviceArea)), ("team", JSONText.quoteByScalars(r.team)),
                ("complainant_name", JSONText.quoteByScalars(r.complainantName)), ("child_or_young_person", r.isChildOrYoungPerson ? "true" : "false"),
                ("officer", JSONText.quoteByScalars(r.officer)), ("stage", r.stage.map(String.init) ?? "null"),
                ("status", JSONText.quoteByScalars(r.status.rawValue)),
                ("due", r.due.map { JSONText.quoteByScalars($0.iso) } ?? "null"), ("overdue", r.overdue ? "true" : "false"), ("paused", r.paused ? "true" : "false"),
                ("extended", r.extended ? "true" : "false"), ("days_left", r.daysLeft.map(String.init) ?? "null"),
            ])
        }
        if items.isEmpty { return "[]\n" }
        return "[\n" + items.map { "  " + $0 }.joined(separator: ",\n") + "\n]" + "\n"
    }

    static func csv(_ rows: [CaseSummary]) -> String {
        var out = "reference,kind,received,service_area,team,complainant_name,officer,stage,status,due,overdue\r\n"
        for r in rows {
            CSVField.appendRow([r.reference, r.kind.label, r.received.iso, r.serviceArea, r.team, r.complainantName, r.officer,
                                r.stage.map(String.init) ?? "", r.status.rawValue, r.due?.iso ?? "", r.overdue ? "yes" : "no"], to: &out)
        }
        return out
    }

    static func table(_ rows: [CaseSummary]) -> String {
        let fit = TextTable.fit
        var out = fit("REFERENCE", 13) + " " + fit("RECEIVED", 10) + " " + fit("KIND", 15) + " " + fit("SERVICE AREA", 24) + " "
            + fit("COMPLAINANT", 20) + " " + fit("ST", 2) + " " + fit("OFFICER", 16) + " " + fit("DUE", 10) + " STATUS\n"
        for r in rows {
            let status = r.overdue ? "OVERDUE" : r.paused ? "paused" : r.status.label
            out += TextTable.whole(r.reference, 13) + " " + r.received.iso + " " + fit(r.kind.label, 15) + " " + fit(r.serviceArea, 24) + " "
                + fit(r.complainantName, 20) + " " + fit(r.stage.map(String.init) ?? "-", 2) + " " + fit(r.officer, 16) + " "
                + fit(r.due?.iso ?? "", 10) + " " + status + "\n"
        }
        out += "\(rows.count) case\(rows.count == 1 ? "" : "s")\n"
        return out
    }
}
