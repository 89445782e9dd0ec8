import HeardCore
import HeardTestSupport
import XCTest

/// Dates as typed in quick entry and the action line: every accepted form, every refusal.
final class DateInputTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales
    /// A Wednesday, the week after the 2022 Jubilee bank holidays.
    let today = day("2022-06-15")

    private func parsed(_ text: String, today: LocalDate? = nil, file: StaticString = #filePath, line: UInt = #line) -> LocalDate? {
        switch DateInput.parse(text, today: today ?? self.today, calendar: cal) {
        case .success(let d): return d
        case .failure(let e): XCTFail("'\(text)' was refused: \(e)", file: file, line: line); return nil
        }
    }

    private func refusal(_ text: String, today: LocalDate? = nil, file: StaticString = #filePath, line: UInt = #line) -> DateInputError? {
        switch DateInput.parse(text, today: today ?? self.today, calendar: cal) {
        case .success(let d): XCTFail("'\(text)' was accepted as \(d.iso)", file: file, line: line); return nil
        case .failure(let e): return e
        }
    }

    // MARK: - Accepted forms

    func testISODate() {
        XCTAssertEqual(parsed("2022-03-04"), day("2022-03-04"))
        XCTAssertEqual(parsed("  2022-03-04\t"), day("2022-03-04"), "surrounding spaces are ignored")
        XCTAssertEqual(parsed("2022-3-4"), day("2022-03-04"))
        XCTAssertEqual(parsed("2024-02-29"), day("2024-02-29"), "a leap day")
    }

    func testUKDayMonthYear() {
        XCTAssertEqual(parsed("04/03/2022"), day("2022-03-04"), "day first, as in the UK")
        XCTAssertEqual(parsed("4/3/2022"), day("2022-03-04"))
        XCTAssertEqual(parsed("31/12/2021"), day("2021-12-31"))
        XCTAssertEqual(parsed("1/1/1900"), day("1900-01-01"))
        XCTAssertEqual(parsed("31/12/2100"), day("2100-12-31"))
    }

    func testDayMonthTakesTodaysYear() {
        XCTAssertEqual(parsed("4/3"), day("2022-03-04"))
        XCTAssertEqual(parsed("25/12"), day("2022-12-25"))
        XCTAssertEqual(parsed("4/3", today: day("2019-11-01")), day("2019-03-04"))
        XCTAssertEqual(parsed("29/2", today: day("2024-06-01")), day("2024-02-29"))
    }

    func testWords() {
        XCTAssertEqual(parsed("today"), today)
        XCTAssertEqual(parsed("Today"), today)
        XCTAssertEqual(parsed("YESTERDAY"), day("2022-06-14"))
        XCTAssertEqual(parsed(" tomorrow "), day("2022-06-16"))
        XCTAssertEqual(parsed("tomorrow", today: day("2021-12-31")), day("2022-01-01"), "across a year end")
    }

    func testWorkingDaysForwardFollowTheDomainCountingRule() {
        // DOMAIN.md: from Friday 2021-12-24, day 1 is Wednesday 29th and 10 WD is 2022-01-12.
        XCTAssertEqual(parsed("+10wd", today: day("2021-12-24")), day("2022-01-12"))
        XCTAssertEqual(parsed("+1wd", today: day("2021-12-24")), day("2021-12-29"))
        XCTAssertEqual(parsed("+1wd", today: day("2022-06-17")), day("2022-06-20"), "Friday to Monday")
        XCTAssertEqual(parsed("+10WD"), cal.adding(workingDays: 10, after: today))
        XCTAssertEqual(parsed("+10 wd"), day("2022-06-29"))
        XCTAssertEqual(parsed("+ 10 wd"), day("2022-06-29"))
        XCTAssertEqual(parsed("+0wd"), today)
    }

    func testWorkingDaysBackwardSkipWeekendsAndBankHolidays() {
        // Tuesday 2022-01-04: Monday 3rd is a substitute bank holiday, then the weekend, then
        // Friday 31st (1), Thursday 30th (2), Wednesday 29th (3).
        XCTAssertEqual(parsed("-3wd", today: day("2022-01-04")), day("2021-12-29"))
        // Monday 2022-06-06: Friday 3rd and Thursday 2nd were the Jubilee bank holidays.
        XCTAssertEqual(parsed("-1wd", today: day("2022-06-06")), day("2022-06-01"))
        XCTAssertEqual(parsed("-0wd"), today)
    }

    func testWorkingDaysBackThenForwardReturnsToAWorkingDay() {
        // Property: from any working day of 2021-2023, going back N working days and then forward
        // N again lands where it started.
        var d = day("2021-01-04")
        while d < day("2023-12-31") {
            if cal.isWorkingDay(d) {
                for n in [1, 2, 5, 10, 20, 25] {
                    guard case .success(let back) = DateInput.parse("-\(n)wd", today: d, calendar: cal) else { return XCTFail("-\(n)wd refused") }
                    XCTAssertTrue(cal.isWorkingDay(back))
                    XCTAssertEqual(cal.workingDays(after: back, through: d), n, "\(d.iso) -\(n)wd = \(back.iso)")
                    XCTAssertEqual(cal.adding(workingDays: n, after: back), d, "\(d.iso) -\(n)wd +\(n)wd")
                }
            }
            d = d.adding(days: 1)
        }
    }

    func testCalendarDaysAndWeeks() {
        XCTAssertEqual(parsed("+5d"), day("2022-06-20"))
        XCTAssertEqual(parsed("-5d"), day("2022-06-10"))
        XCTAssertEqual(parsed("+5D"), day("2022-06-20"))
        XCTAssertEqual(parsed("+2w"), day("2022-06-29"))
        XCTAssertEqual(parsed("-1w"), day("2022-06-08"))
        XCTAssertEqual(parsed("+20d", today: day("2022-02-20")), day("2022-03-12"), "across the end of February")
    }

    // MARK: - Refusals

    func testEmptyTextIsRefused() {
        for text in ["", "   ", "\t"] {
            let e = refusal(text)
            XCTAssertEqual(e?.reason, .empty)
            XCTAssertEqual(e?.description.hasPrefix("A date is needed: no date was given."), true, e?.description ?? "")
        }
    }

    func testDaysThatDoNotExistAreRefusedNamingTheMonth() {
        let feb = refusal("31/02/2022")
        XCTAssertEqual(feb?.reason, .noSuchDay(year: 2022, month: 2, days: 28))
        XCTAssertEqual(feb?.input, "31/02/2022")
        XCTAssertEqual(feb?.description.hasPrefix("'31/02/2022' is not a date: February 2022 has 28 days. Type one of: 2022-03-04, 4/3/2022"), true,
                       feb?.description ?? "")
        XCTAssertEqual(refusal("29/02/2023")?.reason, .noSuchDay(year: 2023, month: 2, days: 28))
        XCTAssertEqual(refusal("2022-02-29")?.reason, .noSuchDay(year: 2022, month: 2, days: 28))
        XCTAssertEqual(refusal("31/4/2022")?.why, "April 2022 has 30 days")
        XCTAssertEqual(refusal("0/4/2022")?.reason, .noSuchDay(year: 2022, month: 4, days: 30))
        XCTAssertEqual(refusal("29/2", today: day("2023-06-01"))?.reason, .noSuchDay(year: 2023, month: 2, days: 28))
        XCTAssertEqual(refusal("1/13/2022")?.reason, .noSuchMonth(13))
        XCTAssertEqual(refusal("2022-00-10")?.why, "there is no month 0")
    }

    func testYearsOutside1900To2100AreRefused() {
        for text in ["1899-12-31", "31/12/1899", "1/1/2101", "2101-01-01", "0001-01-01", "9999-12-31"] {
            let e = refusal(text)
            XCTAssertEqual(e?.reason, .outOfRange, text)
            XCTAssertEqual(e?.description.contains("from 1900 to 2100"), true, e?.description ?? text)
        }
        XCTAssertEqual(refusal("-50000d")?.reason, .outOfRange, "a relative date that lands before 1900")
        XCTAssertEqual(refusal("+999999wd")?.reason, .outOfRange, "refused without counting a million days")
        XCTAssertEqual(refusal("1/1", today: day("1850-06-01"))?.reason, .outOfRange)
    }

    func testTwoDigitYearsAreRefusedAsAmbiguous() {
        let e = refusal("4/3/22")
        XCTAssertEqual(e?.reason, .shortYear)
        XCTAssertEqual(e?.description.contains("write the year in full"), true)
        XCTAssertEqual(refusal("4/3/202")?.reason, .shortYear)
    }

    func testGarbageIsRefusedQuotingTheInputAndListingTheForms() {
        for text in ["next week", "soon", "4//3", "4/3/2022/1", "/3", "4/", "+wd", "+10x", "10wd", "+10wdx", "++3d", "2022-03-04x",
                     "2022/03", "20220304", "22-03-04", "2022-03", "٤/٣/٢٠٢٢", "4/3/2O22", "+1.5d", "due"] {
            let e = refusal(text)
            XCTAssertEqual(e?.reason, .notADate, text)
            XCTAssertEqual(e?.description, "'\(text)' is not a date: not a date Heard understands. Type one of: \(DateInput.acceptedForms).")
        }
        XCTAssertTrue(DateInput.acceptedForms.contains("+10wd"))
        XCTAssertTrue(DateInput.acceptedForms.contains("today"))
    }

    func testTheMessageQuotesTheTrimmedInput() {
        XCTAssertEqual(refusal("  someday  ")?.input, "someday")
        XCTAssertEqual(refusal("  someday  ")?.description.hasPrefix("'someday' is not a date"), true)
    }
}
