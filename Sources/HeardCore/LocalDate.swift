/// A calendar date with no time or zone: the unit every deadline in Heard is counted in.
///
/// Stored as days since 1970-01-01 so that comparisons and arithmetic are integer operations.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// A date from its parts; nil when the parts do not name a real day (31/02).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        self.dayNumber = LocalDate.daysFromCivil(year, month, day)
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    /// Year, month and day of this date.
    public var parts: (year: Int, month: Int, day: Int) { LocalDate.civil(from: dayNumber) }
    public var year: Int { parts.year }
    public var month: Int { parts.month }
    public var day: Int { parts.day }

    /// ISO weekday: 1 Monday ... 7 Sunday.
    public var isoWeekday: Int {
        let w = (dayNumber + 3) % 7   // 1970-01-01 was a Thursday (3 from Monday)
        return (w < 0 ? w + 7 : w) + 1
    }

    public var isWeekend: Bool { isoWeekday >= 6 }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// The same day-of-month `n` months later (clamped to the month's last day).
    public func adding(months n: Int) -> LocalDate {
        let p = parts
        let total = p.year * 12 + (p.month - 1) + n
        let y = total / 12, m = total % 12 + 1
        let d = min(p.day, LocalDate.daysIn(month: m, year: y))
        return LocalDate(dayNumber: LocalDate.daysFromCivil(y, m, d))
    }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: LocalDate) -> Int { other.dayNumber - dayNumber }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let p = parts
        if let s = Self.digits(p.year, UInt8(ascii: "-"), p.month, UInt8(ascii: "-"), p.day) { return s }
        return "\(pad(p.year, 4))-\(pad(p.month, 2))-\(pad(p.day, 2))"
    }

    /// `DD/MM/YYYY`, the form UK users read.
    public var uk: String {
        let p = parts
        if let s = Self.digits(p.day, UInt8(ascii: "/"), p.month, UInt8(ascii: "/"), p.year) { return s }
        return "\(pad(p.day, 2))/\(pad(p.month, 2))/\(pad(p.year, 4))"
    }

    /// Three numbers zero-padded (the year to four digits, the others to two) with separators
    /// between, written straight into a String of ten ASCII bytes (small enough to be held
    /// without an allocation): what `pad` and interpolation give, without their five Strings a
    /// date (a tenth of an export of 100,000 contacts). Nil for a year outside 0-9999.
    private static func digits(_ a: Int, _ s1: UInt8, _ b: Int, _ s2: UInt8, _ c: Int) -> String? {
        let yearFirst = s1 == UInt8(ascii: "-")
        let (year, month, day) = yearFirst ? (a, b, c) : (c, b, a)
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else { return nil }
        return String(unsafeUninitializedCapacity: 10) { out in
            var i = 0
            func put(_ n: Int, _ width: Int) {
                var d = width == 4 ? 1000 : 10
                while d > 0 { out[i] = UInt8(ascii: "0") + UInt8(n / d % 10); i += 1; d /= 10 }
            }
            put(a, yearFirst ? 4 : 2); out[i] = s1; i += 1
            put(b, 2); out[i] = s2; i += 1
            put(c, yearFirst ? 2 : 4)
            return i
        }
    }

    public var description: String { iso }

    /// "4 March 2022", as a letter or a page for the public writes a date.
    public var written: String {
        let p = parts
        return "\(p.day) \(DateInputError.monthNames[max(0, min(11, p.month - 1))]) \(p.year)"
    }

    /// Every ISO date in `text` (`YYYY-MM-DD`, a real day, not inside a longer run of digits)
    /// written as `write` writes it.
    public static func rewritingISODates(in text: String, _ write: (LocalDate) -> String) -> String {
        guard text.utf8.count >= 10 else { return text }
        let chars = Array(text)
        var out = ""
        var i = 0
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        while i < chars.count {
            if i + 10 <= chars.count, (i == 0 || !isDigit(chars[i - 1])), (i + 10 == chars.count || !isDigit(chars[i + 10])) {
                let s = chars[i..<i + 10]
                let shape = s.enumerated().allSatisfy { k, c in (k == 4 || k == 7) ? c == "-" : isDigit(c) }
                if shape, let d = LocalDate(iso: String(s)) {
                    out += write(d)
                    i += 10
                    continue
                }
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }

    /// Parses `YYYY-MM-DD` only.
    public init?(iso text: Substring) {
        var s = text
        guard let d = s.withUTF8({ LocalDate(isoUTF8: $0) }) else { return nil }
        self = d
    }

    public init?(iso text: String) { self.init(iso: Substring(text)) }

    /// Parses `YYYY-MM-DD` or the UK spreadsheet form `DD/MM/YYYY` (also `D/M/YYYY`).
    public init?(parsing raw: String) {
        let text = raw.trimmingSpaces
        if let d = LocalDate(iso: text) { self = d; return }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    // MARK: - Civil calendar arithmetic (Howard Hinnant's algorithms)

    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(from z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

private func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension LocalDate: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = LocalDate(iso: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a YYYY-MM-DD date")
        }
        self = d
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    public var trimmingSpaces: String {
        // Most text has nothing to trim: look at the two ends' bytes first.
        if let f = utf8.first, let l = utf8.last, f > 32, f < 128, l > 32, l < 128 { return self }
        if isEmpty { return self }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
