@testable import HeardCore
import XCTest

/// `heard audit`'s lines: fixed columns whatever the values, the short way for ASCII the same as
/// the general one, and nothing from the data that acts on a terminal or breaks a row.
final class AuditLogFormatTests: XCTestCase {
    func testTheShortFitIsTheTablesFit() {
        for s in ["", "Officer One", "exactly twenty chars", "a name longer than its column", "Zoë Brontë", "陈小明的投诉", "tab\there", "esc\u{1B}[2Jx"] {
            for width in [0, 5, 20] {
                XCTAssertEqual(AuditLogFormat.fit(s, width), TextTable.fit(s, width), "\(s) at \(width)")
            }
        }
    }

    func testAKeyOrAReferenceIsNeverCut() {
        let change = AuditEntry(id: 7, at: "2026-11-30T09:12:05Z", who: "A", session: "s", entity: .other("contact_log"), action: .create,
                                entityID: 1_234_567, reference: "COUNCIL-CS-2026-000123", changes: [])
        let row = AuditLogFormat.tableRow(.change(change))
        XCTAssertTrue(row.contains(" contact_log 1234567 COUNCIL-CS-2026-000123\n"), row)
        let anonymised = AuditEntry(id: 8, at: "2026-11-30T09:12:05Z", who: "A", session: "s", entity: .contact, action: .other("anonymise"),
                                    entityID: 3, reference: "CS-2026-0001", changes: [])
        XCTAssertTrue(AuditLogFormat.tableRow(.change(anonymised)).contains(" anonymise contact 3         CS-2026-0001"), "the action whole, the columns in line")
        XCTAssertEqual(AuditLogFormat.fit("陈小明陈小明陈小明", 6, cut: false), "陈小明陈小明陈小明")
        XCTAssertEqual(AuditLogFormat.fit("陈小明", 8, cut: false), "陈小明  ")
        XCTAssertEqual(AuditLogFormat.fit("陈小明", 5, cut: false), "陈小明", "a wide character at the edge is not dropped either")
    }

    func testRowsKeepTheirColumnsAndLoseControlCharacters() {
        let change = AuditEntry(id: 7, at: "2026-11-30T09:12:05Z", who: "Officer\u{1B}]52;c;aGk=\u{07} One", session: "s", entity: .contact, action: .update,
                                entityID: 3, reference: "CS-2026-0001", changes: [FieldChange("summary", before: "a\nb", after: "c")])
        let read = ReadEntry(id: 1, at: "2026-11-30T09:13:00Z", who: "陈小明", contactID: 3, reference: "CS-2026-0001", via: .screen)
        let rows = [AuditLogFormat.header, AuditLogFormat.tableRow(.change(change)), AuditLogFormat.tableRow(.read(read))]
        for r in rows {
            XCTAssertEqual(r.filter { $0 == "\n" }.count, 1, r)
            XCTAssertFalse(r.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, r)
        }
        XCTAssertEqual(rows[1], "2026-11-30T09:12:05Z Officer]52;c;aGk= On update    contact 3         CS-2026-0001  summary: a ⏎ b → c\n")
        XCTAssertEqual(rows[2], "2026-11-30T09:13:00Z 陈小明               read      contact           CS-2026-0001  via screen\n")
        // The reference column starts at the same cell on every row (wide characters count two).
        let starts = rows.map { row -> Int in
            guard let r = row.range(of: "CS-2026-0001") ?? row.range(of: "REFERENCE") else { return -1 }
            return row[..<r.lowerBound].unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
        }
        XCTAssertEqual(Set(starts).count, 1, "\(starts) \(rows)")
    }

    func testJSONKeepsTheValuesAsRecorded() {
        let change = AuditEntry(id: 7, at: "2026-11-30T09:12:05Z", who: "A", session: "s", entity: .event, action: .create,
                                entityID: 4, reference: "R-1", changes: [FieldChange("kind", before: nil, after: "paused")])
        XCTAssertEqual(AuditLogFormat.json(.change(change)),
                       #"{"at":"2026-11-30T09:12:05Z","who":"A","action":"create","entity":"event","entity_id":4,"reference":"R-1","changes":[{"field":"kind","before":null,"after":"paused"}],"changes_readable":true}"#)
        let read = ReadEntry(id: 1, at: "2026-11-30T09:13:00Z", who: "B\u{1B}", contactID: 3, reference: "R-1", via: .sar)
        XCTAssertEqual(AuditLogFormat.json(.read(read)),
                       #"{"at":"2026-11-30T09:13:00Z","who":"B\u001b","action":"read","entity":"contact","entity_id":3,"reference":"R-1","changes":[],"via":"sar"}"#)
    }
}
