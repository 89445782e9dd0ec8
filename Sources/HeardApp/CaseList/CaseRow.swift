import HeardCore
import HeardStore

/// One row of the case list in memory: the summary plus a folded, lower-case haystack of its
/// reference, names and summary for the `/` filter (searched as bytes, so a keystroke over
/// 100,000 rows stays within a frame).
public struct CaseRow: Sendable {
    public var summary: CaseSummary
    let haystack: [UInt8]

    public init(_ s: CaseSummary) {
        summary = s
        var h: [UInt8] = []
        h.reserveCapacity(s.reference.utf8.count + s.complainantName.utf8.count + s.summary.utf8.count + 2)
        Fold.append(s.reference, to: &h)
        h.append(1)
        Fold.append(s.complainantName, to: &h)
        h.append(1)
        Fold.append(s.summary, to: &h)
        haystack = h
    }

    public var id: Int64 { summary.id }

    /// Whether every word of the folded query occurs in this row.
    func matches(_ words: [[UInt8]]) -> Bool {
        for w in words where !Fold.contains(haystack, w) { return false }
        return true
    }
}

/// Case- and accent-insensitive matching: "zoe" finds "Zoë", "LI" finds "li".
enum Fold {
    static func key(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 128 }) { return s.lowercased() }
        var out = String.UnicodeScalarView()
        for u in s.lowercased().decomposedScalars where !(0x300...0x36F).contains(u.value) { out.append(u) }
        return String(out)
    }

    /// Appends the folded bytes of `s`: ASCII lower-cased in place, anything else through `key`.
    static func append(_ s: String, to out: inout [UInt8]) {
        var ascii = true
        for b in s.utf8 {
            if b >= 128 { ascii = false; break }
        }
        if ascii {
            for b in s.utf8 { out.append(b >= 65 && b <= 90 ? b + 32 : b) }
        } else {
            out.append(contentsOf: key(s).utf8)
        }
    }

    static func words(_ query: String) -> [[UInt8]] {
        key(query).split(separator: " ").map { Array($0.utf8) }
    }

    /// Naive byte search: rows are short, so this beats building any index per keystroke.
    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        let n = needle.count
        if n == 0 { return true }
        let h = hay.count
        if n > h { return false }
        return hay.withUnsafeBufferPointer { hp in
            needle.withUnsafeBufferPointer { np in
                let first = np[0]
                var i = 0
                let last = h - n
                while i <= last {
                    if hp[i] == first {
                        var j = 1
                        while j < n && hp[i + j] == np[j] { j += 1 }
                        if j == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}

extension String {
    /// Canonical decomposition without Foundation.
    var decomposedScalars: [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for u in unicodeScalars {
            if let d = Decompose.table[u.value] { out.append(contentsOf: d) } else { out.append(u) }
        }
        return out
    }
}

/// Latin letters with diacritics that names in England commonly carry, mapped to base + mark.
enum Decompose {
    static let table: [UInt32: [Unicode.Scalar]] = {
        var t: [UInt32: [Unicode.Scalar]] = [:]
        let pairs: [(String, String)] = [
            ("àáâãäåā", "a"), ("çćč", "c"), ("ďđ", "d"), ("èéêëēėęě", "e"), ("ìíîïīį", "i"), ("ñńň", "n"),
            ("òóôõöøō", "o"), ("ŕř", "r"), ("śšş", "s"), ("ťţ", "t"), ("ùúûüūůű", "u"), ("ýÿ", "y"), ("źżž", "z"), ("ł", "l"),
        ]
        for (accented, base) in pairs {
            for ch in accented.unicodeScalars { if let b = base.unicodeScalars.first { t[ch.value] = [b, "\u{301}"] } }
        }
        return t
    }()
}
