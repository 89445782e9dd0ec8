import HeardCore
import TerminalUI

/// Draws the action plan: groups headed by owner or service area, urgent first.
enum ActionPlanRender {
    static func title(_ a: ActionPlanState, today: LocalDate) -> TitleLine {
        let n = a.items.filter { $0.status.isOutstanding }.count
        let overdue = a.items.filter { $0.isOverdue(today: today) }.count
        return TitleLine(left: "Heard · Action plan", chips: [a.grouping == .owner ? "by owner" : "by service area"] + (a.showAll ? ["all"] : []),
                         right: "\(n) outstanding · \(overdue) overdue")
    }

    static func render(_ a: ActionPlanState, _ s: ScreenContext, into f: inout Frame, rect: Rect) {
        guard a.loaded else { f.put(" Loading…", x: 0, y: rect.y + 1, role: .dim); return }
        let rows = a.rows(today: s.today)
        if rows.isEmpty {
            f.put(" No outstanding actions. a adds one; h shows done and dropped ones.", x: 0, y: rect.y + 1, role: .dim, maxWidth: rect.width)
            return
        }
        let actionIdx = a.actionRowIndices(rows)
        let selectedRow = actionIdx.indices.contains(a.selection) ? actionIdx[a.selection] : -1
        // Scroll so the selected row (and its heading when possible) is visible.
        let h = rect.height
        var start = 0
        if selectedRow >= h { start = selectedRow - h + 1 }
        let dueW = 12, statusW = 12
        for (i, row) in rows.enumerated().dropFirst(start) {
            let y = rect.y + i - start
            if y >= rect.maxY { break }
            switch row {
            case .group(let name, let count, let overdue):
                f.fill(Rect(x: 0, y: y, width: rect.width, height: 1), role: .header)
                let tail = overdue > 0 ? " · \(overdue) overdue" : ""
                f.put(truncate(" \(name) (\(count))\(tail)", toWidth: rect.width, unicode: s.unicode), x: 0, y: y, role: .header)
            case .action(let item):
                let selected = i == selectedRow
                let role: Role = selected ? .selection : .default
                f.fill(Rect(x: 0, y: y, width: rect.width, height: 1), role: role)
                let (glyph, statusRole, label) = status(item, s)
                let due = item.due.map(s.dateStyle.text) ?? "when due"
                var x = 1
                x += f.put(pad(due, toWidth: dueW, unicode: s.unicode), x: x, y: y, role: selected ? .selection : statusRole)
                x += f.put(pad(glyph + " " + label, toWidth: statusW, unicode: s.unicode), x: x, y: y, role: selected ? .selection : statusRole)
                let other = a.grouping == .owner ? item.serviceArea : item.owner
                let src = item.source?.label ?? ""
                let tags = item.tags.map { "#" + $0 }.joined(separator: " ")
                let rest = item.title + (other.isEmpty ? "" : "  · " + other) + (src.isEmpty ? "" : "  · " + src) + (tags.isEmpty ? "" : "  " + tags)
                f.put(truncate(rest, toWidth: max(0, rect.width - x - 1), unicode: s.unicode), x: x, y: y, role: role, maxWidth: max(0, rect.width - x - 1))
            }
        }
        if let id = a.confirmingComplete, let item = a.items.first(where: { $0.id == id }) {
            _ = Dialog(title: "Complete", lines: ["Mark as done today:", item.title], buttons: [Hint(key: "y", label: "complete"), Hint(key: "any other key", label: "cancel")], glyphs: s.glyphs)
                .render(into: &f, area: rect)
        }
    }

    static func status(_ a: ActionItem, _ s: ScreenContext) -> (String, Role, String) {
        func g(_ k: String) -> String { StatusGlyphs.glyph(for: k, unicode: s.unicode) }
        switch a.status {
        case .done: return (g("closed"), .statusClosed, "done")
        case .dropped: return (g("withdrawn"), .statusClosed, "dropped")
        default: break
        }
        guard let d = a.due else { return (g("paused"), .statusPaused, "undated") }
        if d < s.today { return (g("overdue"), .statusOverdue, "overdue") }
        if s.calendar.workingDays(after: s.today, through: d) <= 10 { return (g("due-soon"), .statusDueSoon, a.status == .inProgress ? "in progress" : "due soon") }
        return (g("ok"), .default, a.status.label)
    }
}
