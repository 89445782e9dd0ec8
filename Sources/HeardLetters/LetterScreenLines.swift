/// A letter's Markdown as a terminal shows it: the same reading as the HTML and .docx writers
/// (`MarkdownReader`), so the preview shows bold as bold, a heading as a heading and `---` as a
/// line, never the raw `**`, `##` or `---`.
public struct LetterScreenLine: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case text, heading, rule, blank
    }
    public var kind: Kind
    /// The line's runs of text, each bold or not (empty for a rule or a blank).
    public var spans: [LetterScreenSpan]
    public var text: String { spans.map(\.text).joined() }
}

/// A run of a screen line's text.
public struct LetterScreenSpan: Equatable, Sendable {
    public var text: String
    public var bold: Bool
}

public enum LetterScreen {
    /// The letter's lines wrapped at `width` characters: a blank line between blocks, list
    /// items with their bullet or number and a hanging indent.
    public static func lines(_ markdown: String, width: Int) -> [LetterScreenLine] {
        let width = max(10, width)
        var out: [LetterScreenLine] = []
        for block in MarkdownReader.blocks(markdown) {
            if !out.isEmpty { out.append(LetterScreenLine(kind: .blank, spans: [])) }
            switch block {
            case .heading(_, let spans):
                out += wrap(spans, width: width, first: "", rest: "").map { LetterScreenLine(kind: .heading, spans: $0) }
            case .paragraph(let lines):
                for line in lines { out += wrap(line, width: width, first: "", rest: "").map { LetterScreenLine(kind: .text, spans: $0) } }
            case .bullets(let items):
                for item in items { out += itemLines(item, width: width, marker: "- ") }
            case .numbered(let items):
                for (i, item) in items.enumerated() { out += itemLines(item, width: width, marker: "\(i + 1). ") }
            case .rule:
                out.append(LetterScreenLine(kind: .rule, spans: []))
            }
        }
        return out
    }

    static func itemLines(_ item: [[InlineSpan]], width: Int, marker: String) -> [LetterScreenLine] {
        let indent = String(repeating: " ", count: marker.count)
        var out: [LetterScreenLine] = []
        for (k, line) in item.enumerated() {
            out += wrap(line, width: width, first: k == 0 ? marker : indent, rest: indent).map { LetterScreenLine(kind: .text, spans: $0) }
        }
        return out
    }

    /// Greedy word wrap keeping each character's weight; a word longer than the line is cut.
    static func wrap(_ spans: [InlineSpan], width: Int, first: String, rest: String) -> [[LetterScreenSpan]] {
        typealias Cell = (ch: Character, bold: Bool)
        var words: [[Cell]] = []
        var current: [Cell] = []
        for s in spans {
            for ch in s.text {
                if ch == " " {
                    if !current.isEmpty { words.append(current); current = [] }
                } else {
                    current.append((ch, s.bold))
                }
            }
        }
        if !current.isEmpty { words.append(current) }
        var lines: [[Cell]] = []
        var line: [Cell] = first.map { ($0, false) }
        var lineHasWord = false
        func newLine() {
            lines.append(line)
            line = rest.map { ($0, false) }
            lineHasWord = false
        }
        for var word in words {
            let space = lineHasWord ? 1 : 0
            if lineHasWord && line.count + space + word.count > width { newLine() }
            if lineHasWord { line.append((" ", word.first?.bold == true && line.last?.bold == true)) }
            while line.count + word.count > width, width - line.count > 0 {
                let room = width - line.count
                line += word.prefix(room)
                word.removeFirst(room)
                newLine()
            }
            line += word
            lineHasWord = true
        }
        lines.append(line)
        return lines.map { cells in
            var out: [LetterScreenSpan] = []
            for c in cells {
                if let last = out.last, last.bold == c.bold { out[out.count - 1].text.append(c.ch) } else { out.append(LetterScreenSpan(text: String(c.ch), bold: c.bold)) }
            }
            return out
        }
    }
}
