import HeardCore
import TerminalUI

/// How the root routes a key: to whatever takes the next key (a dialog, an overlay, a form),
/// else through the top screen's keymap scopes to its typed action; then it applies the
/// outputs the screen's update returned.
extension Update {
    /// A key: the typed action it means on the screen on top, run there.
    static func handleKey(_ s: inout AppState, _ key: Key) -> [Effect] {
        if key == .resize { return [] }
        if key == Update.interrupt { return interrupt(&s) }
        if key == .ctrl("z") { return [.suspend] }
        // Pasted text is typed into a text field or ignored: never a key (Update+Paste.swift).
        if key.isPaste { return paste(&s, key) }
        if let d = s.dialog, !s.helpOverDialog {
            // ? is help here as on every screen: the dialog waits under it.
            if s.keymap.command(for: key, in: [ScreenKeys.global]) == .global(.help) { s.overlay = .help(offset: 0); return [] }
            // A question waits for its answer: a key meant to move through a list (j, Down)
            // would otherwise close it unanswered, as the trial found on :sar's matches.
            // A dialog's list moves with its keys (a bulk change's refusals, more than a screen).
            if d.choices.isEmpty, let moved = DialogUpdate.scrolled(d, key, size: s.size) {
                s.dialog?.listOffset = moved.offset
                s.dialog?.listRowOffset = moved.row
                return []
            }
            if !d.choices.isEmpty, [.up, .down, .pageUp, .pageDown, .char("j"), .char("k")].contains(key),
               !d.choices.contains(where: { Key.char($0.key) == key }) { return [] }
            s.dialog = nil
            // A bulk change's refusals say "u undoes them": u closed them and undid nothing (an
            // attack). Only where something changed: else it undid an earlier step (a trial).
            if d.undoKeyUndoes, s.keymap.command(for: key, in: [ScreenKeys.global]) == .global(.undo) { return [.undo] }
            return answer(&s, d, key)
        }
        if s.isTooSmall {
            // Nothing the user cannot see is thrown away or left: q on the case list quits (as it
            // would at any size); every other key waits for a larger terminal.
            if s.canQuitWhenTooSmall, key != .escape, s.keymap.command(for: key, in: [ScreenKeys.global]) == .global(.back) { return back(&s) }
            return []
        }
        if let overlay = s.overlay {
            switch overlay {
            case .help(let offset, let panel): return apply(&s, HelpUpdate.update(offset: offset, panel: panel, key, s.context(withRows: false)))
            case .filters(let panel): return apply(&s, FilterPanelUpdate.update(panel, key, s.context(withRows: false)))
            case .command(let input, _): return apply(&s, CommandLineUpdate.update(input, key, s.context(), top: s.stack.last))
            }
        }
        // Forms take every printable key.
        if case .form? = s.stack.last { return send(&s, .form(.key(key))) }
        if s.stack.isEmpty, s.list.queryInput != nil { return send(&s, .caseList(.queryKey(key))) }
        if case .actionPlan(let a)? = s.stack.last, a.queryInput != nil { return send(&s, .actionPlan(.queryKey(key))) }
        if case .actionPlan(let a)? = s.stack.last, a.confirmingComplete != nil {
            return send(&s, .actionPlan(.confirmComplete(key == .char("y") || key == .char("Y"))))
        }
        if case .myWork(let m)? = s.stack.last, m.confirmingAnswered != nil {
            return send(&s, .myWork(.confirmAnswered(key == .char("y") || key == .char("Y"))))
        }
        let keys = s.stack.last?.keys ?? CaseListUpdate.keys
        guard let command = keys.command(for: key, s.keymap) else {
            // An edit key of a read-only session (--read-only, a role that may only read, a
            // file that cannot be written) says why it does nothing (a trial met "w: no action
            // here" on a case and could not tell).
            // A session that may change the record withholds only the disposal keys (an officer's role).
            if let why = s.disposalWithheld, !s.readOnly, s.keymap.withholds(key, in: keys.scopes) {
                s.say("\(key.name) is not offered: \(why)")
            } else if s.keymap.withholds(key, in: keys.scopes) {
                s.say("\(key.name) is not offered while this session is read-only. Press ? for the keys.")
            } else if case .char(let c) = key, !c.isWhitespace {
                s.say("\(key.name): no action here. Press ? for the keys.")
            }
            return []
        }
        // Esc on a letter shown goes back to the list of letters, not off the screen.
        if command == .global(.back), case .letters(let l)? = s.stack.last, l.preview != nil { return send(&s, .letters(.closePreview)) }
        if case .global(let g) = command { return global(&s, g, key) }
        guard let top = s.stack.last else {
            switch command {
            case .list(let c): return send(&s, .caseList(.list(c)))
            case .caseList(let c): return send(&s, .caseList(.command(c)))
            default: return []
            }
        }
        return top.action(for: command).map { send(&s, $0) } ?? []
    }

    /// ctrl-c: the terminal is raw, so it is a key, and it means "let me out" (as it does in
    /// every program), never "throw away what I typed".
    static let interrupt = Key.ctrl("c")

    /// ctrl-c asks to leave: a dialog or an overlay closes as Esc closes it; a form answers it as
    /// Esc (a form with changes asks "Throw away what you typed?" first); anywhere else the app
    /// quits as q on the case list does, since nothing typed is lost there.
    /// `d` answered with `key` (it is closed already). Unanswered, a question about a form's save
    /// that met someone else's leaves the form open with what was typed, to save again or throw
    /// away as any form (a trial: Esc, "cancel", had thrown the change away without a word).
    static func answer(_ s: inout AppState, _ d: DialogState, _ key: Key) -> [Effect] {
        if d.formWaitsUnder, !d.choices.contains(where: { Key.char($0.key) == key }), case .form(var fs)? = s.stack.last, fs.saving {
            fs.saving = false
            fs.form.problem = "Not saved: someone else changed it meanwhile. What you typed is kept: Enter asks again whether to reapply it on their version."
            s.stack[s.stack.count - 1] = .form(fs)
            return []
        }
        return apply(&s, DialogUpdate.answer(d, key, s.context()))
    }

    static func interrupt(_ s: inout AppState) -> [Effect] {
        if s.overlay != nil { s.overlay = nil; return [] }
        if let d = s.dialog {
            s.dialog = nil
            return answer(&s, d, .escape)
        }
        if case .form? = s.stack.last { return send(&s, .form(.key(.escape))) }
        s.quit = true
        return [.quit]
    }

    /// The keys every screen but a form answers to.
    static func global(_ s: inout AppState, _ g: GlobalCommand, _ key: Key) -> [Effect] {
        switch g {
        case .back:
            // Esc never quits: only q on the case list does.
            if s.stack.isEmpty && s.overlay == nil && key == .escape { s.message = nil; return [] }
            return back(&s)
        case .help: s.overlay = .help(offset: 0); return []
        case .redraw: return [.redraw]
        case .undo: return [.undo]
        case .actionPlan:
            if case .actionPlan? = s.stack.last { return [] }
            s.stack.append(.actionPlan(ActionPlanState()))
            return [.loadActions]
        case .report:
            let r = ReportState(period: Period.financialYear(containing: s.today), suppressUpTo: s.rules.suppressUpTo)
            s.stack.append(.report(r))
            return [ReportUpdate.load(r)]
        case .command:
            s.overlay = .command(TextInputState(), problem: nil)
            return []
        case .myWork:
            return MyWorkUpdate.openMyWork(&s)
        }
    }

    /// Runs a typed action on the topmost screen it is for (the case list for its own), then
    /// applies what that screen's update asked for.
    static func send(_ s: inout AppState, _ action: ScreenAction) -> [Effect] {
        apply(&s, run(&s, action, at: index(of: action, in: s.stack)))
    }

    /// Runs an action on every screen of its kind (data that arrived for them).
    static func broadcast(_ s: inout AppState, _ action: ScreenAction) -> [Effect] {
        var effects: [Effect] = []
        for i in s.stack.indices where matches(s.stack[i], action) { effects += apply(&s, run(&s, action, at: i)) }
        return effects
    }

    static func matches(_ screen: Screen, _ action: ScreenAction) -> Bool {
        switch (screen, action) {
        case (.detail, .caseDetail), (.workflow, .workflow), (.findings, .findings), (.actionPlan, .actionPlan),
             (.report, .report), (.figureCases, .figureCases), (.form, .form), (.myWork, .myWork),
             (.documents, .documents), (.letters, .letters), (.retention, .retention), (.subjectAccess, .subjectAccess): return true
        default: return false
        }
    }

    /// The topmost screen an action is for; nil: the case list (or no such screen).
    static func index(of action: ScreenAction, in stack: [Screen]) -> Int? {
        stack.indices.last { matches(stack[$0], action) }
    }

    /// The screen's update, on the screen itself in place (no copy of it is left behind).
    static func run(_ s: inout AppState, _ action: ScreenAction, at i: Int?) -> [Output] {
        if case .caseList(let a) = action { return CaseListUpdate.update(&s.list, a, s.context(withRows: false)) }
        guard let i else { return [] }
        let ctx = s.context()
        if case .form(let a) = action, s.stack[i].isForm { return runForm(&s, a, at: i, ctx) }
        switch (s.stack[i], action) {
        case (.detail(var d), .caseDetail(let a)): let out = CaseDetailUpdate.update(&d, a, ctx); s.stack[i] = .detail(d); return out
        case (.workflow(var w), .workflow(let a)): let out = WorkflowUpdate.update(&w, a, ctx); s.stack[i] = .workflow(w); return out
        case (.findings(var f), .findings(let a)): let out = FindingsUpdate.update(&f, a, ctx); s.stack[i] = .findings(f); return out
        case (.actionPlan(var p), .actionPlan(let a)): let out = ActionPlanUpdate.update(&p, a, ctx); s.stack[i] = .actionPlan(p); return out
        case (.report(var r), .report(let a)): let out = ReportUpdate.update(&r, a, ctx); s.stack[i] = .report(r); return out
        case (.figureCases(var fc), .figureCases(let a)): let out = FigureCasesUpdate.update(&fc, a, ctx); s.stack[i] = .figureCases(fc); return out
        case (.form(var fs), .form(let a)): let out = FormUpdate.update(&fs, a, ctx); s.stack[i] = .form(fs); return out
        case (.myWork(var m), .myWork(let a)): let out = MyWorkUpdate.update(&m, a, ctx); s.stack[i] = .myWork(m); return out
        case (.documents(var d), .documents(let a)): let out = DocumentsUpdate.update(&d, a, ctx); s.stack[i] = .documents(d); return out
        case (.letters(var l), .letters(let a)): let out = LettersUpdate.update(&l, a, ctx); s.stack[i] = .letters(l); return out
        case (.retention(var r), .retention(let a)): let out = RetentionUpdate.update(&r, a, ctx); s.stack[i] = .retention(r); return out
        case (.subjectAccess(var a), .subjectAccess(let x)): let out = SubjectAccessUpdate.update(&a, x, ctx); s.stack[i] = .subjectAccess(a); return out
        default: return []
        }
    }

    /// A form's update on a form the stack has let go of: with the stack still holding it, the
    /// first edit of a key copied the field's characters (copy on write), so each key cost the
    /// length of the text and a 100 KB paste took minutes.
    static func runForm(_ s: inout AppState, _ a: FormAction, at i: Int, _ ctx: ScreenContext) -> [Output] {
        guard case .form(var fs) = s.stack[i] else { return [] }
        s.stack[i] = .form(FormScreen.vacated)
        let out = FormUpdate.update(&fs, a, ctx)
        s.stack[i] = .form(fs)
        return out
    }

    /// Does what the screens asked, in order; returns the effects for the runner.
    static func apply(_ s: inout AppState, _ outputs: [Output]) -> [Effect] {
        var effects: [Effect] = []
        for o in outputs {
            switch o {
            case .push(let screen): s.stack.append(screen)
            case .pop: if !s.stack.isEmpty { s.stack.removeLast() }
            case .popAll: s.stack.removeAll()
            case .quit: s.quit = true; effects.append(.quit)
            case .say(let text, let error): s.say(text, error: error)
            case .effect(let e): effects.append(e)
            case .dialog(let d): s.dialog = d
            case .overlay(let o): s.overlay = o
            case .rememberEntry(let entry): s.lastEntry = entry
            case .exportShown(let format, let path): effects.append(.exportCases(s.list.visibleIDs, path: path, format: format))
            case .send(let action): effects += send(&s, action)
            case .openReference(let ref, let missing):
                // The reference itself, else its number alone when one case has it (as the
                // command line takes it); several say which, none says `missing`.
                var index = s.list.rows.index(ofReference: ref)
                if index == nil, case .number = ReferenceQuery(ref) {
                    let rows = s.list.rows
                    let query = ReferenceQuery(ref)
                    let found = (0..<rows.count).filter { query.matches(rows.reference($0)) }
                    // Several years have a case 39: this year's (else the latest) opens, and
                    // the message names the others.
                    if found.count > 1, let pick = ReferenceQuery.latest(found.map(rows.reference), year: s.today.parts.year) {
                        index = found.first { rows.reference($0) == pick.chosen }
                        let more = pick.others.prefix(3).joined(separator: ", ") + (pick.others.count > 3 ? ", …" : "")
                        s.say("\(pick.chosen); also \(more): give the whole reference for another.")
                    } else {
                        index = found.first
                    }
                }
                guard let i = index else {
                    // Not in a list that is not (all) read is not "no case" (found by an attack).
                    if !s.list.loaded || s.list.stillLoading {
                        s.say(s.list.stillLoading ? "The list is still loading: try \(ref) again in a moment."
                                                  : "The list of cases could not be read, so \(ref) cannot be looked up: quit and open Heard again.",
                              error: !s.list.stillLoading)
                        continue
                    }
                    effects += apply(&s, [missing])
                    continue
                }
                let id = s.list.rows.id(i)
                s.stack.append(.detail(CaseDetailState(id: id)))
                effects.append(.loadCase(id))
            }
        }
        return effects
    }

    static func back(_ s: inout AppState) -> [Effect] {
        if s.overlay != nil { s.overlay = nil; return [] }
        if !s.stack.isEmpty { s.stack.removeLast(); return [] }
        s.quit = true
        return [.quit]
    }
}
