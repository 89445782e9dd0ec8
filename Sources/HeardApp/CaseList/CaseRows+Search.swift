import HeardCore

/// `/` over many rows at once: each row's byte mask (`ByteMask`) is looked at first, and passes
/// over the rows that lack one of the words' bytes without reading them; a word of one letter or
/// digit is answered by the mask alone. The rows left are read through one pointer for the whole
/// pass, each word's first two bytes looked for 16 positions at a time, so a row is read byte by
/// byte only where a word may start. The answer is `CaseSearch.matches` exactly (the tests
/// compare them on hostile rows).
extension CaseRows {
    /// The rows of `candidates`, in their order, that match `search` (every row when it is empty).
    func matching(_ candidates: [Int], _ search: CaseSearch) -> [Int] {
        if search.isEmpty { return candidates }
        let words = search.words.map(FastWord.init)
        // A word with an ASCII capital matches nowhere (`FastWord.usable`), which no mask says.
        if words.contains(where: { !$0.usable }) { return [] }
        var need: UInt64 = 0
        for w in words { need |= w.bytes.withUnsafeBufferPointer(ByteMask.of) }
        // The words the masks do not answer on their own: these are looked for in the text.
        let scanned = words.filter { !($0.bytes.count == 1 && ByteMask.isExact($0.bytes[0])) }
        var out: [Int] = []
        out.reserveCapacity(candidates.count)
        masks.withUnsafeBufferPointer { m in
            if scanned.isEmpty {
                for i in candidates where m[i] & need == need { out.append(i) }
                return
            }
            withText { t in
                records.withUnsafeBufferPointer { recs in
                    // One word to look for (most keys): no loop over the words for each row.
                    if scanned.count == 1, let word = scanned.first {
                        for i in candidates where m[i] & need == need {
                            let r = recs[i]
                            if word.occurs(in: UnsafeBufferPointer(rebasing: t[Int(r.start)..<Int(r.start) + r.textLength])) { out.append(i) }
                        }
                        return
                    }
                    for i in candidates where m[i] & need == need {
                        let r = recs[i]
                        let start = Int(r.start)
                        let hay = UnsafeBufferPointer(rebasing: t[start..<start + r.textLength])
                        if scanned.allSatisfy({ $0.occurs(in: hay) }) { out.append(i) }
                    }
                }
            }
        }
        return out
    }
}

/// One folded word of a search, with what the 16-at-a-time scan compares.
struct FastWord {
    let bytes: [UInt8]
    /// Whether a byte can be compared 16 at a time: every byte but an ASCII capital (a folded
    /// word has none; `CaseSearch.lower` never yields one, so such a word never matches).
    let usable: Bool
    let first: SIMD16<UInt8>, firstCase: SIMD16<UInt8>
    let second: SIMD16<UInt8>, secondCase: SIMD16<UInt8>

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        usable = !bytes.contains { $0 >= 65 && $0 <= 90 }
        // A lower-case letter matches either case: the haystack byte with 0x20 set is compared.
        func caseBit(_ b: UInt8) -> UInt8 { b >= 97 && b <= 122 ? 0x20 : 0 }
        let b0 = bytes.first ?? 0, b1 = bytes.count > 1 ? bytes[1] : 0
        first = SIMD16(repeating: b0); firstCase = SIMD16(repeating: caseBit(b0))
        second = SIMD16(repeating: b1); secondCase = SIMD16(repeating: caseBit(b1))
    }

    /// Whether the word occurs in `hay`, reading capitals as `CaseSearch.lower` does.
    @inline(__always)
    func occurs(in hay: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        if n == 0 { return true }
        let h = hay.count
        if n > h { return false }
        // A capital in the word never equals a byte read as lower case: no match, as `CaseSearch`.
        guard usable else { return false }
        guard let base = hay.baseAddress else { return false }
        return bytes.withUnsafeBufferPointer { w in
            let last = h - n   // the last place the word can start
            // Sixteen starting places at a time, each of them a place the word can start (so the
            // loads, up to i + 16, stay inside the row: a one-byte word loads only up to i + 15).
            // The last sixteen overlap the ones before them rather than leave a tail.
            func sixteen(at i: Int) -> Bool {
                let raw = UnsafeRawPointer(base + i)
                var hit = (raw.loadUnaligned(as: SIMD16<UInt8>.self) | firstCase) .== first
                if n > 1 { hit = hit .& ((raw.loadUnaligned(fromByteOffset: 1, as: SIMD16<UInt8>.self) | secondCase) .== second) }
                guard any(hit) else { return false }
                for k in 0..<16 where hit[k] && Self.rest(base + i + k, w) { return true }
                return false
            }
            if last < 15 {
                // Shorter than sixteen places: one at a time.
                for i in 0...last where Self.rest(base + i, w) { return true }
                return false
            }
            var i = 0
            while i + 15 <= last {
                if sixteen(at: i) { return true }
                i += 16
            }
            return i <= last && sixteen(at: last - 15)
        }
    }

    /// Whether the word is at `p`, ASCII capitals of the haystack read as lower case.
    @inline(__always)
    static func rest(_ p: UnsafePointer<UInt8>, _ w: UnsafeBufferPointer<UInt8>) -> Bool {
        var j = 0
        while j < w.count {
            if CaseSearch.lower(p[j]) != w[j] { return false }
            j += 1
        }
        return true
    }
}
