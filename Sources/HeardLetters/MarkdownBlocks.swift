import Foundation
import HeardCore

/// The Markdown a letter is written in, read into blocks for the HTML and .docx writers: `#`
/// headings, paragraphs (each line break in the text is a line break in the letter, as in an
/// address), `-`/`*` bullet and `1.` numbered lists (a following line that is not an item
/// continues the item), `---` rules, `**bold**`, `*italic*`/`_italic_`, and `\*` for a literal
/// character. Nothing else is markup: no raw HTML, links or images, so a letter's text can only
/// ever be text.
enum MarkdownBlock: Equatable {
    case heading(level: Int, [InlineSpan])
    /// Lines of one paragraph.
    case paragraph([[InlineSpan]])
    /// Items, each of one or more lines.
    case bullets([[[InlineSpan]]])
    case numbered([[[InlineSpan]]])
    case rule
}

/// A run of text with its emphasis.
struct InlineSpan: Equatable {
    var text: String
    var bold = false
    var italic = false
}

enum MarkdownReader {
    static func blocks(_ markdown: String) -> [MarkdownBlock] {
        var out: [MarkdownBlock] = []
        var paragraph: [String] = []
        var items: [[String]] = []
        var numbered = false
        func flush() {
            if !paragraph.isEmpty { out.append(.paragraph(paragraph.map(inline))); paragraph = [] }
            if !items.isEmpty {
                let spans = items.map { $0.map(inline) }
                out.append(numbered ? .numbered(spans) : .bullets(spans))
                items = []
            }
        }
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw).replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\t", with: "    ")
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty { flush(); continue }
            if let (level, text) = heading(trimmed) { flush(); out.append(.heading(level: level, inline(text))); continue }
            if isRule(trimmed) { flush(); out.append(.rule); continue }
            if let (isNumbered, text) = item(trimmed) {
                if !paragraph.isEmpty || (!items.isEmpty && numbered != isNumbered) { flush() }
                numbered = isNumbered
                items.append([text])
                continue
            }
            if !items.isEmpty { items[items.count - 1].append(trimmed); continue }
            paragraph.append(trimmed)
        }
        flush()
        return out
    }

    static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        return (hashes, String(rest).trimmingSpaces)
    }

    static func isRule(_ line: String) -> Bool {
        let chars = line.filter { $0 != " " }
        guard chars.count >= 3, let first = chars.first, "-*_".contains(first) else { return false }
        return chars.allSatisfy { $0 == first }
    }

    /// `- text`, `* text`, `+ text` → (false, text); `12. text`, `3) text` → (true, text).
    static func item(_ line: String) -> (Bool, String)? {
        if let f = line.first, "-*+".contains(f), line.dropFirst().first == " " {
            return (false, String(line.dropFirst(2)).trimmingSpaces)
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard (1...9).contains(digits.count) else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " else { return nil }
        return (true, String(rest.dropFirst(2)).trimmingSpaces)
    }

    /// A line's text as spans: `**` bold, `*`/`_` italic (in pairs; a lone marker is text), `\x`
    /// the character x.
    static func inline(_ line: String) -> [InlineSpan] {
        enum Token { case text(String), marker(String) }
        var tokens: [Token] = []
        var text = ""
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if c == "\\", let next = chars.first, next.isASCII, next.isPunctuation || next.isSymbol {
                text.append(next); chars = chars.dropFirst(); continue
            }
            if c == "*" || c == "_" {
                var marker = String(c)
                if chars.first == c { marker += String(c); chars = chars.dropFirst() }
                if !text.isEmpty { tokens.append(.text(text)); text = "" }
                tokens.append(.marker(marker))
                continue
            }
            text.append(c)
        }
        if !text.isEmpty { tokens.append(.text(text)) }
        // Pair markers: an opener is matched by the next equal marker; unmatched ones are text.
        var paired = Set<Int>()
        var open: [String: Int] = [:]
        for (i, t) in tokens.enumerated() {
            guard case .marker(let m) = t else { continue }
            if let o = open[m] { paired.insert(o); paired.insert(i); open[m] = nil } else { open[m] = i }
        }
        var spans: [InlineSpan] = []
        var bold = false, italic = false
        func append(_ s: String) {
            if let last = spans.last, last.bold == bold, last.italic == italic { spans[spans.count - 1].text += s }
            else { spans.append(InlineSpan(text: s, bold: bold, italic: italic)) }
        }
        for (i, t) in tokens.enumerated() {
            switch t {
            case .text(let s): append(s)
            case .marker(let m) where paired.contains(i):
                if m.count == 2 { bold.toggle() } else { italic.toggle() }
            case .marker(let m): append(m)
            }
        }
        return spans
    }
}
