/// Whether `u` must never reach a terminal from data: C0 controls, DEL, C1 controls, the line
/// and paragraph separators and the bidirectional overrides and isolates. Line feed, tab and
/// carriage return count too; callers that keep line breaks let them through first. One
/// definition for what is stored (TextSanitiser) and what is printed (TerminalText).
public func isControlForTerminal(_ u: Unicode.Scalar) -> Bool {
    let v = u.value
    return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)
        || v == 0x2028 || v == 0x2029 || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
}
