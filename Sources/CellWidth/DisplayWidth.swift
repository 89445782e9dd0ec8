/// Number of terminal cells `s` occupies, summed over its grapheme clusters.
public func displayWidth(_ s: String) -> Int {
    var asciiOnly = true
    var count = 0
    for b in s.utf8 {
        if b >= 0x80 { asciiOnly = false; break }
        if b >= 0x20 && b < 0x7F { count += 1 }
    }
    if asciiOnly { return count }
    var total = 0
    for c in s { total += displayWidth(c) }
    return total
}

/// Number of terminal cells one grapheme cluster occupies: 0, 1 or 2.
public func displayWidth(_ c: Character) -> Int {
    let scalars = c.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if first.value < 0x80 {
        return (first.value >= 0x20 && first.value < 0x7F) ? 1 : 0
    }
    let props = first.properties
    switch props.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate:
        // A lone format char (ZWJ, ZWSP, BOM) draws nothing.
        return 0
    case .nonspacingMark, .enclosingMark:
        // A combining mark with no base: nothing to draw it on.
        return 0
    default:
        break
    }
    if props.isEmojiPresentation { return 2 }
    if scalars.count > 1 {
        // Text-default emoji followed by VS16 (U+FE0F) or a skin tone / ZWJ sequence.
        var iterator = scalars.makeIterator()
        _ = iterator.next()
        while let s = iterator.next() {
            if s.value == 0xFE0F && props.isEmoji { return 2 }
            if s.value == 0x20E3 { return 2 } // keycap sequence
        }
        if isRegionalIndicator(first) { return 2 }
    }
    return isEastAsianWide(first.value) ? 2 : 1
}

@inline(__always)
func isRegionalIndicator(_ s: Unicode.Scalar) -> Bool {
    s.value >= 0x1F1E6 && s.value <= 0x1F1FF
}

/// East Asian Wide (W) and Fullwidth (F) ranges, outside those with emoji presentation.
private let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
    0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
    0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
    0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF,
    0x1B000...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
]

/// Whether a scalar is East Asian Wide or Fullwidth.
func isEastAsianWide(_ v: UInt32) -> Bool {
    if v < 0x1100 { return false }
    var lo = 0
    var hi = wideRanges.count - 1
    while lo <= hi {
        let mid = (lo + hi) / 2
        let r = wideRanges[mid]
        if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
    }
    return false
}

/// `s` cut to at most `width` cells (no ellipsis: a column of a plain-text table) and padded
/// with spaces to exactly `width`.
///
/// A cell is never much longer than its width: characters that take no cell (a zero-width
/// space, a joiner) are kept only up to `invisibleKept`, and a character made of more than
/// `scalarsKept` scalars (a letter under a heap of combining marks) is cut to that many. A
/// name holding 300,000 zero-width spaces made one row of `heard cases` 900 KB (an attack).
public func fit(_ s: String, toWidth width: Int) -> String {
    var out = ""
    var used = 0
    var invisible = 0
    for c in s {
        let w = displayWidth(c)
        if used + w > width { break }
        appendTamed(c, width: w, to: &out, invisible: &invisible)
        used += w
    }
    return out + String(repeating: " ", count: max(0, width - used))
}

/// `s` with `fit`'s limits and no width: at most `invisibleKept` characters that take no cell,
/// and no character of more than `scalarsKept` scalars. For the last column of a table, which is
/// as wide as its text (an action's title: 300,000 zero-width spaces printed a 1 MB line).
public func tamed(_ s: String) -> String {
    var out = ""
    var invisible = 0
    for c in s { appendTamed(c, width: displayWidth(c), to: &out, invisible: &invisible) }
    return out
}

/// `c` (taking `width` cells) appended to `out` within `fit`'s limits; `invisible` counts the
/// characters taking no cell met so far.
private func appendTamed(_ c: Character, width: Int, to out: inout String, invisible: inout Int) {
    if width == 0 {
        invisible += 1
        if invisible > invisibleKept { return }
    }
    if c.utf8.count > scalarsKept, c.unicodeScalars.count > scalarsKept {
        out.unicodeScalars.append(contentsOf: c.unicodeScalars.prefix(scalarsKept))
    } else {
        out.append(c)
    }
}

/// How many characters that take no cell `fit` keeps in one cell.
public let invisibleKept = 8
/// The most scalars `fit` keeps of one character.
public let scalarsKept = 16

/// The longest start of `s` that takes at most `width` cells, and the cells it takes (a wide
/// character that would straddle the edge is left out whole).
public func prefix(_ s: String, fittingWidth width: Int) -> (text: String, width: Int) {
    var out = ""
    var used = 0
    for c in s {
        let w = displayWidth(c)
        if used + w > width { break }
        out.append(c)
        used += w
    }
    return (out, used)
}

/// The longest end of `s` that takes at most `width` cells (`prefix(_:fittingWidth:)` from the
/// other side: a message that keeps its end).
public func suffix(_ s: String, fittingWidth width: Int) -> String {
    var used = 0
    var start = s.endIndex
    while start > s.startIndex {
        let before = s.index(before: start)
        let w = displayWidth(s[before])
        if used + w > width { break }
        used += w
        start = before
    }
    return String(s[start...])
}
