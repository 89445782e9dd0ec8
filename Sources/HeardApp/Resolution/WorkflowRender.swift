import HeardCore
import TerminalUI

/// Draws the workflow: the case's clock in brief, then the moves allowed now with their keys.
enum WorkflowRender {
    static func title(_ w: WorkflowState) -> TitleLine { TitleLine(left: "Heard · Workflow · " + (w.data?.contact.reference ?? "")) }

    static func render(_ w: WorkflowState, _ s: ScreenContext, into f: inout Frame, rect: Rect) {
        guard let d = w.data else { Render.loading(s, into: &f, rect: rect); return }
        var y = rect.y
        // The case's lines leave room below for a few moves, their heading and the gap before it:
        // on a short terminal the lines above took every row and no move was shown, while Enter
        // still ran the one selected (a trial).
        let canMove = d.protection.stepRefusal(reference: d.contact.reference) == nil && !w.moves.isEmpty
        var limit = canMove ? max(rect.y + 2, rect.maxY - min(w.moves.count, 3) - 2) : rect.maxY
        func line(_ text: String, _ role: Role = .default) {
            guard y < limit else { return }
            f.put(truncate(text, toWidth: rect.width, unicode: s.unicode), x: rect.x, y: y, role: role, maxWidth: rect.width)
            y += 1
        }
        // A line too long for the screen goes on below, indented, not cut: at 80 columns a stage
        // 2's acknowledgement date and the issues' findings were lost (a trial).
        func wrapped(_ text: String, _ role: Role = .default) {
            for (i, l) in CaseDetailLines.wrap(text, width: max(10, rect.width - 4)).enumerated() { line((i == 0 ? " " : "   ") + l, role) }
        }
        let c = d.contact
        line(" \(c.reference) · \(c.kind.label) · \(c.serviceArea)", .title)
        line(" " + CaseDetailLines.statusText(d.clock, glyphs: s.glyphs), CaseDetailLines.statusRole(d.clock))
        if let st = d.clock.current {
            var t = "Stage \(st.number) (\(st.rule.name)): started \(st.started.iso)"
            // An acknowledgement past its target is said as the detail screen and `heard show` say
            // it, on a line of its own in the overdue colour (on the stage's line it was cut at 80
            // columns, and coloured the whole line).
            let ackLate = st.acknowledged == nil && st.isRunning && s.today > st.acknowledgementDue
            if let a = st.acknowledged {
                t += " · acknowledged \(a.iso)"
            } else if !ackLate {
                t += " · acknowledge by \(st.acknowledgementDue.iso)"
            }
            wrapped(t)
            if ackLate { line(" Acknowledgement overdue since \(st.acknowledgementDue.iso)", .statusOverdue) }
            if st.isRunning {
                let left = d.calendar.workingDays(after: s.today, through: st.due)
                wrapped("Due \(st.due.iso) · \(workingDaysText(st.daysUsed)) used · " + (st.isPaused ? "paused" : left < 0 ? "\(-left) overdue" : "\(left) left")
                        + (st.maximumDue.map { " · maximum \($0.iso)" } ?? ""), left < 0 && !st.isPaused ? .statusOverdue : .default)
                // Before an acknowledgement the days are counted from its target, not from the
                // day received: "0 used" on a case a week old read as a mistake (a trial asked).
                // The detail screen's "(until acknowledged)", said where the count is.
                if st.provisionalStart {
                    line(" Provisional dates: counted from the acknowledgement target, \(st.clockFrom.iso)", .dim)
                }
            }
            // An answered stage: how long the complainant has to ask for the next one.
            if d.clock.status == .responded, let w = CaseRecord(contact: c, clock: d.clock, calendar: d.calendar, rules: s.rules).windowEnds(st) {
                line(" Answered \(st.responded?.iso ?? "") · the next stage may be asked for until \(w.iso)")
            }
            let findings = c.issues.map { i in "\(i.category): \(i.findings[st.number]?.label ?? "no finding yet")" }
            if !findings.isEmpty {
                // Whole where the moves still fit below it; else on one line, cut, so the moves keep the room.
                let text = "Issues: " + findings.joined(separator: "; ")
                let lines = CaseDetailLines.wrap(text, width: max(10, rect.width - 4)).count
                if rect.maxY - y - 2 - lines >= w.moves.count { wrapped(text, .dim) } else { line(" " + text, .dim) }
            }
        }
        limit = rect.maxY
        y = min(y + 1, rect.maxY)
        let moves = w.moves
        if let why = d.protection.stepRefusal(reference: c.reference) {
            for l in CaseDetailLines.wrap(why + ".", width: max(1, rect.width - 2)) { line(" " + l, .dim) }
            return
        }
        if moves.isEmpty { line(" No move is open: the case is \(d.clock.status.label).", .dim); return }
        line(" Moves the procedure allows now:", .header)
        // The selected move stays in view when the rows left are fewer than the moves (a short
        // terminal, or the lines above wrapped): the list starts late enough to show it.
        let room = max(1, rect.maxY - y)
        let first = min(max(0, w.selection - room + 1), max(0, moves.count - room))
        for (i, m) in moves.enumerated().dropFirst(first) {
            let role: Role = i == w.selection ? .selection : .default
            guard y < rect.maxY else { break }
            f.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: role)
            // The key the keymap binds to the move now (keys.toml may have changed it; unbound: Enter only).
            let key = s.keymap.keys(for: .workflow(WorkflowCommand(m))).first.map { $0.name } ?? ""
            f.put("  \(key)  ", x: rect.x, y: y, role: i == w.selection ? .selection : .hintKey, maxWidth: 5)
            f.put(truncate(m.label + (m.needsConfirmation ? "  (asks to confirm)" : ""), toWidth: rect.width - 6, unicode: s.unicode), x: rect.x + 5, y: y, role: role)
            y += 1
        }
    }
}
