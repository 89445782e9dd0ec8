import HeardCore
import TerminalUI

/// What a screen puts on the title line: its name, chips for its settings, a count on the right.
struct TitleLine {
    var left: String
    var chips: [String] = []
    var right: String = ""
}

/// Draws the whole screen for a state: a title line, the screen, a status line and key hints.
public enum Render {
    public static func frame(_ s: AppState) -> Frame {
        var f = Frame(size: s.size)
        guard s.size.width > 0, s.size.height > 0 else { return f }
        if s.isTooSmall { tooSmall(s, &f); return f }
        let body = Rect(x: 0, y: 1, width: s.size.width, height: s.size.height - 3)
        // What the screens may read while drawing (the case list draws from its own state).
        let ctx = s.context(withRows: false)
        // Each screen draws its own title and body; the root adds the status line and hints.
        switch s.stack.last {
        case .detail(let d)?:
            let listed = d.data != nil ? nil : s.list.rows.index(ofID: d.id).map { s.list.rows.reference($0) }
            title(s, &f, CaseDetailRender.title(d, listed: listed))
            CaseDetailRender.render(d, ctx, into: &f, rect: body)
        case .form(let fs)?:
            // The room the title line leaves beside the date (and read-only) on its right.
            let right = displayWidth(s.dateStyle.text(s.today)) + (s.readOnly ? displayWidth("read-only · ") : 0)
            title(s, &f, FormRender.title(fs, room: s.size.width - right - 3))
            FormRender.render(fs, ctx, into: &f, rect: body)
        case .workflow(let w)?:
            title(s, &f, WorkflowRender.title(w))
            WorkflowRender.render(w, ctx, into: &f, rect: body)
        case .findings(let fs)?:
            title(s, &f, FindingsRender.title(fs))
            FindingsRender.render(fs, ctx, into: &f, rect: body)
        case .actionPlan(let a)?:
            title(s, &f, ActionPlanRender.title(a, today: s.today))
            ActionPlanRender.render(a, ctx, into: &f, rect: body)
        case .report(let r)?:
            title(s, &f, ReportRender.title(r, style: s.dateStyle))
            ReportRender.render(r, ctx, into: &f, rect: body)
        case .figureCases(let fc)?:
            title(s, &f, FigureCasesRender.title(fc))
            FigureCasesRender.render(fc, ctx, into: &f, rect: body)
        case .myWork(let m)?:
            title(s, &f, MyWorkRender.title(m, officer: s.officer))
            MyWorkRender.render(m, ctx, into: &f, rect: body)
        case .documents(let d)?:
            title(s, &f, DocumentsRender.title(d))
            DocumentsRender.render(d, ctx, into: &f, rect: body)
        case .letters(let l)?:
            title(s, &f, LettersRender.title(l))
            LettersRender.render(l, ctx, into: &f, rect: body)
        case .retention(let r)?:
            title(s, &f, RetentionRender.title(r))
            RetentionRender.render(r, ctx, into: &f, rect: body)
        case .subjectAccess(let a)?:
            title(s, &f, SubjectAccessRender.title(a))
            SubjectAccessRender.render(a, ctx, into: &f, rect: body)
        case nil:
            title(s, &f, CaseListRender.title(s.list))
            CaseListRender.render(s, into: &f, rect: body)
        }
        placeCursorInBody(&f, body)
        statusLine(s, &f, y: s.size.height - 2)
        HintBar(hints(s), glyphs: s.glyphs).render(into: &f, rect: Rect(x: 0, y: s.size.height - 1, width: s.size.width, height: 1))
        switch s.overlay {
        case .help(let offset, let panel?)?:
            // The panel stays drawn under its help, as it comes back when the help closes.
            panel.render(into: &f, area: body, glyphs: s.glyphs)
            HelpUpdate.panelOverlay(s.keymap, offset: offset, glyphs: s.glyphs)
                .render(into: &f, area: Rect(x: 0, y: 0, width: s.size.width, height: s.size.height - 1))
        case .help(let offset, nil)?:
            let help = s.dialog.map { DialogUpdate.helpOverlay($0, keymap: s.keymap, offset: offset, glyphs: s.glyphs) }
                ?? HelpUpdate.overlay(s.stack.last?.keys ?? CaseListUpdate.keys, s.keymap, offset: offset, glyphs: s.glyphs)
            help.render(into: &f, area: Rect(x: 0, y: 0, width: s.size.width, height: s.size.height - 1))
        case .filters(let panel)?:
            panel.render(into: &f, area: body, glyphs: s.glyphs)
            if let p = f.firstCell(withRole: .selection, in: body) { f.cursor = Position(x: 0, y: p.y) }
        case .command(let input, let problem)?:
            CommandLineRender.render(input, problem: problem, ctx, into: &f)
        case nil:
            break
        }
        if let d = s.dialog, !s.helpOverDialog { DialogRender.render(d, ctx, into: &f) }
        return f
    }

    /// The cursor on the selected row where a screen drew one by hand (its row in the selection
    /// role), else on the first line of the screen; a widget that placed it already has the say.
    static func placeCursorInBody(_ f: inout Frame, _ body: Rect) {
        if let c = f.cursor, body.contains(c) { return }
        if let p = f.firstCell(withRole: .selection, in: body) {
            f.cursor = Position(x: 0, y: p.y)
        } else {
            f.cursor = Position(x: 0, y: body.y)
        }
    }

    /// 1234567 as "1,234,567" (`groupedNumber`, which the store's messages use too).
    static func group(_ n: Int) -> String { groupedNumber(n) }

    static func title(_ s: AppState, _ f: inout Frame, _ t: TitleLine) {
        let (left, chips, right) = (t.left, t.chips, t.right)
        let w = s.size.width
        f.fill(Rect(x: 0, y: 0, width: w, height: 1), role: .title)
        var r = right
        if s.readOnly { r += (r.isEmpty ? "" : " · ") + "read-only" }
        r += (r.isEmpty ? "" : " · ") + s.dateStyle.text(s.today)
        let rw = displayWidth(r)
        // A title too long for the line ends in an ellipsis, so a cut one is seen to be cut
        // ("… the figures stay, the re" read as the whole).
        let room = max(0, w - rw - 2)
        var x = f.put(truncate(" " + left, toWidth: room, unicode: s.unicode), x: 0, y: 0, role: .title, maxWidth: room)
        for (i, c) in chips.enumerated() {
            // A chip shows whole or not at all (the chips after the first say what the screen
            // says elsewhere too, as My work's window does in its heading); only the first, the
            // most telling, may be shortened inside its brackets. Never a bracket left open.
            let inside = w - rw - 2 - x - 4
            if displayWidth(c) <= inside {
                x += f.put("  [" + c + "]", x: x, y: 0, role: .title)
            } else if i == 0, inside >= 6 {
                x += f.put("  [" + truncate(c, toWidth: inside, unicode: s.unicode) + "]", x: x, y: 0, role: .title)
            } else {
                break
            }
        }
        if rw + 1 < w { f.put(r, x: w - rw - 1, y: 0, role: .title) }
    }

    /// The most rows a message takes (the last is the message line).
    static let messageRowsAtMost = 3

    static func statusLine(_ s: AppState, _ f: inout Frame, y: Int) {
        let w = s.size.width
        f.fill(Rect(x: 0, y: y, width: w, height: 1), role: .default)
        if s.stack.isEmpty, let input = s.list.queryInput {
            let x = f.put("/", x: 0, y: y, role: .input)
            _ = TextInputView.render(input, into: &f, rect: Rect(x: x, y: y, width: w - x, height: 1))
            return
        }
        if let m = s.message {
            // A message wider than the line takes the rows above it (up to three, never the
            // title's): its end is usually what to do next.
            // Under a dialog, one row: the box would cover the others and leave the end of it.
            let most = s.dialog != nil && !s.helpOverDialog ? 1 : max(1, min(Render.messageRowsAtMost, y - 1))
            m.render(into: &f, rect: Rect(x: 0, y: y - most + 1, width: w, height: most), glyphs: s.glyphs)
            return
        }
        if s.stack.isEmpty, let row = s.list.selectedRow, let due = row.due, s.calendar.isBeyondHorizon(due) {
            // The selected case's deadline may be wrong: say so instead of its summary.
            f.put(truncate(" " + s.calendar.horizonLine(reference: row.reference), toWidth: w, unicode: s.unicode), x: 0, y: y, role: .messageError, maxWidth: w)
            return
        }
        if s.stack.isEmpty, let row = s.list.selectedRow, !row.summary.isEmpty {
            f.put(truncate(" " + row.summary.replacingOccurrences(of: "\n", with: " "), toWidth: w, unicode: s.unicode), x: 0, y: y, role: .dim, maxWidth: w)
        }
    }

    /// The hint bar: from whatever takes the next key (a dialog, an overlay, the top screen).
    static func hints(_ s: AppState) -> [Hint] {
        // While long work runs no key is read (a bulk change is one transaction, so nothing
        // stops it part way): the form's "enter save  esc cancel" under it would be untrue.
        if s.working { return [workingHint] }
        if let d = s.dialog, !s.helpOverDialog { return DialogUpdate.hints(d, s.keymap, size: s.size) }
        switch s.overlay {
        case .command?: return CommandLineUpdate.hints
        case .filters?, .help(_, panel: _?)?: return FilterPanelUpdate.keys.hintBar(s.keymap)
        case .help?, nil: break
        }
        switch s.stack.last {
        case .form(let fs)?: return FormUpdate.hints(fs)
        case .detail(let d)?: return CaseDetailUpdate.hintBar(d, s.keymap)
        // No move to do (an anonymised case's, or a case with none open): no Enter to do one.
        case .workflow(let w)? where w.data != nil && w.moves.isEmpty: return WorkflowUpdate.keys.hintBar(s.keymap, leaving: [.list(.open)])
        case let screen?: return screen.keys?.hintBar(s.keymap) ?? []
        case nil: return s.list.queryInput != nil ? CaseListUpdate.queryHints : CaseListUpdate.hintBar(s.keymap)
        }
    }

    /// The key line while long work runs.
    static let workingHint = Hint(key: "esc", label: "cannot stop it: it runs to the end, and keys pressed meanwhile act after it",
                                  priority: Hint.pinned)

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

extension Render {
    /// What a screen shows before its data is read: " Loading…", or once the read failed, why
    /// (the message line's words, which go after a while) and how to try again.
    static func loading(_ s: ScreenContext, into f: inout Frame, rect: Rect, what: String = "Loading…",
                        again: String = "Go back and open it again to try again.") {
        guard let problem = s.loadProblem else {
            f.put(" " + what, x: 0, y: rect.y + 1, role: .dim)
            return
        }
        let said = CaseDetailLines.wrap(" Could not read this: \(problem)", width: max(1, rect.width - 1))
        // (Opening it again cannot help a file that changed under a read without locks.)
        let retry = problem == Update.changedWhileReadText ? [] : [("", Role.dim), (" " + again, Role.dim)]
        let lines = said.map { ($0, Role.messageError) } + retry
        for (i, line) in lines.prefix(max(0, rect.height - 1)).enumerated() {
            f.put(line.0, x: 0, y: rect.y + 1 + i, role: line.1, maxWidth: rect.width)
        }
    }
}
