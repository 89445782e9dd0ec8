/// Finds the line of a key in TOML text, because TOMLKit does not report positions of values.
public struct SourceLocator: Sendable {
    private struct Place: Hashable, Sendable { var section: String?; var key: String }
    /// The first line of each section header and of each key in its section, read once: a file
    /// with thousands of keys is looked up in constant time per key, not by a scan each.
    private var sections: [String: Int] = [:]
    private var keys: [Place: Int] = [:]

    /// Indexes the text's lines.
    public init(_ text: String) {
        var current: String? = nil
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let name = Self.headerName(raw) {
                current = name
                if sections[name] == nil { sections[name] = i + 1 }
            } else if let k = Self.assignedKey(raw) {
                let place = Place(section: current, key: k)
                if keys[place] == nil { keys[place] = i + 1 }
            }
        }
    }

    /// 1-based line of the `[section]` header, or nil.
    public func line(ofSection section: String) -> Int? { sections[section] }

    /// 1-based line where `key` is assigned inside `[section]` (nil section: top level).
    public func line(ofKey key: String, inSection section: String?) -> Int? { keys[Place(section: section, key: key)] }

    private static func headerName(_ raw: Substring) -> String? {
        let s = trimmed(String(raw))
        guard s.hasPrefix("["), !s.hasPrefix("[["), let close = s.firstIndex(of: "]") else { return nil }
        return unquote(trimmed(String(s[s.index(after: s.startIndex)..<close])))
    }

    private static func assignedKey(_ raw: Substring) -> String? {
        let s = trimmed(String(raw))
        guard !s.hasPrefix("#"), let eq = s.firstIndex(of: "=") else { return nil }
        return unquote(trimmed(String(s[..<eq])))
    }

    private static func unquote(_ s: String) -> String {
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
