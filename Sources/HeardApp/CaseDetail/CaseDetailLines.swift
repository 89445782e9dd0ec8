import HeardCore
import TerminalUI

/// Lays out a case's record (`CaseRecord`, the description `heard show` prints too) for the
/// detail view at a width.
enum CaseDetailLines {
    static func build(_ d: CaseDetailData, width: Int, today: LocalDate, glyphs: Glyphs) -> [DetailLine] {
        let record = d.record
        let mark = StatusGlyphs.glyph(for: record.statusKey, unicode: glyphs.unicode)
        var out: [DetailLine] = []
        for line in record.lines(statusMark: mark) {
            switch line {
            case .section(let title): out.append(.section(title))
            case .blank: out.append(.blank)
            case .field(let name, let value, let tone, let long):
                let role = Role(tone.name)
                let lines = long ? wrap(value, width: max(10, width - 24)) : [value]
                for (i, l) in lines.enumerated() {
                    let text = l.isEmpty && i == 0 ? "—" : l
                    out.append(DetailLine(spans: [(pad(i == 0 ? name : "", toWidth: 22, unicode: glyphs.unicode), .dim), (text, role)]))
                }
                if lines.isEmpty { out.append(DetailLine(spans: [(pad(name, toWidth: 22, unicode: glyphs.unicode), .dim), ("—", role)])) }
            case .spans(let spans, let indent):
                var parts: [(String, Role)] = spans.map { ($0.text, Role($0.tone.name)) }
                if let first = parts.first { parts[0] = (String(repeating: " ", count: indent) + first.0, first.1) }
                out.append(DetailLine(spans: parts))
            case .paragraph(let text, let indent, let tone):
                let pad = String(repeating: " ", count: indent)
                for l in wrap(text, width: max(10, width - indent - 1)) { out.append(.text(pad + l, Role(tone.name))) }
            case .entry(let date, let text):
                // Continuation lines start under the text, past the date.
                for (i, l) in wrap("\(date)  \(text)", width: max(10, width - 4)).enumerated() {
                    out.append(.text((i == 0 ? "  " : "              ") + l))
                }
            }
        }

        return out
    }

    static func statusText(_ k: CaseClock, glyphs: Glyphs) -> String {
        "\(StatusGlyphs.glyph(for: k.statusKey, unicode: glyphs.unicode)) \(k.statusWords)"
    }

    static func statusRole(_ k: CaseClock) -> Role { Role("status." + k.statusKey) }

    /// Splits text into lines of at most `width` display cells, at spaces where it can.
    static func wrap(_ text: String, width: Int) -> [String] {
        var out: [String] = []
        for para in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var w = 0
            for word in para.split(separator: " ", omittingEmptySubsequences: false) {
                let ww = displayWidth(String(word))
                if w > 0 && w + 1 + ww > width { out.append(line); line = ""; w = 0 }
                if ww > width {
                    var chunk = ""
                    var cw = 0
                    for ch in word {
                        let chw = displayWidth(ch)
                        if cw + chw > width { out.append(chunk); chunk = ""; cw = 0 }
                        chunk.append(ch); cw += chw
                    }
                    line = chunk; w = cw
                    continue
                }
                if w > 0 { line += " "; w += 1 }
                line += word; w += ww
            }
            out.append(line)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out
    }
}

extension Role {
    static let statusOverdue = Role("status.overdue")
    static let statusDueSoon = Role("status.due-soon")
    static let statusPaused = Role("status.paused")
    static let statusExtended = Role("status.extended")
    static let statusOk = Role("status.ok")
    static let statusClosed = Role("status.closed")
}
