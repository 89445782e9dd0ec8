/// Portable SQL's `?` parameters as PostgreSQL's `$1, $2, …`, numbered in order, outside
/// single-quoted literals (`E'…'` with its backslash escapes too), double-quoted identifiers,
/// dollar-quoted bodies and comments (`--` to the end of the line, `/* … */`, nested). `??` is one
/// literal `?` (PostgreSQL's jsonb operator), as in JDBC; Heard's SQL has none.
enum PostgresPlaceholders {
    /// The SQL with its placeholders numbered, and how many there are.
    static func rewrite(_ sql: String) -> (sql: String, count: Int) {
        let s = Array(sql.unicodeScalars)
        var out = String.UnicodeScalarView()
        var n = 0
        var i = 0
        /// Copies up to and including the next `end` (or to the end of the text).
        func copy(through end: [Unicode.Scalar], from start: Int, backslash: Bool = false) -> Int {
            var j = start
            while j < s.count {
                if backslash && s[j] == "\\" && j + 1 < s.count { j += 2; continue }
                if j + end.count <= s.count && Array(s[j..<(j + end.count)]) == end {
                    // A doubled quote inside a literal is the quote itself, not the end.
                    if end.count == 1 && (end[0] == "'" || end[0] == "\"") && j + 1 < s.count && s[j + 1] == end[0] {
                        j += 2; continue
                    }
                    j += end.count
                    break
                }
                j += 1
            }
            out.append(contentsOf: s[start..<min(j, s.count)])
            return min(j, s.count)
        }
        while i < s.count {
            let c = s[i]
            let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
            switch c {
            case "'":
                let escaped = i > 0 && (s[i - 1] == "E" || s[i - 1] == "e") && (i < 2 || !isWord(s[i - 2]))
                out.append(c)
                i = copy(through: ["'"], from: i + 1, backslash: escaped)
            case "\"":
                out.append(c)
                i = copy(through: ["\""], from: i + 1)
            case "-" where next == "-":
                i = copy(through: ["\n"], from: i)
            case "/" where next == "*":
                var depth = 0
                var j = i
                while j < s.count {
                    if s[j] == "/" && j + 1 < s.count && s[j + 1] == "*" { depth += 1; j += 2; continue }
                    if s[j] == "*" && j + 1 < s.count && s[j + 1] == "/" { depth -= 1; j += 2; if depth == 0 { break }; continue }
                    j += 1
                }
                out.append(contentsOf: s[i..<min(j, s.count)])
                i = min(j, s.count)
            case "$" where i == 0 || !isWord(s[i - 1]):
                // $tag$ … $tag$ (a tag of letters, digits, underscores; not $1, a parameter).
                var j = i + 1
                while j < s.count && isWord(s[j]) { j += 1 }
                let tagIsValid = j < s.count && s[j] == "$" && (j == i + 1 || !isDigit(s[i + 1]))
                if tagIsValid {
                    let tag = Array(s[i...j])
                    out.append(contentsOf: tag)
                    i = copy(through: tag, from: j + 1)
                } else {
                    out.append(c); i += 1
                }
            case "?" where next == "?":
                out.append("?"); i += 2
            case "?":
                n += 1
                out.append(contentsOf: "$\(n)".unicodeScalars)
                i += 1
            default:
                out.append(c); i += 1
            }
        }
        return (String(out), n)
    }

    private static func isWord(_ c: Unicode.Scalar) -> Bool {
        c == "_" || (c.value < 128 && (isDigit(c) || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z"))) || c.value >= 128
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
}
