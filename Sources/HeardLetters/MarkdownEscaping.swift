import Mustache

/// How a field's text goes into a letter's Markdown: characters that would make it markup (`*`,
/// `_`, `` ` ``, `\`, `<`, `[`, `]`, and `#`, `-`, `+`, `>`, `1.` at a line's start) get a backslash, and control
/// characters other than line breaks and tabs are dropped. So a name like `**Ann**` reads as
/// typed; HTML and .docx escape again at their own stage. Mustache never re-reads a field's
/// text as a template, so `{{x}}` in data stays text.
struct MarkdownEscaping: MustacheContentType {
    static let typeName = "HEARD_MARKDOWN"
    /// Registering once, lazily (a static let runs its initialiser once, thread-safely).
    static let registered: Bool = {
        MustacheContentTypes.register(MarkdownEscaping(), named: typeName)
        return true
    }()

    func escapeText(_ text: String) -> String { Self.escape(text) }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        var atLineStart = true
        var leadingDigits = false
        for ch in text {
            if ch == "\r\n" || ch == "\n" || ch == "\r" { out.append("\n"); atLineStart = true; leadingDigits = false; continue }
            if ch.unicodeScalars.count == 1, let s = ch.unicodeScalars.first, s != "\t",
               s.value < 0x20 || (0x7F...0x9F).contains(s.value) { continue }
            if atLineStart && (ch == " " || ch == "\t") { out.append(ch); continue }
            // `<` would open raw HTML or an autolink, `[`/`]` a link or an image (`![`): a name or
            // address in a .md letter became live markup in any viewer (found by an attack).
            if "\\*_`<[]".contains(ch) { out.append("\\") }
            else if atLineStart && "#-+>=|".contains(ch) { out.append("\\") }
            else if leadingDigits && (ch == "." || ch == ")") { out.append("\\") }
            leadingDigits = ch.isASCII && ch.isNumber && (atLineStart || leadingDigits)
            out.append(ch)
            atLineStart = false
        }
        return out
    }
}
