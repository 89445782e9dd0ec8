import HeardCore
import TerminalUI

/// Draws the action plan: groups headed by owner or service area, urgent first.
enum ActionPlanRender {
    static func title(_ a: ActionPlanState, today: LocalDate) -> TitleLine {
        let n = a.items.filter { $0.status.isOutstanding }.count
        let overdue = a.items.filter { $0.isOverdue(today: today) }.count
        if let only = a.only {
            // The figure counts them all; h (done and dropped hidden) or / may show fewer, and
            // the title says so, or it counts rows that are not there.
            let total = only.ids.count
            let shown = a.shownCount(today: today)
            return TitleLine(left: "Heard · Actions behind a figure", chips: [only.figure, a.grouping == .owner ? "by owner" : "by service area"],
                             right: "\(total) action\(total == 1 ? "" : "s")" + (shown == total ? "" : ", \(shown) shown"))
        }
        return TitleLine(left: "Heard · Action plan", chips: [a.grouping == .owner ? "by owner" : "by service area"] + (a.showAll ? ["all"] : []),
                         // Nothing counted before the actions are read ("0 outstanding" while unread).
                         right: a.loaded ? "\(n) outstanding · \(overdue) overdue" : "")
    }

    static func render(_ a: ActionPlanState, _ s: ScreenContext, into f: inout Frame, rect whole: Rect) {
        guard a.loaded else { Render.loading(s, into: &f, rect: whole); return }
        var rect = whole
        if a.queryInput != nil || !a.query.isEmpty {
            // The `/` filter, as on the case list: typed here, kept after Enter.
            f.put(" /", x: 0, y: rect.y, role: .header)
            let field = Rect(x: 3, y: rect.y, width: max(4, min(50, rect.width - 4)), height: 1)
            if let input = a.queryInput {
                TextInputView.render(input, into: &f, rect: field)
            } else {
                f.put(truncate(a.query + "   (/ changes it, / then Esc clears)", toWidth: rect.width - 3, unicode: s.unicode), x: 3, y: rect.y, role: .dim)
            }
            rect = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        }
        let rows = a.rows(today: s.today)
        if rows.isEmpty {
            let text = a.activeQuery.isEmpty ? " No outstanding actions. a adds one; h shows done and dropped ones."
                : " No action matches '\(a.activeQuery)'. Esc clears the filter\(a.showAll ? "" : "; h shows done and dropped ones too")."
            f.put(text, x: 0, y: rect.y + 1, role: .dim, maxWidth: rect.width)
            return
        }
        let actionIdx = a.actionRowIndices(rows)
        let selectedRow = actionIdx.indices.contains(a.selection) ? actionIdx[a.selection] : -1
        // The selected action's progress notes show under it, newest last.
        let notes = noteLines(a.selectedAction(today: s.today), s, max: max(0, min(5, rect.height - 3)))
        // One list of lines: the rows, and the notes under the selected one.
        var lines: [(row: Int?, note: String?)] = []
        var selectedLine = -1
        for i in rows.indices {
            if i == selectedRow { selectedLine = lines.count }
            lines.append((i, nil))
            if i == selectedRow { lines += notes.map { (nil, $0) } }
        }
        // Scroll so the selected row and its notes are visible.
        let h = rect.height
        var start = 0
        if selectedLine >= 0, selectedLine + notes.count >= h { start = selectedLine + notes.count - h + 1 }
        for (k, line) in lines.enumerated().dropFirst(start) {
            let y = rect.y + k - start
            if y >= rect.maxY { break }
            if let note = line.note {
                f.put(truncate(note, toWidth: rect.width - 1, unicode: s.unicode), x: 1, y: y, role: .dim, maxWidth: rect.width - 1)
            } else if let i = line.row {
                drawRow(rows[i], y: y, selected: i == selectedRow, a, s, into: &f, rect: rect)
            }
        }
        if let id = a.confirmingComplete, let item = a.items.first(where: { $0.id == id }) {
            _ = Dialog(title: "Complete", lines: ["Mark as done today:", item.title], buttons: [Hint(key: "y", label: "complete"), Hint(key: "any other key", label: "cancel")], glyphs: s.glyphs)
                .render(into: &f, area: rect)
        }
    }

    /// The lines under the selected action: its notes, the latest `max` of them, newest last.
    static func noteLines(_ item: ActionItem?, _ s: ScreenContext, max: Int) -> [String] {
        guard let item, !item.notes.isEmpty, max > 0 else { return [] }
        let shown = item.notes.suffix(max)
        var lines: [String] = []
        if item.notes.count > shown.count { lines.append("             \(item.notes.count - shown.count) earlier note\(item.notes.count - shown.count == 1 ? "" : "s")") }
        for n in shown {
            lines.append("             \(s.dateStyle.text(n.date))  " + n.text.replacingOccurrences(of: "\n", with: " ⏎ "))
        }
        return lines
    }

    /// One row: a group heading or an action.
    static func drawRow(_ row: ActionPlanState.Row, y: Int, selected: Bool, _ a: ActionPlanState, _ s: ScreenContext,
                        into f: inout Frame, rect: Rect) {
        // The longest status ("◷ in progress", 13 cells) and a gap: at 12 it ran into the title
        // ("in progre…Draft").
        let dueW = 12, statusW = 15
        switch row {
        case .group(let name, let count, let overdue):
            f.fill(Rect(x: 0, y: y, width: rect.width, height: 1), role: .header)
            let tail = overdue > 0 ? " · \(overdue) overdue" : ""
            f.put(truncate(" \(name) (\(count))\(tail)", toWidth: rect.width, unicode: s.unicode), x: 0, y: y, role: .header)
        case .action(let item):
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
            let noted = item.notes.isEmpty || selected ? "" : "  · \(item.notes.count) note\(item.notes.count == 1 ? "" : "s")"
            let rest = item.title + (other.isEmpty ? "" : "  · " + other) + (src.isEmpty ? "" : "  · " + src) + (tags.isEmpty ? "" : "  " + tags) + noted
            f.put(truncate(rest, toWidth: max(0, rect.width - x - 1), unicode: s.unicode), x: x, y: y, role: role, maxWidth: max(0, rect.width - x - 1))
        }
    }

    static func status(_ a: ActionItem, _ s: ScreenContext) -> (String, Role, String) {
        func g(_ k: String) -> String { StatusGlyphs.glyph(for: k, unicode: s.unicode) }
        switch a.status {
        case .done: return (g("closed"), .statusClosed, "done")
        case .dropped: return (g("withdrawn"), .statusClosed, "dropped")
        default: break
        }
        // Not the paused glyph (‖ means "the clock is stopped" in the ? legend): a dash, in no
        // legend, beside its word.
        guard let d = a.due else { return (s.unicode ? "–" : "-", .default, "undated") }
        if d < s.today { return (g("overdue"), .statusOverdue, "overdue") }
        if s.calendar.workingDays(after: s.today, through: d) <= 10 { return (g("due-soon"), .statusDueSoon, a.status == .inProgress ? "in progress" : "due soon") }
        return (g("ok"), .default, a.status.label)
    }
}
