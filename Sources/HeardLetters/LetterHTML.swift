/// A letter as a print-friendly HTML page: A4 margins, a serif body, nothing but the letter.
/// Every piece of text is escaped, so data can never become markup or script.
enum LetterHTML {
    static func page(_ blocks: [MarkdownBlock], title: String) -> String {
        let body = self.body(blocks)
        return """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <title>\(escape(title))</title>
            <style>
            @page { size: A4; margin: 20mm 20mm 25mm 20mm; }
            body { font-family: Georgia, "Times New Roman", serif; font-size: 11.5pt; line-height: 1.45; color: #000; background: #fff; max-width: 170mm; margin: 2em auto; padding: 0 1em; }
            h1 { font-size: 15pt; margin: 0 0 0.2em; }
            h2 { font-size: 13pt; margin: 1.2em 0 0.4em; }
            h3, h4 { font-size: 11.5pt; margin: 1em 0 0.3em; }
            p { margin: 0 0 0.8em; }
            ul, ol { margin: 0 0 0.8em; padding-left: 1.6em; }
            li { margin-bottom: 0.4em; }
            hr { border: 0; border-top: 1px solid #888; margin: 1em 0; }
            @media print { body { margin: 0; padding: 0; max-width: none; } }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// The letter's blocks as HTML elements, every piece of text escaped (no page around them).
    static func body(_ blocks: [MarkdownBlock]) -> String {
        var body = ""
        for b in blocks {
            switch b {
            case .heading(let level, let spans):
                let l = min(max(level, 1), 4)
                body += "<h\(l)>\(inline(spans))</h\(l)>\n"
            case .paragraph(let lines):
                body += "<p>" + lines.map(inline).joined(separator: "<br>\n") + "</p>\n"
            case .bullets(let items):
                body += "<ul>\n" + items.map { "<li>" + $0.map(inline).joined(separator: "<br>\n") + "</li>\n" }.joined() + "</ul>\n"
            case .numbered(let items):
                body += "<ol>\n" + items.map { "<li>" + $0.map(inline).joined(separator: "<br>\n") + "</li>\n" }.joined() + "</ol>\n"
            case .rule:
                body += "<hr>\n"
            }
        }
        return body
    }

    static func inline(_ spans: [InlineSpan]) -> String {
        spans.map { s in
            var t = escape(s.text)
            if s.italic { t = "<em>" + t + "</em>" }
            if s.bold { t = "<strong>" + t + "</strong>" }
            return t
        }.joined()
    }

    /// Text safe in HTML content and attribute values; control characters dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for u in text.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
