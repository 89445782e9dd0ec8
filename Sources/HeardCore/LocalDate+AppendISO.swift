extension LocalDate {
    /// `iso` appended to `out` from its ten bytes, with no interpolation or padded strings on the
    /// way: what the case list writes twice a row, 100,000 rows. Outside years 0-9999 (which no
    /// date Heard stores reaches) it appends `iso` itself, so the text is always the same.
    public func appendISO(to out: inout String) {
        guard hasFourDigitYear else { out += iso; return }
        let (year, month, day) = parts
        let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
        let bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10), zero + UInt8(year / 10 % 10), zero + UInt8(year % 10), dash,
            zero + UInt8(month / 10), zero + UInt8(month % 10), dash, zero + UInt8(day / 10), zero + UInt8(day % 10))
        withUnsafeBytes(of: bytes) { out += String(decoding: $0, as: UTF8.self) }
    }

    /// Whether the year is 0 to 9999, so that `iso` is ten ASCII bytes: YYYY-MM-DD.
    public var hasFourDigitYear: Bool { (LocalDate.firstOfYear0...LocalDate.lastOfYear9999).contains(dayNumber) }
    static let firstOfYear0 = LocalDate.daysFromCivil(0, 1, 1)
    static let lastOfYear9999 = LocalDate.daysFromCivil(9999, 12, 31)
}
