import HeardCore
import TerminalUI

/// Draws the case detail: its lines from the scroll position.
enum CaseDetailRender {
    /// The case's reference; while it is read (or could not be), the one the list shows for it
    /// (`listed`): "Heard · case" named none (found by an attack).
    static func title(_ d: CaseDetailState, listed: String? = nil) -> TitleLine {
        TitleLine(left: "Heard · " + (d.data?.contact.reference ?? listed ?? "case"))
    }

    static func render(_ d: CaseDetailState, _ s: ScreenContext, into f: inout Frame, rect: Rect) {
        guard let data = d.data else {
            Render.loading(s, into: &f, rect: rect)
            return
        }
        let lines = CaseDetailLines.forScreen(CaseDetailLines.build(data, width: rect.width, today: s.today, glyphs: s.glyphs), data, style: s.dateStyle, width: rect.width)
        let start = min(d.scroll, max(0, lines.count - rect.height))
        // Where the lines go past the screen, how far down it is, on the last row: that row's
        // text stops before it (it was written over the end of the text: a trial).
        var tag = ""
        if lines.count > rect.height, rect.height > 0 {
            tag = " \(min(100, (start + rect.height) * 100 / lines.count))% "
        }
        for (i, line) in lines.dropFirst(start).prefix(rect.height).enumerated() {
            let y = rect.y + i
            let end = rect.maxX - (i == rect.height - 1 ? displayWidth(tag) : 0)
            var x = rect.x + 1
            if line.isSection { f.fill(Rect(x: 0, y: y, width: rect.width, height: 1), role: .header) }
            for (text, role) in line.spans {
                let room = end - x
                if room <= 0 { break }
                x += f.put(truncate(sanitizeForDisplay(text), toWidth: room, unicode: s.unicode), x: x, y: y, role: line.isSection ? .header : role, maxWidth: room)
            }
        }
        if !tag.isEmpty { f.put(tag, x: rect.maxX - displayWidth(tag), y: rect.maxY - 1, role: .dim) }
    }
}
