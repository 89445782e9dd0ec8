import HeardCore

/// The stored form of an audit row's changes: a JSON object `{"field": [before, after], ...}`
/// with the fields in the order recorded. Read back in that order and exactly (JSON objects
/// lose their order in a general parser, and a field's order is part of what was recorded).
enum AuditChangesText {
    static func encode(_ changes: [FieldChange]) -> String {
        JSONText.object(changes.map { ($0.field, "[" + value($0.before) + "," + value($0.after) + "]") })
    }

    private static func value(_ s: String?) -> String { s.map(JSONText.quote) ?? "null" }

    /// The changes, or nil when the text is not of that form (a row another tool wrote).
    static func decode(_ text: String) -> [FieldChange]? {
        var p = Parser(Array(text.unicodeScalars))
        return p.changes()
    }

    private struct Parser {
        let s: [Unicode.Scalar]
        var i = 0
        init(_ s: [Unicode.Scalar]) { self.s = s }

        mutating func changes() -> [FieldChange]? {
            var out: [FieldChange] = []
            guard take("{") else { return nil }
            if take("}") { return end() ? out : nil }
            repeat {
                guard let field = string(), take(":"), take("[") else { return nil }
                guard let before = scalar(), take(","), let after = scalar(), take("]") else { return nil }
                out.append(FieldChange(field, before: before, after: after))
            } while take(",")
            return take("}") && end() ? out : nil
        }

        mutating func skipSpace() { while i < s.count, [" ", "\n", "\r", "\t"].contains(s[i]) { i += 1 } }

        mutating func take(_ c: Unicode.Scalar) -> Bool {
            skipSpace()
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }

        mutating func end() -> Bool { skipSpace(); return i == s.count }

        /// A string, null (as .some(nil)), or a number or boolean as its text.
        mutating func scalar() -> String?? {
            skipSpace()
            guard i < s.count else { return nil }
            if s[i] == "\"" { return string().map { .some($0) } }
            var word = ""
            while i < s.count, !([",", "]", "}", " ", "\n", "\r", "\t"] as [Unicode.Scalar]).contains(s[i]) { word.unicodeScalars.append(s[i]); i += 1 }
            if word == "null" { return .some(nil) }
            if word == "true" || word == "false" || (!word.isEmpty && Double(word) != nil) { return .some(word) }
            return nil
        }

        mutating func string() -> String? {
            guard take("\"") else { return nil }
            var out = String.UnicodeScalarView()
            while i < s.count {
                let c = s[i]; i += 1
                switch c {
                case "\"": return String(out)
                case "\\":
                    guard i < s.count else { return nil }
                    let e = s[i]; i += 1
                    switch e {
                    case "\"", "\\", "/": out.append(e)
                    case "n": out.append("\n")
                    case "r": out.append("\r")
                    case "t": out.append("\t")
                    case "b": out.append("\u{8}")
                    case "f": out.append("\u{c}")
                    case "u":
                        guard var v = hex4() else { return nil }
                        // A surrogate pair stands for one scalar beyond the BMP.
                        if (0xD800...0xDBFF).contains(v) {
                            guard i + 1 < s.count, s[i] == "\\", s[i + 1] == "u" else { return nil }
                            i += 2
                            guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                            v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let u = Unicode.Scalar(v) else { return nil }
                        out.append(u)
                    default: return nil
                    }
                default: out.append(c)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= s.count else { return nil }
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard let d = UInt32(String(s[i]), radix: 16) else { return nil }
                v = v * 16 + d
                i += 1
            }
            return v
        }
    }
}
