import Foundation
@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// `/` on the case list and `heard cases --search` match the same cases (CaseSearch), past
/// 10,000 matches, on accented and decomposed names and on bare numbers.
final class SearchParityTests: XCTestCase {
    static let fixture: (dir: TemporaryDirectory, db: String)? = {
        guard FileManager.default.isExecutableFile(atPath: heardBinary()) else { return nil }
        let dir = TemporaryDirectory("heard-search-parity")
        var csv = "reference,kind,received,service_area,complainant_name,subject_child,summary\r\n"
        func date(_ n: Int) -> String { "2022-0\(1 + n % 5)-\(String(format: "%02d", 1 + n % 28))" }
        for n in 1...10_500 {
            csv += "P-\(String(format: "%05d", n)),comment,\(date(n)),Adoption,Alex Smith \(n),,Comment number \(n)\r\n"
        }
        for n in 1...150 {
            csv += "Q-\(n),comment,\(date(n)),Adoption,Jo Brown,\(n % 3 == 0 ? "Kim Smithers" : ""),Thanks\r\n"
        }
        csv += "A-1,comment,2022-02-01,Adoption,Zo\u{EB} Ng,,composed\r\n"
        csv += "A-2,comment,2022-02-02,Adoption,Zoe\u{308} Ng,,decomposed\r\n"
        csv += "A-3,comment,2022-02-03,Adoption,ZO\u{CB} NG,,capitals\r\n"
        csv += "A-4,comment,2022-02-04,Adoption,Sam Lee,Chlo\u{E9} Lee,about case 0002\r\n"
        let file = dir.file("many.csv")
        guard let db = try? cliDatabase(dir.file("many.sqlite"), in: dir) else { return nil }
        guard (try? csv.write(toFile: file, atomically: true, encoding: .utf8)) != nil,
              let r = try? heard(["import", file, "--db", db], in: dir), r.status == 0 else { return nil }
        return (dir, db)
    }()

    /// References `heard cases --search` lists.
    func cli(_ query: String) throws -> [String] {
        let f = try XCTUnwrap(Self.fixture)
        let r = try heard(["cases", "--search", query, "--format", "csv", "--db", f.db], in: f.dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",").first ?? "") }
    }

    /// References the case list shows after `/query`.
    func screen(_ query: String, _ list: CaseListState) -> [String] {
        var l = list
        l.query = query
        l.refilter()
        return l.visibleSummaries.map(\.reference)
    }

    func testSlashAndSearchAgreePastTenThousandAndOnAccentsAndNumbers() throws {
        try requireBinary()
        let f = try XCTUnwrap(Self.fixture, "the fixture database could not be imported")
        let store = try Store(path: f.db, options: StoreOptions(readOnly: true))
        var rows = CaseRows()
        try store.eachCase(today: day(cliToday)) { rows.append($0) }
        var list = CaseListState()
        list.replaceRows(rows)
        XCTAssertEqual(list.shown.count, 10_654)

        let smith = try cli("smith")
        XCTAssertEqual(smith.count, 10_550, "10,500 complainants and 50 subject children, none cut off")
        XCTAssertEqual(Set(screen("smith", list)), Set(smith))
        let expected: [String: Int] = [
            "SMITH 1050": 2, "zoe": 3, "ZOË ng": 3, "Zoe\u{308}": 3, "0002": 13, "kim": 50, "chloe": 1, "p-1": 501,
        ]
        for (q, n) in expected {
            let c = try cli(q)
            XCTAssertEqual(c.count, n, q)
            XCTAssertEqual(Set(screen(q, list)), Set(c), "/\(q) and --search \(q) disagree")
        }
    }
}
