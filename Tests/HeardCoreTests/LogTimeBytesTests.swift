import HeardCore
import XCTest

/// `LogTime`'s byte paths (reading `YYYY-MM-DD HH:MM` and writing `text`) against the plain
/// rules they stand in for, written out here as they were: the same answer for every input.
final class LogTimeBytesTests: XCTestCase {
    /// The general reading: split at spaces, the day by `LocalDate(iso:)`, the time by `minutes`.
    static func reference(_ text: String) -> LogTime? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count), let d = LocalDate(iso: parts[0]) else { return nil }
        if parts.count == 1 { return LogTime(date: d) }
        guard let m = LogTime.minutes(parts[1]) else { return nil }
        return LogTime(date: d, minutes: m)
    }

    func testReadingIsTheGeneralRuleForEveryShape() {
        var texts = [
            "2022-03-04 14:30", "2022-03-04 00:00", "2022-03-04 23:59", "2022-03-04 24:00", "2022-03-04 12:60",
            "2022-02-29 10:00", "2024-02-29 10:00", "2022-13-01 10:00", "0000-01-01 10:00", "9999-12-31 23:59",
            "2022-03-04 +1:30", "2022-03-04 -1:30", "2022-03-04 1a:30", "2022-03-04 ١٢:30", "2022-03-04  9:30",
            "2022-03-04 9:30", "2022-03-04", " 2022-03-04 14:30", "2022-03-04 14:30 ", "2022-03-04 14-30",
            "2022-03-04T14:30", "2022/03/04 14:30", "", " ", "2022-03-04 14:3", "2022-03-04 1430",
            "2022-03-04 14:30:00", "２０２２-03-04 14:30", "2022-03-04\u{A0}14:30",
        ]
        // Every byte at every place of a good time, and random times.
        let good = Array("2022-03-04 14:30".utf8)
        for i in good.indices {
            for b: UInt8 in [0x20, 0x2B, 0x2D, 0x2F, 0x30, 0x35, 0x39, 0x3A, 0x41, 0x7F] {
                var t = good
                t[i] = b
                texts.append(String(decoding: t, as: UTF8.self))
            }
        }
        var seed: UInt64 = 0x5EED
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) }
        for _ in 0..<5_000 {
            let y = next() % 12_000, mo = next() % 15, d = next() % 33, h = next() % 27, m = next() % 63
            func pad(_ n: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
            texts.append("\(pad(y, 4))-\(pad(mo, 2))-\(pad(d, 2)) \(pad(h, 2)):\(pad(m, 2))")
        }
        for t in texts {
            XCTAssertEqual(LogTime(stored: t), Self.reference(t), "'\(t)'")
        }
    }

    func testWritingIsTheDayAndTheClockPutTogether() {
        let days = [LocalDate(year: 2022, month: 3, day: 4), LocalDate(year: 1, month: 1, day: 1), LocalDate(year: 9999, month: 12, day: 31),
                    LocalDate(year: 12_000, month: 6, day: 1), LocalDate(year: -5, month: 6, day: 1)].compactMap { $0 }
        for d in days {
            XCTAssertEqual(LogTime(date: d).text, d.iso)
            for m in stride(from: 0, to: 1440, by: 7) + [0, 59, 60, 599, 600, 1439] {
                let t = LogTime(date: d, minutes: m)
                let h = m / 60, mm = m % 60
                XCTAssertEqual(t.text, d.iso + " " + (h < 10 ? "0" : "") + "\(h):" + (mm < 10 ? "0" : "") + "\(mm)")
                // And back again: what is written reads as itself.
                if d.hasFourDigitYear { XCTAssertEqual(LogTime(stored: t.text), t) }
            }
        }
    }
}
