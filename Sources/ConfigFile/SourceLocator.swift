/// Finds the line of a key in TOML text, because TOMLKit does not report positions of values.
public struct SourceLocator: Sendable {
    private var lines: [Substring]

    /// Indexes the text's lines.
    public init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// 1-based line of the `[section]` header, or nil.
    public func line(ofSection section: String) -> Int? {
        for (i, raw) in lines.enumerated() {
            if let name = headerName(raw), name == section { return i + 1 }
        }
        return nil
    }

    /// 1-based line where `key` is assigned inside `[section]` (nil section: top level).
    public func line(ofKey key: String, inSection section: String?) -> Int? {
        var current: String? = nil
        for (i, raw) in lines.enumerated() {
            if let name = headerName(raw) { current = name; continue }
            guard current == section else { continue }
            if let k = assignedKey(raw), k == key { return i + 1 }
        }
        return nil
    }

    private func headerName(_ raw: Substring) -> String? {
        let s = trimmed(String(raw))
        guard s.hasPrefix("["), !s.hasPrefix("[["), let close = s.firstIndex(of: "]") else { return nil }
        return unquote(trimmed(String(s[s.index(after: s.startIndex)..<close])))
    }

    private func assignedKey(_ raw: Substring) -> String? {
        let s = trimmed(String(raw))
        guard !s.hasPrefix("#"), let eq = s.firstIndex(of: "=") else { return nil }
        return unquote(trimmed(String(s[..<eq])))
    }

    private func unquote(_ s: String) -> String {
        if s.count >= 2, let f = s.first, let l = s.last, (f == "\"" && l == "\"") || (f == "'" && l == "'") {
            return String(s.dropFirst().dropLast())
        }
        return s
    }
}

/// The string without leading and trailing spaces and tabs.
private func trimmed(_ s: String) -> String {
    var sub = Substring(s)
    while let f = sub.first, f == " " || f == "\t" { sub = sub.dropFirst() }
    while let l = sub.last, l == " " || l == "\t" { sub = sub.dropLast() }
    return String(sub)
}
