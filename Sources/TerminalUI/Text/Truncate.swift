/// The ellipsis used when text is cut: "…" in a UTF-8 locale, "~" otherwise.
public func ellipsis(unicode: Bool) -> String { unicode ? "…" : "~" }

/// Cuts `s` to at most `width` cells, ending with an ellipsis when anything was cut.
public func truncate(_ s: String, toWidth width: Int, unicode: Bool = true) -> String {
    if width <= 0 { return "" }
    let total = displayWidth(s)
    if total <= width { return s }
    return prefix(s, fittingWidth: width - 1).text + ellipsis(unicode: unicode)
}

/// Horizontal alignment of text in a field.
public enum Alignment: Sendable, Equatable {
    case left, right, center
}

/// `s` truncated and padded with spaces to exactly `width` cells.
public func pad(_ s: String, toWidth width: Int, alignment: Alignment = .left, unicode: Bool = true) -> String {
    if width <= 0 { return "" }
    let cut = truncate(s, toWidth: width, unicode: unicode)
    let gap = max(0, width - displayWidth(cut))
    switch alignment {
    case .left: return cut + String(repeating: " ", count: gap)
    case .right: return String(repeating: " ", count: gap) + cut
    case .center:
        let left = gap / 2
        return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
    }
}

/// `s` padded on the right to `width` cells (never truncated).
public func padRight(_ s: String, toWidth width: Int) -> String {
    let gap = width - displayWidth(s)
    return gap > 0 ? s + String(repeating: " ", count: gap) : s
}

/// `s` padded on the left to `width` cells (never truncated).
public func padLeft(_ s: String, toWidth width: Int) -> String {
    let gap = width - displayWidth(s)
    return gap > 0 ? String(repeating: " ", count: gap) + s : s
}

/// Drops the first `columns` cells of `s`; a wide char cut in half becomes a space.
public func dropLeadingColumns(_ s: String, _ columns: Int) -> String {
    if columns <= 0 { return s }
    var skipped = 0
    var idx = s.startIndex
    var prefix = ""
    while idx < s.endIndex, skipped < columns {
        let w = displayWidth(s[idx])
        skipped += w
        idx = s.index(after: idx)
        if skipped > columns { prefix = String(repeating: " ", count: skipped - columns) }
    }
    return prefix + String(s[idx...])
}
