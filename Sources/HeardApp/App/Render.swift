import HeardCore
import HeardStore
import TerminalUI

/// Draws the whole screen for a state: a title line, the screen, a status line and key hints.
public enum Render {
    public static func frame(_ s: AppState) -> Frame {
        var f = Frame(size: s.size)
        guard s.size.width > 0, s.size.height > 0 else { return f }
        if s.isTooSmall { tooSmall(s, &f); return f }
        let body = Rect(x: 0, y: 1, width: s.size.width, height: s.size.height - 3)
        switch s.stack.last {
        case .detail(let d)?:
            title(s, &f, left: "Heard · " + (d.data?.contact.reference ?? "case"), chips: [], right: "")
            CaseDetailRender.render(d, s, into: &f, rect: body)
        case .form(let fs)?:
            title(s, &f, left: "Heard · " + fs.form.title, chips: [], right: "")
            FormRender.render(fs.form, into: &f, rect: body, glyphs: s.glyphs)
            if fs.confirming != nil {
                _ = Dialog(title: "Confirm", lines: [fs.confirmText], buttons: [Hint(key: "y", label: "confirm"), Hint(key: "any other key", label: "cancel")], glyphs: s.glyphs)
                    .render(into: &f, area: body)
            }
        case .workflow(let w)?:
            title(s, &f, left: "Heard · Workflow · " + (w.data?.contact.reference ?? ""), chips: [], right: "")
            WorkflowRender.render(w, s, into: &f, rect: body)
        case .findings(let fs)?:
            title(s, &f, left: "Heard · Findings · " + (fs.data?.contact.reference ?? ""), chips: [], right: "")
            WorkflowRender.renderFindings(fs, s, into: &f, rect: body)
        case .actionPlan(let a)?:
            let n = a.items.filter { $0.status.isOutstanding }.count
            let overdue = a.items.filter { $0.isOverdue(today: s.today) }.count
            title(s, &f, left: "Heard · Action plan", chips: [a.grouping == .owner ? "by owner" : "by service area"] + (a.showAll ? ["all"] : []),
                  right: "\(n) outstanding · \(overdue) overdue")
            ActionPlanRender.render(a, s, into: &f, rect: body)
        case .report(let r)?:
            title(s, &f, left: "Heard · Report", chips: [r.period.label] + (r.publicView ? ["public"] : []), right: "")
            ReportRender.render(r, s, into: &f, rect: body)
        case .figureCases(let fc)?:
            title(s, &f, left: "Heard · Cases behind a figure", chips: [], right: "")
            FigureCasesRender.render(fc, s, into: &f, rect: body)
        case nil:
            let l = s.list
            let counts = l.loaded ? "\(group(l.shown.count)) of \(group(l.rows.count))" + (l.marked.isEmpty ? "" : " · \(group(l.marked.count)) marked") : ""
            var chips = l.filters.chips
            if !l.query.isEmpty && l.queryInput == nil { chips.append("/" + l.query) }
            title(s, &f, left: "Heard · Cases", chips: chips, right: counts)
            CaseListRender.render(s, into: &f, rect: body)
        }
        statusLine(s, &f, y: s.size.height - 2)
        HintBar(hints(s), glyphs: s.glyphs).render(into: &f, rect: Rect(x: 0, y: s.size.height - 1, width: s.size.width, height: 1))
        switch s.overlay {
        case .help(let offset)?:
            HelpUpdate.overlay(s.stack.last?.keys ?? CaseListUpdate.keys, s.keymap, offset: offset, glyphs: s.glyphs)
                .render(into: &f, area: Rect(x: 0, y: 0, width: s.size.width, height: s.size.height - 1))
        case .filters(let panel)?:
            panel.render(into: &f, area: body, glyphs: s.glyphs)
        case .command(let input, let problem)?:
            let y = s.size.height - 2
            f.fill(Rect(x: 0, y: y, width: s.size.width, height: 1), role: .input)
            let x = f.put(":", x: 0, y: y, role: .input)
            _ = TextInputView.render(input, into: &f, rect: Rect(x: x, y: y, width: s.size.width - x, height: 1))
            if let problem { f.put(truncate(problem, toWidth: s.size.width, unicode: s.unicode), x: 0, y: y - 1, role: .messageError, maxWidth: s.size.width) }
        case nil:
            break
        }
        if let d = s.dialog {
            _ = Dialog(title: d.title, lines: d.lines, buttons: d.choices.map { Hint(key: String($0.key), label: $0.label) } + [Hint(key: "esc", label: d.choices.isEmpty ? "close" : "cancel")], glyphs: s.glyphs)
                .render(into: &f, area: Rect(x: 0, y: 0, width: s.size.width, height: s.size.height))
        }
        return f
    }

    /// 1234567 as "1,234,567".
    static func group(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, ch) in s.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    static func title(_ s: AppState, _ f: inout Frame, left: String, chips: [String], right: String) {
        let w = s.size.width
        f.fill(Rect(x: 0, y: 0, width: w, height: 1), role: .title)
        var r = right
        if s.readOnly { r += (r.isEmpty ? "" : " · ") + "read-only" }
        r += (r.isEmpty ? "" : " · ") + s.today.iso
        let rw = displayWidth(r)
        var x = f.put(" " + left, x: 0, y: 0, role: .title, maxWidth: max(0, w - rw - 2))
        for c in chips {
            let room = w - rw - 2 - x
            if room < 4 { break }
            x += f.put("  [" + c + "]", x: x, y: 0, role: .title, maxWidth: room)
        }
        if rw + 1 < w { f.put(r, x: w - rw - 1, y: 0, role: .title) }
    }

    static func statusLine(_ s: AppState, _ f: inout Frame, y: Int) {
        let w = s.size.width
        f.fill(Rect(x: 0, y: y, width: w, height: 1), role: .default)
        if s.stack.isEmpty, let input = s.list.queryInput {
            let x = f.put("/", x: 0, y: y, role: .input)
            _ = TextInputView.render(input, into: &f, rect: Rect(x: x, y: y, width: w - x, height: 1))
            return
        }
        if let m = s.message { m.render(into: &f, rect: Rect(x: 0, y: y, width: w, height: 1), glyphs: s.glyphs); return }
        if s.stack.isEmpty, let row = s.list.selectedRow, !row.summary.isEmpty {
            f.put(truncate(" " + row.summary.replacingOccurrences(of: "\n", with: " "), toWidth: w, unicode: s.unicode), x: 0, y: y, role: .dim, maxWidth: w)
        }
    }

    static func hints(_ s: AppState) -> [Hint] {
        if let d = s.dialog { return d.choices.map { Hint(key: String($0.key), label: $0.label) } + [Hint(key: "esc", label: "cancel")] }
        if case .command? = s.overlay {
            return [Hint(key: "enter", label: "run"), Hint(key: "tab", label: "complete"), Hint(key: "esc", label: "cancel"),
                    Hint(key: ":help", label: "the commands")]
        }
        if case .filters? = s.overlay {
            return [Hint(key: "↑↓", label: "choose"), Hint(key: "←→", label: "change"), Hint(key: "enter", label: "apply"), Hint(key: "esc", label: "cancel")]
        }
        if s.stack.isEmpty && s.list.queryInput != nil {
            return [Hint(key: "enter", label: "keep filter"), Hint(key: "esc", label: "clear"), Hint(key: "↑↓", label: "move")]
        }
        switch s.stack.last {
        case .form(let fs)?:
            if fs.confirming != nil { return [Hint(key: "y", label: "confirm"), Hint(key: "other", label: "cancel")] }
            var hs = [Hint(key: "tab", label: "next (takes the suggestion)"), Hint(key: "S-tab", label: "previous"), Hint(key: "enter", label: "save"), Hint(key: "esc", label: "cancel")]
            if let fld = fs.form.focused, fld.kind == .longText { hs.append(Hint(key: "ctrl-e", label: "editor")) }
            return hs
        case let screen?:
            return screen.keys?.hintBar(s.keymap) ?? []
        case nil:
            return CaseListUpdate.hintBar(s.keymap)
        }
    }

    static func tooSmall(_ s: AppState, _ f: inout Frame) {
        let lines = ["Terminal too small", "\(s.size.width)x\(s.size.height): Heard needs", "at least \(AppState.minimumSize.width)x\(AppState.minimumSize.height).",
                     s.canQuitWhenTooSmall ? "q quits" : "Enlarge it to go on."]
        let top = max(0, (s.size.height - lines.count) / 2)
        for (i, l) in lines.enumerated() where top + i < s.size.height {
            let t = truncate(l, toWidth: s.size.width, unicode: s.unicode)
            let x = max(0, (s.size.width - displayWidth(t)) / 2)
            f.put(t, x: x, y: top + i, role: i == 0 ? .messageError : .default, maxWidth: s.size.width - x)
        }
    }
}
