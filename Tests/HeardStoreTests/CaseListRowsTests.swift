import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// Issue 14: `heard cases` reads its rows as the database's bytes (`eachCaseListRow`) instead of
/// `CaseSummary` values (`eachCase`). Over the demo record, hostile names and every filter the
/// command takes, on several days, both give the same list byte for byte in every format.
final class CaseListRowsTests: XCTestCase {
    private var dir: TemporaryDirectory!
    private var store: Store!

    /// The demo record with hostile names, teams and officers beside it.
    override func setUpWithError() throws {
        dir = TemporaryDirectory("heard-list-rows")
        store = try makeStore(in: dir)
        try store.writeDemo(today: fixedToday)
        let names = ["Zoë \"Q\" O'Neil, Jr", "=HYPERLINK(\"x\")", "+44 7700", "-minus", "@at", "tab\tin", "line\nbreak", "cr\r\nlf",
                     "bell\u{7}", "esc\u{1B}[31m", "c1\u{85}", "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", "小龍小龍小龍小龍小龍小龍", "e\u{301}", "back\\slash", ""]
        for (i, name) in names.enumerated() {
            var c = sampleComplaint(received: i % 2 == 0 ? "2022-06-0\(i % 9 + 1)" : "2019-01-1\(i % 9)", area: i % 3 == 0 ? "Care Leavers" : "Adoption",
                                    name: name)
            c.officer = i % 4 == 0 ? name : "Officer \(i % 3)"
            c.team = name
            _ = try store.add(c, today: fixedToday)
        }
    }

    override func tearDown() { store = nil; dir = nil }

    /// The filters `heard cases` and the screens give.
    private static var filters: [(String, CaseFilter)] {
        var list: [(String, CaseFilter)] = [("all", CaseFilter())]
        var f = CaseFilter()
        f.overdue = true
        list.append(("overdue", f))
        for n in [0, 5, 20] {
            f = CaseFilter()
            f.dueWithin = n
            list.append(("due within \(n)", f))
            f.overdue = true
            list.append(("overdue, due within \(n)", f))
        }
        for s in 1...3 {
            f = CaseFilter()
            f.stage = s
            list.append(("stage \(s)", f))
        }
        for o in ["officer 1", "  OFFICER 2 ", "nobody", "=HYPERLINK(\"x\")"] {
            f = CaseFilter()
            f.officer = o
            list.append(("officer \(o)", f))
        }
        for st: Set<CaseStatus> in [[.open], [.responded], [.closed, .withdrawn], [.notAccepted]] {
            f = CaseFilter()
            f.statuses = st
            list.append(("statuses \(st)", f))
        }
        f = CaseFilter()
        f.serviceArea = "adoption"
        list.append(("area", f))
        f = CaseFilter()
        f.kind = .compliment
        list.append(("compliments", f))
        f = CaseFilter()
        f.childOrYoungPerson = true
        list.append(("children", f))
        for s in ["zoë", "小龍", "  "] {
            f = CaseFilter()
            f.search = s
            list.append(("search \(s)", f))
        }
        return list
    }

    private func listed(_ filter: CaseFilter, today: LocalDate, _ format: ListFormat) throws -> (bytes: [UInt8], old: String, count: Int) {
        var w = CaseListWriter(format: format)
        try store.eachCase(filter, today: today) { w.append($0) }
        var b = CaseListBytes(format: format)
        var out: [UInt8] = []
        try store.eachCaseListRow(filter, today: today) { row in
            b.append(row)
            // Taken in small chunks: each row's bytes are copied while they are lent.
            if b.bytes.count > 700 {
                out += b.bytes
                b.removeWritten()
            }
        }
        b.finish()
        out += b.bytes
        return (out, w.finish(), w.count)
    }

    func testEveryFilterAndFormatGivesTheSummariesBytes() throws {
        var total = 0
        for today in [fixedToday, fixedToday.adding(days: 40), fixedToday.adding(days: -200), fixedToday.adding(days: 900)] {
            for (name, filter) in Self.filters {
                for format in ListFormat.allCases {
                    let (bytes, old, count) = try listed(filter, today: today, format)
                    XCTAssertEqual(bytes, Array(old.utf8), "\(name), \(format), \(today.iso)")
                    total += count
                }
            }
        }
        // The comparison saw rows, live and settled, not empty lists.
        XCTAssertGreaterThan(total, 1000)
        XCTAssertFalse(try store.cases(today: fixedToday).filter { $0.due != nil }.isEmpty)
        XCTAssertFalse(try store.cases(today: fixedToday).filter { $0.status == .closed }.isEmpty)
    }

    /// The whole list as `reader` reads its rows (`eachCaseListRow`) and as `eachCase` gives it
    /// on `summaries`, in `format`, with how many rows the first has.
    private static func wholeList(_ reader: Store, _ summaries: Store, today: LocalDate,
                                  _ format: ListFormat) throws -> (rows: [UInt8], summaries: [UInt8], count: Int) {
        var w = CaseListWriter(format: format)
        try summaries.eachCase(today: today) { w.append($0) }
        var b = CaseListBytes(format: format)
        try reader.eachCaseListRow(today: today) { b.append($0) }
        b.finish()
        return (b.bytes, Array(w.finish().utf8), b.count)
    }

    /// The whole list read by two readers (the newer part here, the older on a second reader,
    /// handed over after it) is the list one reader reads, wherever the cut falls.
    func testTheWholeListReadByTwoReadersIsTheListOneReads() throws {
        try skipOnPostgres("a second reader of the same state is a file's")
        let path = try storePath(in: dir)
        var total = 0
        for share in [0.0, 0.3, 0.45, 0.9, 0.99] {
            var options = StoreOptions(actor: "Test Officer")
            options.listSplitFrom = 1
            options.listSplitShare = share
            let split = try Store(path: path, options: options)
            for today in [fixedToday, fixedToday.adding(days: 900)] {
                let at = try split.query { try split.caseListSplit($0)?.at }
                XCTAssertNotNil(at, "share \(share)")
                for format in ListFormat.allCases {
                    let (rows, summaries, count) = try Self.wholeList(split, store, today: today, format)
                    XCTAssertEqual(rows, summaries, "share \(share), \(format), \(today.iso)")
                    total += count
                }
            }
        }
        XCTAssertGreaterThan(total, 1000)
    }

    /// `heard cases`' way: the older part formatted by the second reader as it reads it and
    /// taken by the pipe after the newer rows, is the list one reader reads, byte for byte,
    /// wherever the cut falls (at 0.0 the newer part is empty, and the older opens the JSON
    /// array); every row is counted once, and `counting` is asked of each older row.
    func testTheOlderPartFormattedBesideIsTheListOneReaderReads() throws {
        try skipOnPostgres("a second reader of the same state is a file's")
        let path = try storePath(in: dir)
        var formattedBeside = 0
        // nil: the cut each format has by default (`Store.listSplitShare`).
        for share in [nil, 0.0, 0.3, 0.9, 0.99] as [Double?] {
            var options = StoreOptions(actor: "Test Officer")
            options.listSplitFrom = 1
            options.listSplitShare = share
            let split = try Store(path: path, options: options)
            for today in [fixedToday, fixedToday.adding(days: 900)] {
                for format in ListFormat.allCases {
                    var w = CaseListWriter(format: format)
                    try store.eachCase(today: today) { w.append($0) }
                    let (bytes, rows, live, olderParts) = try Self.pipedList(split, today: today, format)
                    let cut = share.map { "\($0)" } ?? "by format"
                    XCTAssertEqual(String(decoding: bytes, as: UTF8.self), w.finish(), "share \(cut), \(format), \(today.iso)")
                    let all = try store.cases(today: today)
                    XCTAssertEqual(rows, all.count, "share \(cut)")
                    XCTAssertEqual(live, all.filter { $0.due != nil }.count, "share \(cut)")
                    XCTAssertEqual(olderParts, 1, "share \(cut): the older part came formatted")
                    formattedBeside += olderParts
                }
            }
            split.finish()
        }
        XCTAssertEqual(formattedBeside, 5 * 2 * ListFormat.allCases.count)
    }

    /// The whole list as `heard cases` writes it from `reader`: through the pipe, with the older
    /// part (where the reader cuts the list) written by the second reader; how many rows, how
    /// many of them have a deadline (the older ones counted by `counting`), and how many older
    /// parts came written.
    static func pipedList(_ reader: Store, today: LocalDate, _ format: ListFormat) throws
        -> (bytes: [UInt8], rows: Int, live: Int, olderParts: Int) {
        let pipe = CaseListPipe(format: format, batchRows: 7, pieceBytes: 100)
        var bytes: [UInt8] = [], rows = 0, live = 0, olderParts = 0
        try reader.eachCaseListRow(today: today, formattingOlderAs: format, counting: { $0.due != nil }, { row in
            rows += 1
            if row.due != nil { live += 1 }
            pipe.add(row)
            bytes += pipe.ready().joined()
        }, older: { part in
            olderParts += 1
            rows += part.rows
            live += part.counted
            pipe.add(formatted: part.bytes)
        })
        bytes += pipe.finish().joined()
        return (bytes, rows, live, olderParts)
    }

    /// Rows written apart (`CaseListBytes(continuing:)`) and taken after a writer's own are the
    /// bytes one writer writes, wherever they were cut: after none of its own (the JSON array
    /// is opened by the first of them), after some, and after all (none taken).
    func testRowsWrittenApartAndTakenAfterAreTheBytesOneWriterWrites() throws {
        let today = fixedToday
        let n = try store.cases(today: today).count
        XCTAssertGreaterThan(n, 10)
        let cuts = [0, 1, n / 2, n - 1, n]
        for format in ListFormat.allCases {
            var whole = CaseListBytes(format: format)
            var first = cuts.map { _ in CaseListBytes(format: format) }
            var rest = cuts.map { _ in CaseListBytes(continuing: format) }
            var i = 0
            try store.eachCaseListRow(today: today) { row in
                whole.append(row)
                for (c, cut) in cuts.enumerated() {
                    if i < cut { first[c].append(row) } else { rest[c].append(row) }
                }
                i += 1
            }
            whole.finish()
            for (c, cut) in cuts.enumerated() {
                var bytes = first[c].bytes
                bytes += first[c].append(continuation: rest[c])
                first[c].removeWritten()
                first[c].finish()
                bytes += first[c].bytes
                XCTAssertEqual(String(decoding: bytes, as: UTF8.self), String(decoding: whole.bytes, as: UTF8.self), "\(format), cut after \(cut) of \(n)")
                XCTAssertEqual(first[c].count, n)
            }
        }
    }

    func testCellsThatAreNotUTF8OrOfAnotherKindAreListedAsTheSummariesHaveThem() throws {
        try skipOnPostgres("bytes that are not UTF-8 in a text column: PostgreSQL refuses them")
        let dir = TemporaryDirectory("heard-list-rows-foreign")
        let store = try makeStore(in: dir, name: "foreign.sqlite")
        for i in 0..<4 { _ = try store.add(sampleComplaint(received: "2022-06-0\(i + 1)", name: "Name \(i)"), today: fixedToday) }
        let q = try DatabaseQueue(path: dir.file("foreign.sqlite"))
        try q.write { db in
            try db.execute(sql: "UPDATE contacts SET complainant_name = x'41ff42', officer = x'c0af' WHERE received = '2022-06-01'")
            try db.execute(sql: "UPDATE contacts SET team = 42, service_area = 1.5 WHERE received = '2022-06-02'")
            try db.execute(sql: "UPDATE contacts SET status = 'nonsense', stage = 'x' WHERE received = '2022-06-03'")
            try db.execute(sql: "UPDATE contacts SET status = 'responded', last_response = 'soon' WHERE received = '2022-06-04'")
        }
        // Dates another program wrote that are not dates, which the list leaves out, on either
        // side of where two readers cut it: a blob (which sorts above every text), and an
        // integer and a real (which the column's TEXT affinity keeps as the texts '20220502'
        // and '2022.5').
        for i in 0..<4 { _ = try store.add(sampleComplaint(received: "2022-05-0\(i + 1)", name: "Other \(i)"), today: fixedToday) }
        try q.write { db in
            try db.execute(sql: "UPDATE contacts SET received = x'323032322d30372d3031' WHERE received = '2022-05-01'")
            try db.execute(sql: "UPDATE contacts SET received = 20220502 WHERE received = '2022-05-02'")
            try db.execute(sql: "UPDATE contacts SET received = 2022.5 WHERE received = '2022-05-03'")
        }
        try q.close()
        for share in [0.0, 0.5, 1.0] {
            var options = StoreOptions(actor: "Test Officer")
            options.listSplitFrom = 1
            options.listSplitShare = share
            let split = try Store(path: dir.file("foreign.sqlite"), options: options)
            for (name, s) in [("one reader", store), ("two readers", split)] {
                for format in ListFormat.allCases {
                    let (rows, summaries, count) = try Self.wholeList(s, store, today: fixedToday, format)
                    XCTAssertEqual(rows, summaries, "\(name), share \(share), \(format)")
                    XCTAssertEqual(count, 5, "\(name), share \(share), \(format)")
                    // As `heard cases` writes it, the older part written by the second reader.
                    let piped = try Self.pipedList(s, today: fixedToday, format)
                    XCTAssertEqual(piped.bytes, summaries, "\(name), share \(share), \(format), piped")
                    XCTAssertEqual(piped.rows, 5, "\(name), share \(share), \(format), piped")
                }
            }
        }
    }
}
