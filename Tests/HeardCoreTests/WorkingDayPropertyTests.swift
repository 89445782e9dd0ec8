import CellWidth
@testable import HeardCore
import XCTest

/// Issue 14: working days are counted by weeks and a search among the holidays, not a day at a
/// time. Every answer must be the one the day-at-a-time count (`ReferenceCalendar`) gives, over
/// random dates, spans and holiday sets.
final class WorkingDayPropertyTests: XCTestCase {
    /// Calendars as Heard meets them (none, the built-in table, the table with an import) and
    /// random ones: holidays scattered over a few years, weekends among them.
    func calendars(_ rng: inout SeededRandom) -> [WorkingDayCalendar] {
        var out: [WorkingDayCalendar] = [WorkingDayCalendar(), .englandAndWales]
        let later = (2029...2031).flatMap { y in
            [(1, 1), (5, 7), (8, 27), (12, 25), (12, 26)].compactMap { LocalDate(year: y, month: $0.0, day: $0.1) }
        }
        out.append(WorkingDayCalendar.englandAndWales.adding(later.map { BankHoliday(date: $0, title: "Imported") }))
        for _ in 0..<12 {
            let start = LocalDate(year: rng.int(in: 1890...2230), month: 1, day: 1) ?? LocalDate(dayNumber: 0)
            let span = rng.int(in: 1...(365 * 6))
            let count = rng.int(in: 1...40)
            let days = (0..<count).map { _ in start.adding(days: rng.int(span)) }
            out.append(WorkingDayCalendar(holidays: days.map { BankHoliday(date: $0, title: "Random") }))
        }
        return out
    }

    /// A day anywhere a deadline could fall, and now and then far outside that.
    func randomDay(_ rng: inout SeededRandom) -> LocalDate {
        let years = rng.chance(0.9) ? 1880...2250 : rng.chance(0.5) ? 1...1899 : 2251...9998
        let y = rng.int(in: years)
        return LocalDate(year: y, month: rng.int(in: 1...12), day: rng.int(in: 1...28)) ?? LocalDate(dayNumber: 0)
    }

    /// Spans from a day to a few years, most short.
    func randomSpan(_ rng: inout SeededRandom) -> Int {
        switch rng.int(4) {
        case 0: return rng.int(in: 0...10)
        case 1: return rng.int(in: 0...70)
        case 2: return rng.int(in: 0...400)
        default: return rng.int(in: 0...(365 * 12))
        }
    }

    func testCountsAreTheDayAtATimeCounts() {
        var rng = SeededRandom(seed: 14)
        for cal in calendars(&rng) {
            let ref = ReferenceCalendar(cal)
            for _ in 0..<400 {
                let a = randomDay(&rng)
                let b = a.adding(days: rng.chance(0.2) ? -randomSpan(&rng) : randomSpan(&rng))
                XCTAssertEqual(cal.workingDays(after: a, through: b), ref.workingDays(after: a, through: b), "\(a) → \(b)")
                XCTAssertEqual(cal.workingDays(from: a, before: b), ref.workingDays(from: a, before: b), "[\(a), \(b))")
            }
        }
    }

    func testAddingAndSubtractingAreTheDayAtATimeAnswers() {
        var rng = SeededRandom(seed: 1414)
        for cal in calendars(&rng) {
            let ref = ReferenceCalendar(cal)
            for _ in 0..<400 {
                let d = randomDay(&rng)
                let n = rng.chance(0.05) ? -rng.int(5) : randomSpan(&rng) * 5 / 7
                XCTAssertEqual(cal.adding(workingDays: n, after: d), ref.adding(workingDays: n, after: d), "\(n) after \(d)")
                XCTAssertEqual(cal.subtracting(workingDays: n, before: d), ref.subtracting(workingDays: n, before: d), "\(n) before \(d)")
                XCTAssertEqual(DateInput.subtracting(workingDays: n, before: d, calendar: cal), ref.subtracting(workingDays: n, before: d))
                XCTAssertEqual(cal.workingDay(onOrAfter: d), ref.workingDay(onOrAfter: d), "\(d)")
            }
        }
    }

    /// Every day of the years around the built-in table, each way a day is asked about.
    func testEveryDayAroundTheTableIsJudgedAsBefore() {
        var rng = SeededRandom(seed: 7)
        for cal in calendars(&rng).prefix(3) {
            let ref = ReferenceCalendar(cal)
            let first = LocalDate(year: 2014, month: 1, day: 1) ?? LocalDate(dayNumber: 0)
            // The day-at-a-time count from `first`, kept as it goes.
            var counted = 0
            for i in 0..<(365 * 20) {
                let d = first.adding(days: i)
                if i > 0 && ref.isWorkingDay(d) { counted += 1 }
                XCTAssertEqual(cal.isWorkingDay(d), ref.isWorkingDay(d), "\(d)")
                XCTAssertEqual(cal.isHoliday(d), ref.isHoliday(d), "\(d)")
                XCTAssertEqual(cal.adding(workingDays: 20, after: d), ref.adding(workingDays: 20, after: d), "\(d)")
                XCTAssertEqual(cal.workingDays(after: first, through: d), counted, "\(d)")
            }
        }
    }

    /// Good Friday, Christmas Day and Boxing Day in every year a date can name.
    func testFixedHolidaysInEveryYear() {
        let cal = WorkingDayCalendar()
        let ref = ReferenceCalendar(cal)
        for y in 1...9999 {
            guard let start = LocalDate(year: y, month: 3, day: 18), let xmas = LocalDate(year: y, month: 12, day: 22) else { continue }
            XCTAssertEqual(cal.workingDays(after: start, through: start.adding(days: 40)), ref.workingDays(after: start, through: start.adding(days: 40)), "\(y)")
            XCTAssertEqual(cal.workingDays(after: xmas, through: xmas.adding(days: 8)), ref.workingDays(after: xmas, through: xmas.adding(days: 8)), "\(y)")
        }
    }

    /// Long spans (up to three years, across Easters and Christmases) are counted exactly as
    /// their parts are: the arithmetic count adds up, and counting forward lands on the last
    /// working day of the span. (What a span costs is the benchmark's to print, not a test's:
    /// tests never assert on wall-clock time.)
    func testALongSpanIsCountedAsItsPartsAre() {
        let cal = WorkingDayCalendar.englandAndWales
        let start = LocalDate(year: 2019, month: 1, day: 7) ?? LocalDate(dayNumber: 0)
        var rng = SeededRandom(seed: 1404)
        for _ in 0..<2_000 {
            let a = start.adding(days: Int(rng.next() % 3_000))
            let split = Int(rng.next() % 1_100), rest = Int(rng.next() % 1_100)
            let b = a.adding(days: split), c = b.adding(days: rest)
            let whole = cal.workingDays(after: a, through: c)
            XCTAssertEqual(whole, cal.workingDays(after: a, through: b) + cal.workingDays(after: b, through: c), "\(a.iso) \(b.iso) \(c.iso)")
            guard whole > 0 else { continue }
            let landed = cal.adding(workingDays: whole, after: a)
            XCTAssertTrue(landed <= c && cal.workingDays(after: landed, through: c) == 0, "\(a.iso) +\(whole) = \(landed.iso), span to \(c.iso)")
        }
    }
}

/// Issue 14: a cell that needs no quoting or neutralising is passed through after one look at
/// its bytes; every cell must come out as the Character-at-a-time escape wrote it.
final class CSVEscapePropertyTests: XCTestCase {
    /// Pieces chosen for the edges: what quotes, what neutralises, and graphemes that join a
    /// quote, comma or line break to what follows (a combining accent, CR LF).
    let pieces = [",", "\"", "\n", "\r", "\r\n", "'", "''", "=", "+", "-", "@", "\t", "\u{301}", "\u{200D}", "👩‍👧", "é", "李",
                  " ", "a", "Smith", "O'Brien", "2024-01-01", "x", "\u{FE0F}", "0", ";"]

    func testEveryCellIsEscapedAsTheScalarRulesSay() {
        var rng = SeededRandom(seed: 4180)
        for _ in 0..<50_000 {
            let cell = (0..<rng.int(in: 0...6)).map { _ in pieces[rng.int(pieces.count)] }.joined()
            XCTAssertEqual(Array(CSVField.escape(cell).utf8), Array(ReferenceCSVField.escape(cell).utf8), cell.debugDescription)
        }
    }

    /// What Heard writes, a reader (its own import's, RFC 4180) gives back cell for cell, with the
    /// one apostrophe of a neutralised formula, and a neutralised cell never starts a formula.
    /// Judged by Character, "Smith\r\n" went out unquoted (a row broken in two) and a quote
    /// with an accent after it went out undoubled (the rest of the row swallowed).
    func testEveryRowReadsBackAsItsCells() throws {
        var rng = SeededRandom(seed: 4182)
        for _ in 0..<5_000 {
            let cells = (0..<rng.int(in: 1...6)).map { _ in (0..<rng.int(in: 0...4)).map { _ in pieces[rng.int(pieces.count)] }.joined() }
            if cells.allSatisfy(\.isEmpty) { continue }   // a blank line is no record
            var out = ""
            CSVField.appendRow(cells, to: &out)
            let records = try CSVReader.parse(Array(out.utf8))
            XCTAssertEqual(records.count, 1, out.debugDescription)
            let read = records.first?.fields ?? []
            XCTAssertEqual(read.map(CSVField.unneutralise), cells, out.debugDescription)
            for cell in read { XCTAssertFalse(CSVField.startsWithFormula(cell) && !cell.hasPrefix("'"), cell.debugDescription) }
        }
    }

    func testRowsAreTheCellsJoined() {
        var rng = SeededRandom(seed: 4181)
        for _ in 0..<5_000 {
            let cells = (0..<rng.int(in: 0...12)).map { _ in (0..<rng.int(in: 0...4)).map { _ in pieces[rng.int(pieces.count)] }.joined() }
            var out = "start\r\n"
            CSVField.appendRow(cells, to: &out)
            XCTAssertEqual(Array(out.utf8), Array(("start\r\n" + cells.map(ReferenceCSVField.escape).joined(separator: ",") + "\r\n").utf8))
        }
    }
}

/// Issue 14: a plain-text table's printable ASCII cell is cut or padded by its byte count; every
/// cell must come out as the sanitise-then-measure path writes it.
final class TextTableFitPropertyTests: XCTestCase {
    let pieces = ["a", "Smith", " ", "~", "\u{7F}", "\t", "\n", "\r\n", "é", "e\u{301}", "李", "👩‍👧", "\u{200B}", "2024-01-01", "\u{1B}[31m", "x"]

    func testEveryCellIsFittedAsBefore() {
        var rng = SeededRandom(seed: 2026)
        for _ in 0..<20_000 {
            let cell = (0..<rng.int(in: 0...8)).map { _ in pieces[rng.int(pieces.count)] }.joined()
            let width = rng.int(in: -1...30)
            let before = CellWidth.fit(TextSanitiser.clean(cell, allowLineBreaks: false).0, toWidth: width)
            XCTAssertEqual(Array(TextTable.fit(cell, width).utf8), Array(before.utf8), "\(cell.debugDescription) in \(width)")
        }
    }
}
