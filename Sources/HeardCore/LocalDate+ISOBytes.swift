extension LocalDate {
    /// Parses `YYYY-MM-DD` from its UTF-8 bytes without copying them into an array: the one
    /// parser `init?(iso:)` uses too (the report's load parses some 400,000 dates).
    public init?(isoUTF8 u: UnsafeBufferPointer<UInt8>) {
        guard u.count == 10, u[4] == 45, u[7] == 45 else { return nil }
        func number(_ start: Int, _ count: Int) -> Int? {
            var v = 0
            for i in start..<(start + count) {
                let c = u[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let y = number(0, 4), let m = number(5, 2), let d = number(8, 2) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `init?(iso:)` for a String, through its bytes (no array is made).
    public init?(isoFast text: String) {
        var s = text
        guard let d = s.withUTF8({ LocalDate(isoUTF8: $0) }) else { return nil }
        self = d
    }
}
