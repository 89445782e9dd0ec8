import HeardCore
import TerminalUI

/// Draws "my work": section headings, then one line per deadline or action with a glyph and
/// words for how near it is (never colour alone), the reference, what is due and the service area.
enum MyWorkRender {
    static func title(_ m: MyWorkState, officer: String) -> TitleLine {
        let entries = m.work?.entries ?? []
        let overdue = entries.filter(\.isOverdue).count
        let chips = [officer] + (m.work?.within.map { ["\($0) working day\($0 == 1 ? "" : "s")"] } ?? [])
        return TitleLine(left: "Heard · My work", chips: chips, right: m.work == nil ? "" : "\(overdue) overdue · \(entries.count - overdue) due")
    }

    static func render(_ m: MyWorkState, _ s: ScreenContext, into f: inout Frame, rect: Rect) {
        guard let work = m.work else { Render.loading(s, into: &f, rect: rect); return }
        let rows = m.rows
        if rows.isEmpty {
            f.put(" " + work.nothingDueLine, x: 0, y: rect.y + 1, role: .dim, maxWidth: rect.width)
            return
        }
        let idx = m.entryRowIndices(rows)
        let selectedRow = idx.indices.contains(m.selection) ? idx[m.selection] : -1
        // Scroll so the selected row is in view (its heading too when it is the first).
        var start = 0
        if selectedRow >= rect.height { start = selectedRow - rect.height + 1 }
        let refW = max(9, rows.compactMap { if case .entry(let e) = $0 { return displayWidth(e.reference) }; return nil }.max() ?? 9)
        for (k, row) in rows.enumerated().dropFirst(start) {
            let y = rect.y + k - start
            if y >= rect.maxY { break }
            switch row {
            case .heading(let section, let count):
                f.fill(Rect(x: 0, y: y, width: rect.width, height: 1), role: .header)
                f.put(truncate(" \(section.rawValue) (\(count))", toWidth: rect.width, unicode: s.unicode), x: 0, y: y, role: .header)
            case .entry(let e):
                drawEntry(e, y: y, selected: k == selectedRow, refWidth: min(refW, 16), s, into: &f, rect: rect)
            }
        }
        if let r = m.confirmingAnswered {
            _ = Dialog(title: "Subject access request", lines: ["Mark as answered today:", "#\(r.id ?? 0) for \(sanitizeForDisplay(r.forWhom)), due \(r.dueText(s.dateStyle.text))"],
                       buttons: [Hint(key: "y", label: "answered"), Hint(key: "any other key", label: "cancel")], glyphs: s.glyphs)
                .render(into: &f, area: rect)
        }
    }

    static func drawEntry(_ e: MyWorkEntry, y: Int, selected: Bool, refWidth: Int, _ s: ScreenContext, into f: inout Frame, rect: Rect) {
        let role: Role = selected ? .selection : .default
        f.fill(Rect(x: 0, y: y, width: rect.width, height: 1), role: role)
        let (status, statusRole) = mark(e)
        let glyph = StatusGlyphs.glyph(for: status, unicode: s.unicode)
        var x = 1
        x += f.put(glyph + " ", x: x, y: y, role: selected ? .selection : statusRole)
        x += f.put(pad(e.shownDate.map(s.dateStyle.text) ?? SubjectAccessRequest.unreadableDay, toWidth: 12, unicode: s.unicode), x: x, y: y, role: role)
        // "116 days over" fills the column: a space after it all the same, so the reference that
        // follows does not run into it (that row only is one cell wider).
        let days = e.daysText
        x += f.put(days.count >= 13 ? days + " " : pad(days, toWidth: 13, unicode: s.unicode), x: x, y: y, role: selected ? .selection : statusRole)
        x += f.put(pad(truncate(e.reference, toWidth: refWidth, unicode: s.unicode), toWidth: refWidth + 2, unicode: s.unicode), x: x, y: y, role: role)
        let rest = e.what + (e.serviceArea.isEmpty ? "" : "  · " + e.serviceArea)
        let room = max(0, rect.width - x - 1)
        f.put(truncate(rest, toWidth: room, unicode: s.unicode), x: x, y: y, role: role, maxWidth: room)
    }

    /// The glyph's status name and role: overdue, paused, due soon (within five working days), or in time.
    static func mark(_ e: MyWorkEntry) -> (String, Role) {
        if e.isOverdue { return ("overdue", .statusOverdue) }
        if case .item(let i) = e.source, i.paused { return ("paused", .default) }
        if e.daysLeft <= 5 { return ("due-soon", .statusDueSoon) }
        return ("ok", .default)
    }
}
