import HeardCore
import HeardTestSupport
import XCTest

final class CalendarTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    func testWorkedExampleFromDomain() {
        // Received Friday 2021-12-24: day 1 is Wednesday 29th; 10 WD due Wednesday 2022-01-12.
        let received = day("2021-12-24")
        XCTAssertEqual(received.isoWeekday, 5)
        XCTAssertEqual(cal.adding(workingDays: 1, after: received), day("2021-12-29"))
        XCTAssertEqual(cal.adding(workingDays: 10, after: received), day("2022-01-12"))
        for d in ["2021-12-27", "2021-12-28", "2022-01-03"] { XCTAssertFalse(cal.isWorkingDay(day(d)), d) }
    }

    func testReceivedOnNonWorkingDayCountsFromNextWorkingDay() {
        // Saturday 2021-12-25 counts as received Wednesday 29th; day 1 is Thursday 30th.
        let effective = cal.effectiveReceipt(day("2021-12-25"))
        XCTAssertEqual(effective, day("2021-12-29"))
        XCTAssertEqual(cal.adding(workingDays: 1, after: effective), day("2021-12-30"))
        let c = sampleComplaint(received: "2021-12-25")
        let clock = c.clock(calendar: cal, today: day("2022-01-01"))
        XCTAssertEqual(clock.current?.due, cal.adding(workingDays: 10, after: day("2021-12-29")))
        XCTAssertEqual(clock.current?.due, day("2022-01-13"))
    }

    func testMovedBankHolidaysOf2020_2022_2023() {
        // 2020: early May bank holiday moved to Friday 8th for VE Day; Monday 4th was a working day.
        XCTAssertTrue(cal.isHoliday(day("2020-05-08")))
        XCTAssertTrue(cal.isWorkingDay(day("2020-05-04")))
        // 2022: spring bank holiday moved to 2 June, Jubilee 3 June; 30 May worked; State Funeral 19 September.
        XCTAssertTrue(cal.isHoliday(day("2022-06-02")))
        XCTAssertTrue(cal.isHoliday(day("2022-06-03")))
        XCTAssertTrue(cal.isWorkingDay(day("2022-05-30")))
        XCTAssertTrue(cal.isHoliday(day("2022-09-19")))
        // 2023: Coronation Monday 8 May.
        XCTAssertTrue(cal.isHoliday(day("2023-05-08")))
        // A deadline across the Jubilee weekend: received Tuesday 2022-05-31, 10 WD.
        XCTAssertEqual(cal.adding(workingDays: 10, after: day("2022-05-31")), day("2022-06-16"))
    }

    func testEveryListedHolidayOfDomainIsBuiltIn() {
        let table: [Int: [String]] = [
            2018: ["01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26"],
            2019: ["01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"],
            2020: ["01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"],
            2021: ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"],
            2022: ["01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27"],
            2023: ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"],
            2024: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
            2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
            2026: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
            2027: ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"],
            2028: ["01-03", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"],
        ]
        var expected = Set<LocalDate>()
        for (y, days) in table { for md in days { expected.insert(day("\(y)-\(md)")) } }
        XCTAssertEqual(Set(cal.holidays.keys), expected)
    }

    func testImportedHolidayRedatesDeadlines() {
        let received = day("2029-01-08")  // beyond the built-in table
        let before = cal.adding(workingDays: 10, after: received)
        let withHoliday = cal.adding([BankHoliday(date: day("2029-01-10"), title: "Proclaimed")])
        XCTAssertEqual(withHoliday.adding(workingDays: 10, after: received), cal.adding(workingDays: 1, after: before))
    }

    func testAddingAndCountingAgreeAcrossTenYears() {
        // Property: for every start day and n, the result is a working day after the start and
        // counting back gives n.
        var rng = SeededRandom(seed: 42)
        for _ in 0..<2000 {
            let start = day("2018-01-01").adding(days: rng.int(3650))
            let n = rng.int(in: 1...70)
            let due = cal.adding(workingDays: n, after: start)
            XCTAssertTrue(cal.isWorkingDay(due))
            XCTAssertGreaterThan(due, start)
            XCTAssertEqual(cal.workingDays(after: start, through: due), n)
            XCTAssertEqual(cal.workingDays(after: due, through: start), -n)
        }
    }

    func testWorkingDaysFromBeforeCountsHalfOpenRange() {
        // Monday to Friday of an ordinary week: Mon..Thu are 4 days before Friday.
        XCTAssertEqual(cal.workingDays(from: day("2021-11-01"), before: day("2021-11-05")), 4)
        XCTAssertEqual(cal.workingDays(from: day("2021-11-05"), before: day("2021-11-05")), 0)
    }
}

final class LocalDateTests: XCTestCase {
    /// ISO and UK dates are written straight as bytes for years 0-9999: the same text as the
    /// padded numbers give, across that range and at both its ends, and beyond it as before.
    func testDatesAreWrittenAsThePaddedNumbersAre() {
        func padded(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        // Year 0 (a leap year, as the calendar runs on backwards) begins 366 days before year 1.
        let first = LocalDate(year: 1, month: 1, day: 1)!.dayNumber - 366, last = LocalDate(year: 9999, month: 12, day: 31)!.dayNumber
        var days = Array(stride(from: first - 800, through: last + 800, by: 37)) + [first - 1, first, last, last + 1]
        days += (0..<800).map { LocalDate(year: 2020, month: 1, day: 1)!.dayNumber + $0 }
        for n in days {
            let d = LocalDate(dayNumber: n), p = d.parts
            XCTAssertEqual(d.iso, "\(padded(p.year, 4))-\(padded(p.month, 2))-\(padded(p.day, 2))", "day \(n)")
            XCTAssertEqual(d.uk, "\(padded(p.day, 2))/\(padded(p.month, 2))/\(padded(p.year, 4))", "day \(n)")
        }
        XCTAssertEqual(LocalDate(year: 2026, month: 3, day: 4)?.iso, "2026-03-04")
        XCTAssertEqual(LocalDate(year: 7, month: 11, day: 30)?.uk, "30/11/0007")
        XCTAssertEqual(LocalDate(dayNumber: first).iso, "0000-01-01")
    }

    func testParsingBothFormsAndRefusingImpossibleDates() {
        XCTAssertEqual(LocalDate(parsing: "2022-03-04"), day("2022-03-04"))
        XCTAssertEqual(LocalDate(parsing: "04/03/2022"), day("2022-03-04"))
        XCTAssertEqual(LocalDate(parsing: " 4/3/2022 "), day("2022-03-04"))
        XCTAssertNil(LocalDate(parsing: "31/02/2022"))
        XCTAssertNil(LocalDate(parsing: "2022-02-29"))
        XCTAssertNotNil(LocalDate(parsing: "2024-02-29"))
        XCTAssertNil(LocalDate(parsing: "2022-13-01"))
        XCTAssertNil(LocalDate(parsing: "yesterday"))
        XCTAssertNil(LocalDate(parsing: ""))
        XCTAssertNil(LocalDate(parsing: "٠٤/٠٣/٢٠٢٢"))  // non-ASCII digits are not dates
    }

    func testCivilRoundTripAndWeekdays() {
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            let d = LocalDate(dayNumber: n)
            let p = d.parts
            guard p.year >= 1 && p.year <= 9999 else { continue }
            XCTAssertEqual(LocalDate(year: p.year, month: p.month, day: p.day), d)
            XCTAssertEqual(LocalDate(iso: d.iso), d)
        }
        XCTAssertEqual(day("1970-01-01").isoWeekday, 4)
        XCTAssertEqual(day("2022-03-31").isoWeekday, 4)
        XCTAssertEqual(day("2022-01-31").adding(months: 1), day("2022-02-28"))
        XCTAssertEqual(day("2022-03-31").uk, "31/03/2022")
    }

    func testFinancialYearAndPreviousPeriod() {
        let fy = Period.financialYear(containing: day("2022-03-04"))
        XCTAssertEqual(fy, Period(from: day("2021-04-01"), to: day("2022-03-31")))
        XCTAssertEqual(fy.label, "2021-22")
        XCTAssertEqual(fy.previous, Period(from: day("2020-04-01"), to: day("2021-03-31")))
        let two = Period(from: day("2020-04-01"), to: day("2022-03-31"))
        XCTAssertEqual(two.previous, Period(from: day("2018-04-01"), to: day("2020-03-31")))
        let odd = Period(from: day("2022-01-10"), to: day("2022-01-19"))
        XCTAssertEqual(odd.previous, Period(from: day("2021-12-31"), to: day("2022-01-09")))
    }
}
