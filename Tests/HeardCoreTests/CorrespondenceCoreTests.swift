import HeardCore
import HeardTestSupport
import XCTest

/// The correspondence's pure parts: SHA-256, the log's times, and which letters a stage needs.
final class CorrespondenceCoreTests: XCTestCase {
    func testSHA256MatchesTheStandardVectors() {
        XCTAssertEqual(SHA256.hex([UInt8]()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1_000)), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    func testSHA256OfEveryPaddingCaseAndOfAMegabyteMatchesPython() {
        let expected: [(Int, String)] = [
            (55, "576a1bf8d4478657e6dc4af9398544765c2a92cde28478b019235cfed315fc09"),
            (56, "9b20501dfd1d99161c257950f3444f3e49230c351c5c8e0943ef369f85f5205d"),
            (63, "30b345906b493f06f69444b6521113511c242f30e29840462950035043682f1e"),
            (64, "d8bc63b4fc1156e5e7d95a418b9bf54cd3174bedbc2db40f74895349b229b3c0"),
            (65, "1ee23b0fbcaecc1aff4a9e8f1645f35ab2c8e13609cd73b68df8b5e3f63ce073"),
            (119, "7a6589821178918ca8d9edaba5abfc1e9b2669564f4469b66885379c1530b2c8"),
            (120, "655250427d56b1b0eeb8497d21428704273458a01772d6881b65c0abac0f8a98"),
            (1_000_000, "36d8612204e70e840d13eda28f71fdb28725faaba02ae27e3eae7b0770b03fe6"),
        ]
        for (n, hex) in expected {
            let bytes = (0..<n).map { UInt8(($0 * 7) % 256) }
            XCTAssertEqual(SHA256.hex(bytes), hex, "\(n) bytes as an array")
            XCTAssertEqual(SHA256.hex(bytes.lazy.map { $0 }), hex, "\(n) bytes, not contiguous")
        }
    }

    func testLogTimesReadAndWriteAsStored() {
        XCTAssertEqual(LogTime(stored: "2022-03-04 14:30")?.text, "2022-03-04 14:30")
        XCTAssertEqual(LogTime(stored: "2022-03-04")?.text, "2022-03-04")
        XCTAssertEqual(LogTime(stored: "2022-03-04 9:05")?.text, "2022-03-04 09:05")
        for bad in ["", "2022-03-04 24:00", "2022-03-04 12:60", "2022-03-04 x", "garbage", "2022-03-04 12:30 extra"] {
            XCTAssertNil(LogTime(stored: bad), bad)
        }
        XCTAssertLessThan(LogTime(stored: "2022-03-04")!, LogTime(stored: "2022-03-04 00:00")!)
    }

    func testAnUnacknowledgedStageNeedsItsAcknowledgementUntilSentOrAcknowledged() throws {
        let cal = WorkingDayCalendar.englandAndWales
        var c = Contact(reference: "CS-2022-0001", kind: .complaint, received: day("2022-06-01"), serviceArea: "Fostering Service", complainantName: "A Parent", summary: "s")
        c.procedure = .statutory
        let clock = c.clock(rules: .default, calendar: cal, today: day("2022-06-02"))
        let needs = LetterNeed.needs(contact: c, clock: clock, sent: [], calendar: cal)
        XCTAssertEqual(needs.map(\.template), ["acknowledgement"])
        XCTAssertEqual(needs.first?.due, clock.current?.acknowledgementDue)
        XCTAssertTrue(needs[0].isOutstanding)
        let sent = LetterSent(template: "acknowledgement", stage: 1, sent: day("2022-06-02"), body: "Dear A Parent")
        let after = LetterNeed.needs(contact: c, clock: clock, sent: [sent], calendar: cal)
        XCTAssertEqual(after.map(\.template), ["acknowledgement"])
        XCTAssertEqual(after.first?.sent, sent)
        c.events.append(CaseEvent(kind: .acknowledged, date: day("2022-06-02"), stage: 1))
        let acked = c.clock(rules: .default, calendar: cal, today: day("2022-06-02"))
        XCTAssertEqual(LetterNeed.needs(contact: c, clock: acked, sent: [], calendar: cal), [], "acknowledged by phone: no letter is owed")
    }
}

/// `heard log --at` and the log line's time.
final class LogTimeInputTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales
    let now = LogTime(date: day("2022-06-15"), minutes: 10 * 60)

    func parsed(_ s: String) -> String? { try? LogTimeInput.parse(s, now: now, calendar: cal).get().text }

    func testDatesTimesAndWordsRead() {
        XCTAssertEqual(parsed(""), "2022-06-15 10:00")
        XCTAssertEqual(parsed("yesterday 14:30"), "2022-06-14 14:30")
        XCTAssertEqual(parsed("2022-03-04 9:15"), "2022-03-04 09:15")
        XCTAssertEqual(parsed("4/3 16:00"), "2022-03-04 16:00")
        XCTAssertEqual(parsed("14:30"), "2022-06-15 14:30")
        XCTAssertEqual(parsed("yesterday"), "2022-06-14")
    }

    func testTwelveHourAndDottedTimesAndTheAcceptedFormsOfferNoFuture() {
        XCTAssertEqual(parsed("yesterday 2:30pm"), "2022-06-14 14:30")
        XCTAssertEqual(parsed("9.30"), "2022-06-15 09:30")
        XCTAssertEqual(parsed("3pm"), "2022-06-15 15:00")
        XCTAssertEqual(parsed("12pm"), "2022-06-15 12:00")
        XCTAssertNil(parsed("0pm"))
        for future in ["tomorrow", "+2d", "+1wd", "+1w"] { XCTAssertFalse(LogTimeInput.acceptedForms.contains(future), future) }
        guard case .failure(let e) = LogTimeInput.parse("tomorrow", now: now, calendar: cal) else { return XCTFail("read") }
        XCTAssertEqual(e.reason, .future)
        XCTAssertFalse(e.description.contains("Type"), "understood: no list of forms")
        guard case .failure(let b) = LogTimeInput.parse("2019-01-01", now: now, calendar: cal, received: day("2022-01-05")) else { return XCTFail("read") }
        XCTAssertEqual(b.reason, .beforeReceived)
        XCTAssertTrue(b.description.contains("2019-01-01 is before the case was received on 2022-01-05"), b.description)
    }

    func testNonsenseAndTheFutureAreRefusedWithTheInputQuoted() {
        for bad in ["tomorrow", "yesterday 25:00", "garbage", "2022-02-30 10:00", "14:3"] {
            switch LogTimeInput.parse(bad, now: now, calendar: cal) {
            case .success(let t): XCTFail("\(bad) read as \(t.text)")
            case .failure(let e): XCTAssertTrue(e.description.contains("'\(bad)'"), e.description)
            }
        }
    }
}

/// The history's one-line words of a change.
final class FieldChangeOneLineTests: XCTestCase {
    func testALineBreakInAValueIsShownNotLost() {
        XCTAssertEqual(FieldChange("note", before: nil, after: "long note line 1\nline 2").words, "note: long note line 1 ⏎ line 2")
        XCTAssertEqual(FieldChange("note", before: "a\r\nb", after: "c").words, "note: a ⏎ b → c")
        let item = HistoryItem(at: "2022-06-15T10:00:00Z", who: "Ann", action: "create", entity: "contact_log",
                               changes: [FieldChange("note", before: nil, after: "x\ny")])
        XCTAssertFalse(item.words.contains("\n"), item.words)
    }
}
