import HeardCore
import HeardStore
import TerminalUI

/// The app's update function: changes the state for an event and says what the runner must do.
public enum Update {
    public static func update(_ s: inout AppState, _ event: AppEvent) -> [Effect] {
        switch event {
        case .tick:
            s.tick += 1
            if let m = s.message, m.isExpired(at: s.tick) { s.message = nil }
            return []
        case .resize(let size):
            s.size = size
            return []
        case .casesLoaded(let rows, let empty):
            s.list.replaceRows(rows)
            s.emptyDatabase = empty
            return []
        case .caseLoaded(let data):
            setCaseData(&s, data)
            return []
        case .failed(let text):
            s.say(text, error: true)
            return []
        case .rowsRefreshed(let rows, let requested):
            s.list.upsert(rows, requested: requested)
            if s.list.rows.isEmpty == false { s.emptyDatabase = false }
            return []
        case .externalChange(let contacts):
            return reloads(s, contacts: contacts)
        case .sourcesLoaded(let sources):
            s.sources = sources
            return []
        case .contactSaved(let id, let reference, let created):
            s.say(created ? "Logged \(reference). n logs the next." : "Saved \(reference).")
            var effects: [Effect] = [.refreshRows([id]), .loadSources]
            if created { s.list.pendingSelection = id } else { effects.append(.loadCase(id)) }
            return effects
        case .caseChanged(let data, let said):
            setCaseData(&s, data)
            s.say(said)
            return data.contact.id.map { [.refreshRows([$0])] } ?? [.loadCases]
        case .learningAdded(let lp, let thenAction):
            s.say("Learning point saved\(thenAction ? ": now the action it leads to" : "").")
            if thenAction, let id = lp.id {
                var f = ActionPlanUpdate.lineForm(s, prefill: "")
                f.title = "Action from the learning point (\(lp.theme))"
                s.stack.append(.form(FormScreen(form: f, purpose: .addAction(source: .learningPoint(id), serviceArea: lp.serviceArea))))
            }
            var effects = reloads(s, contacts: lp.caseReference == nil ? [] : nil)
            effects.append(.loadActions)
            return effects
        case .conflict(let c):
            s.dialog = DialogState(title: "Changed by someone else",
                                   lines: ["\(c.reference) was changed since you opened it:"] + c.changes.map { "  " + $0 } + ["", "Your change was not saved."],
                                   choices: [DialogChoice("r", "reapply yours on their version", c.reapply), DialogChoice("d", "discard yours")])
            if case .form? = s.stack.last { s.stack.removeLast() }
            return reloads(s)
        case .actionsLoaded(let items):
            for i in s.stack.indices {
                if case .actionPlan(var a) = s.stack[i] { a.items = items; a.loaded = true; s.stack[i] = .actionPlan(a) }
            }
            return []
        case .actionSaved(let said):
            s.say(said)
            return [.loadActions, .loadSources]
        case .progress(let said):
            s.say(said)
            return []
        case .undone(let said, let contacts):
            s.say(said)
            var effects = reloads(s, contacts: contacts)
            effects.append(.loadActions)
            return effects
        case .textEdited(let field, let text):
            if case .form(var fs)? = s.stack.last {
                fs.form[field] = QuickEntry.clean(text, lines: true)
                fs.form.dirty = true
                s.stack[s.stack.count - 1] = .form(fs)
            }
            return []
        case .reportLoaded(let g, let period, let areas):
            for i in s.stack.indices {
                if case .report(var r) = s.stack[i], r.period == period, r.serviceAreas == areas {
                    r.report = g
                    r.loading = false
                    r.selection = min(r.selection, max(0, ReportUpdate.figureCount(r) - 1))
                    s.stack[i] = .report(r)
                }
            }
            return []
        case .openCase(let id):
            s.stack.append(.detail(CaseDetailState(id: id)))
            return [.loadCase(id)]
        case .bulkDone(let said, let refused):
            s.list.marked.removeAll()
            if refused.isEmpty { s.say(said) } else {
                s.dialog = DialogState(title: "Bulk change", lines: [said, "Not changed:"] + refused.map { "  " + $0 }, choices: [])
            }
            return [.loadCases]
        case .key(let key):
            return handleKey(&s, key)
        }
    }

    /// What to reload after the record changed: the rows of the contacts touched (every row
    /// when not known) and whatever case is open.
    static func reloads(_ s: AppState, contacts: [Int64]? = nil) -> [Effect] {
        // Beyond a few hundred rows (a bulk change undone), loading the list again is quicker
        // than finding each row in it.
        var effects: [Effect] = contacts.map { $0.isEmpty ? [] : $0.count > 500 ? [.loadCases] : [.refreshRows($0)] } ?? [.loadCases]
        for screen in s.stack {
            switch screen {
            case .detail(let d): effects.append(.loadCase(d.id))
            case .workflow(let w): effects.append(.loadCase(w.contactID))
            case .findings(let f): effects.append(.loadCase(f.contactID))
            case .actionPlan: effects.append(.loadActions)
            default: break
            }
        }
        var seen: [Effect] = []
        for e in effects where !seen.contains(e) { seen.append(e) }
        return seen
    }

    static func setCaseData(_ s: inout AppState, _ data: CaseDetailData) {
        for i in s.stack.indices {
            switch s.stack[i] {
            case .detail(var d) where d.id == data.contact.id: d.data = data; s.stack[i] = .detail(d)
            case .workflow(var w) where w.contactID == data.contact.id:
                w.data = data
                w.selection = min(w.selection, max(0, w.moves.count - 1))
                s.stack[i] = .workflow(w)
            case .findings(var f) where f.contactID == data.contact.id: f.data = data; s.stack[i] = .findings(f)
            default: break
            }
        }
    }

    static func scopes(_ s: AppState) -> [String] {
        switch s.stack.last {
        case .detail?: return ["caseDetail", "list", "global"]
        case .workflow?: return ["workflow", "list", "global"]
        case .findings?: return ["findings", "list", "global"]
        case .actionPlan?: return ["actionPlan", "list", "global"]
        case .report?: return ["report", "list", "global"]
        case .figureCases?: return ["list", "global"]
        case .form?: return ["global"]
        case nil: return ["caseList", "list", "global"]
        }
    }

    static func handleKey(_ s: inout AppState, _ key: Key) -> [Effect] {
        if key == .resize { return [] }
        if let d = s.dialog {
            s.dialog = nil
            guard case .char(let c) = key, let choice = d.choices.first(where: { $0.key == c }) else { return [] }
            var out: [Effect] = []
            for e in choice.effects {
                if case .openBulkForm(let kind, let ids) = e { s.stack.append(.form(CaseListUpdate.bulkForm(kind, ids: ids, s))) } else { out.append(e) }
            }
            return out
        }
        if s.isTooSmall {
            // Nothing the user cannot see is thrown away or left: q on the case list quits (as it
            // would at any size); every other key waits for a larger terminal.
            if s.canQuitWhenTooSmall, key != .escape, s.keymap.action(for: key, scopes: ["global"]) == "back" { return back(&s) }
            return []
        }
        if let overlay = s.overlay { return handleOverlay(&s, overlay, key) }
        // Forms take every printable key.
        if case .form(var fs)? = s.stack.last {
            let effects = FormUpdate.handle(&fs, key, &s)
            if case .form? = s.stack.last, fs.purpose == currentPurpose(s) { s.stack[s.stack.count - 1] = .form(fs) }
            return effects
        }
        if s.stack.isEmpty, s.list.queryInput != nil { return CaseListUpdate.handleQueryKey(&s, key) }
        if case .actionPlan(var a)? = s.stack.last, a.confirmingComplete != nil {
            let effects = ActionPlanUpdate.handle(&a, action: key == .char("y") || key == .char("Y") ? "confirm" : "cancel", state: &s)
            replaceTop(&s, old: .actionPlan, new: .actionPlan(a))
            return effects
        }
        // Workflow moves and findings answer to their own letters.
        if case .workflow(var w)? = s.stack.last, case .char(let c) = key, w.moves.contains(where: { $0.key == c }) {
            let effects = WorkflowUpdate.handle(&w, action: "", key: key, state: &s)
            replaceTop(&s, old: .workflow, new: .workflow(w))
            return effects
        }
        if case .findings(var f)? = s.stack.last, case .char(let c) = key, "upn0+i".contains(c) {
            let effects = WorkflowUpdate.handleFindings(&f, action: "", key: key, state: &s)
            replaceTop(&s, old: .findings, new: .findings(f))
            return effects
        }
        guard let action = s.keymap.action(for: key, scopes: scopes(s)) else {
            if case .char(let c) = key, !c.isWhitespace { s.say("\(key.name): no action here. Press ? for the keys.") }
            return []
        }
        switch action {
        case "back":
            // Esc never quits: only q on the case list does.
            if s.stack.isEmpty && s.overlay == nil && key == .escape { s.message = nil; return [] }
            return back(&s)
        case "help": s.overlay = .help(offset: 0); return []
        case "redraw": return [.redraw]
        case "undo": return [.undo]
        case "actionPlan":
            if case .actionPlan? = s.stack.last { return [] }
            s.stack.append(.actionPlan(ActionPlanState()))
            return [.loadActions]
        case "report":
            let r = ReportState(period: Period.financialYear(containing: s.today), suppressUpTo: s.rules.suppressUpTo)
            s.stack.append(.report(r))
            return [ReportUpdate.load(r)]
        case "command":
            s.overlay = .command(TextInputState(), problem: nil)
            return []
        default: break
        }
        switch s.stack.last {
        case .detail(var d)?:
            let effects = CaseDetailUpdate.handle(&d, action: action, state: &s)
            if case .detail? = s.stack.last, s.stack.count > 0 { replaceTopDetailIfSame(&s, d) }
            return effects
        case .workflow(var w)?:
            let effects = WorkflowUpdate.handle(&w, action: action, key: key, state: &s)
            replaceTop(&s, old: .workflow, new: .workflow(w))
            return effects
        case .findings(var f)?:
            let effects = WorkflowUpdate.handleFindings(&f, action: action, key: key, state: &s)
            replaceTop(&s, old: .findings, new: .findings(f))
            return effects
        case .actionPlan(var a)?:
            let effects = ActionPlanUpdate.handle(&a, action: action, state: &s)
            replaceTop(&s, old: .actionPlan, new: .actionPlan(a))
            return effects
        case .report(var r)?:
            let effects = ReportUpdate.handle(&r, action: action, state: &s)
            if let i = s.stack.indices.last(where: { if case .report = s.stack[$0] { return true }; return false }) { s.stack[i] = .report(r) }
            return effects
        case .figureCases(var fc)?:
            let effects = ReportUpdate.handleFigureCases(&fc, action: action, state: &s)
            if let i = s.stack.indices.last(where: { if case .figureCases = s.stack[$0] { return true }; return false }) { s.stack[i] = .figureCases(fc) }
            return effects
        case .form?:
            return []
        case nil:
            return CaseListUpdate.handle(&s, action: action)
        }
    }

    enum ScreenKind { case workflow, findings, actionPlan }

    /// Writes a screen's new state back when it is still on top (a handler may have pushed another).
    static func replaceTop(_ s: inout AppState, old: ScreenKind, new: Screen) {
        guard let i = s.stack.indices.last(where: {
            switch (s.stack[$0], old) {
            case (.workflow, .workflow), (.findings, .findings), (.actionPlan, .actionPlan): return true
            default: return false
            }
        }) else { return }
        s.stack[i] = new
    }

    static func replaceTopDetailIfSame(_ s: inout AppState, _ d: CaseDetailState) {
        if let i = s.stack.indices.last(where: { if case .detail(let x) = s.stack[$0] { return x.id == d.id }; return false }) { s.stack[i] = .detail(d) }
    }

    static func currentPurpose(_ s: AppState) -> FormPurpose? {
        if case .form(let f)? = s.stack.last { return f.purpose }
        return nil
    }

    /// Carries out a `:` command.
    static func run(_ cmd: AppCommand, _ s: inout AppState) -> [Effect] {
        switch cmd {
        case .goto(let ref):
            guard let i = s.list.rows.index(ofReference: ref.trimmingSpaces) else {
                s.say("No case \(ref.trimmingSpaces).", error: true)
                return []
            }
            let id = s.list.rows.id(i)
            s.stack.append(.detail(CaseDetailState(id: id)))
            return [.loadCase(id)]
        case .report(let p):
            // From the report screen, the same screen moves to the range (as [ and ] do), keeping
            // its service areas and view; from anywhere else a report screen opens.
            if case .report(var r)? = s.stack.last {
                r.period = p
                r.loading = true
                s.stack[s.stack.count - 1] = .report(r)
                return [ReportUpdate.load(r)]
            }
            let r = ReportState(period: p, suppressUpTo: s.rules.suppressUpTo)
            s.stack.append(.report(r))
            return [ReportUpdate.load(r)]
        case .filter(let f):
            s.stack.removeAll()
            s.list.filters.state = f
            s.list.refilter()
            s.say("Showing \(f.rawValue) cases.")
            return []
        case .theme(let name):
            return [.setTheme(name)]
        case .export(let format, let path):
            return [.exportCases(s.list.visibleIDs, path: path, format: format)]
        case .help:
            s.dialog = DialogState(title: "Commands", lines: [
                ":goto REF                     open a case by its reference",
                ":report 2021-22 | 2021        the report for a financial year",
                ":report FROM..TO              the report for any range",
                ":filter overdue|open|due soon|closed|all",
                ":theme NAME                   default, light, terminal16, mono, colorblind",
                ":export csv|json FILE         the cases shown, in the import format",
                ":quit",
                "Tab completes; ? lists the keys of each screen.",
            ])
            return []
        case .quit:
            s.quit = true
            return [.quit]
        }
    }

    static func describe(_ action: String) -> String {
        DefaultKeys.bindings.first { $0.action == action }?.description ?? action
    }

    static func back(_ s: inout AppState) -> [Effect] {
        if s.overlay != nil { s.overlay = nil; return [] }
        if !s.stack.isEmpty { s.stack.removeLast(); return [] }
        s.quit = true
        return [.quit]
    }

    static func handleOverlay(_ s: inout AppState, _ overlay: Overlay, _ key: Key) -> [Effect] {
        switch overlay {
        case .help(let offset):
            switch s.keymap.action(for: key, scopes: ["list"]) {
            case "down": s.overlay = .help(offset: offset + 1)
            case "up": s.overlay = .help(offset: max(0, offset - 1))
            case "pageDown": s.overlay = .help(offset: offset + max(1, s.size.height - 4))
            case "pageUp": s.overlay = .help(offset: max(0, offset - max(1, s.size.height - 4)))
            default: s.overlay = nil
            }
            return []
        case .command(var input, _):
            switch key {
            case .escape:
                s.overlay = nil
                return []
            case .tab:
                if let done = AppCommand.complete(input.text, references: (0..<min(5000, s.list.rows.count)).map(s.list.rows.reference)) { input.setText(done) }
                s.overlay = .command(input, problem: nil)
                return []
            case .enter:
                switch AppCommand.parse(input.text, today: s.today, calendar: s.calendar) {
                case .failure(let e):
                    s.overlay = .command(input, problem: e.description)
                    return []
                case .success(let cmd):
                    s.overlay = nil
                    return run(cmd, &s)
                }
            default:
                _ = input.handle(key)
                s.overlay = .command(input, problem: nil)
                return []
            }
        case .filters(var panel):
            let action = s.keymap.action(for: key, scopes: ["filters", "list", "global"])
            switch action {
            case "up": panel.focus = max(0, panel.focus - 1)
            case "down": panel.focus = min(FilterPanelState.fields.count - 1, panel.focus + 1)
            case "previousValue": panel.step(-1)
            case "nextValue", "mark": panel.step(1)
            case "apply", "open":
                s.list.filters = panel.filters
                s.list.refilter()
                s.overlay = nil
                return []
            case "back": s.overlay = nil; return []
            default: break
            }
            s.overlay = .filters(panel)
            return []
        }
    }
}
