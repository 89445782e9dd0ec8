/// `s` with control characters replaced, so data can never send escape sequences to a terminal.
public func sanitizeForDisplay(_ s: String) -> String {
    if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }) && !s.utf8.contains(0xC2) { return s }
    if !s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return s }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
        if u.properties.generalCategory == .control {
            if u == "\n" || u == "\t" { out.append(" ") }
        } else {
            out.append(u)
        }
    }
    return String(out)
}
