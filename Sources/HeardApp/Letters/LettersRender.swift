import HeardCore
import HeardLetters
import TerminalUI

/// Draws the letters screen: what the stage needs and every template, or one letter's text.
enum LettersRender {
    static func title(_ l: LettersState) -> TitleLine {
        let ref = l.data?.contact.reference ?? "case"
        if let p = l.preview {
            return TitleLine(left: "Heard · Letter · \(ref)", chips: [LetterCatalogue.title(p.template)] + (p.edited ? ["edited"] : []))
        }
        let due = l.choices.filter { $0.need?.isOutstanding == true }.count
        return TitleLine(left: "Heard · Letters · \(ref)", right: due == 0 ? "nothing to send" : "\(due) to send")
    }

    static func render(_ l: LettersState, _ s: ScreenContext, into f: inout Frame, rect: Rect) {
        if let p = l.preview { renderPreview(p, s, into: &f, rect: rect); return }
        guard l.loaded, l.data != nil else { Render.loading(s, into: &f, rect: rect); return }
        var rows: [(text: String, role: Role, index: Int?)] = []
        let needs = l.needCount
        rows.append((" What stage \(l.data?.clock.current?.number ?? 1) needs", .header, nil))
        if needs == 0 { rows.append(("   No letter is due for this stage.", .dim, nil)) }
        let sentMark = s.unicode ? "✓" : "+", dueMark = s.unicode ? "○" : "o"
        // The names' column fits the longest (a council's may be long), within reason.
        let nameW = min(32, (l.choices.map { displayWidth($0.template) }.max() ?? 10) + 2)
        for (i, c) in l.choices.enumerated() {
            if i == needs { rows.append((" Every template (Enter shows it written for this case)", .header, nil)) }
            if let n = c.need {
                let state = n.sent.map { "\(sentMark) sent \(s.dateStyle.text($0.sent))" } ?? "\(dueMark) due \(n.due.map(s.dateStyle.text) ?? "now")"
                let late = n.sent == nil && (n.due.map { $0 < s.today } ?? false)
                rows.append(("   " + pad(state, toWidth: 19, unicode: s.unicode) + c.title + (n.stage.map { " · stage \($0)" } ?? "") + " · " + n.why,
                             late ? .statusOverdue : n.sent == nil ? .statusDueSoon : .statusClosed, i))
            } else {
                rows.append(("   " + pad(c.template, toWidth: nameW, unicode: s.unicode) + c.title + (c.council ? " · council's own" : "")
                             + (c.refusal != nil ? " · does not fit this case" : ""), c.refusal != nil ? .dim : .default, i))
            }
        }
        for p in l.problems { rows.append((" " + p, .messageError, nil)) }
        let selRow = rows.firstIndex { $0.index == l.selection } ?? 0
        let h = rect.height
        let start = max(0, selRow - h + 2)
        for (k, r) in rows.enumerated().dropFirst(start).prefix(h) {
            let y = rect.y + k - start
            let selected = r.index == l.selection && r.index != nil
            let role: Role = selected ? .selection : r.role
            if selected || r.role == .header { f.fill(Rect(x: 0, y: y, width: rect.width, height: 1), role: role) }
            f.put(truncate(r.text, toWidth: rect.width, unicode: s.unicode), x: 0, y: y, role: role, maxWidth: rect.width)
        }
        if l.rendering != nil { f.put(" Writing the letter…", x: 0, y: rect.maxY - 1, role: .dim) }
    }

    static func renderPreview(_ p: LetterPreview, _ s: ScreenContext, into f: inout Frame, rect: Rect) {
        // The letter as it will read (bold, headings, rules), by the letters library's own reading.
        let lines = LetterScreen.lines(p.markdown, width: LettersUpdate.previewWidth(rect.width))
        let start = min(p.scroll, max(0, lines.count - rect.height))
        let width = rect.width - 2
        for (i, line) in lines.dropFirst(start).prefix(rect.height).enumerated() {
            let y = rect.y + i
            switch line.kind {
            case .blank:
                continue
            case .rule:
                f.put(String(repeating: s.unicode ? "─" : "-", count: max(0, min(width, LettersUpdate.previewWidth(rect.width)))), x: 2, y: y, role: .dim, maxWidth: width)
            case .heading, .text:
                var x = 2
                for span in line.spans {
                    let text = sanitizeForDisplay(span.text)
                    let room = rect.width - x
                    guard room > 0 else { break }
                    let shown = truncate(text, toWidth: room, unicode: s.unicode)
                    f.put(shown, x: x, y: y, role: line.kind == .heading || span.bold ? .title : .default, maxWidth: room)
                    x += displayWidth(shown)
                }
            }
        }
        if lines.count > rect.height, rect.height > 0 {
            let tag = " \(min(100, (start + rect.height) * 100 / max(1, lines.count)))% "
            f.put(tag, x: rect.maxX - displayWidth(tag), y: rect.maxY - 1, role: .dim)
        }
    }
}
