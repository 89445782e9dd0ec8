import HeardCore

/// Which bytes a text holds, in 64 bits: one bit for each ASCII letter (either case, as
/// `CaseSearch` reads them) and each digit, and the other 196 byte values folded onto 28 bits.
/// A word can occur in a row only if the row's mask holds every bit of the word's; a word of one
/// letter or digit occurs exactly when its bit is there, with no need to read the row.
enum ByteMask {
    /// The bit of byte `b` (ASCII capitals as their lower case).
    @inline(__always)
    static func bit(_ b: UInt8) -> UInt64 {
        let l = CaseSearch.lower(b)
        if l >= 97 && l <= 122 { return 1 << UInt64(l - 97) }
        if l >= 48 && l <= 57 { return 1 << UInt64(26 + l - 48) }
        return 1 << UInt64(36 + Int(l) % 28)
    }

    /// Every bit of `bytes`.
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var m: UInt64 = 0
        for b in bytes { m |= bit(b) }
        return m
    }

    /// Whether the bit of `b` stands for `b` alone: a lower-case ASCII letter or a digit.
    static func isExact(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 48 && b <= 57) }
}
