import HeardCore
import TerminalUI

/// What can happen on a form: it takes every key itself.
public enum FormAction: Sendable {
    case key(Key)
    /// The editor returned text for a field.
    case textEdited(field: String, text: String)
}

/// A form's update: keys edit it, and what its Enter does for each purpose.
enum FormUpdate {
    static func update(_ fs: inout FormScreen, _ action: FormAction, _ ctx: ScreenContext) -> [Output] {
        switch action {
        case .key(let key): return handle(&fs, key, ctx)
        case .textEdited(let field, let text):
            if case .logContact(let c) = fs.purpose, field == ContactLogForm.noteField {
                ContactLogForm.noteEdited(&fs.form, text, ctx, received: c.received)
                return []
            }
            fs.form[field] = QuickEntry.clean(text, lines: true)
            if case .logContact(let c) = fs.purpose { ContactLogForm.refresh(&fs.form, ctx, received: c.received) }
            fs.form.dirty = true
            return []
        }
    }

    static func handle(_ fs: inout FormScreen, _ key: Key, _ s: ScreenContext) -> [Output] {
        if let pending = fs.confirming {
            fs.confirming = nil
            if key == .char("y") || key == .char("Y") {
                fs.saving = true
                return pending.map(Output.effect)
            }
            switch fs.purpose {
            case .saveDocument, .saveLetter: return [.say("Not saved: change the file's name, or Enter and y to replace it.")]
            case .reportExport, .bulk(.export, _): return [.say("Not written: change the file's name, or Enter and y to replace it.")]
            default: return [.say("Not recorded.")]
            }
        }
        // Tab in a file's path completes the name from the folder, as a shell does.
        if key == .tab, fs.form.newValueQuestion == nil, !fs.form.confirmingDiscard, let field = CorrespondenceForms.pathField(fs) {
            return [.effect(.completePath(field: field, typed: fs.form[field]))]
        }
        switch fs.form.handle(key) {
        case .handled, .unhandled:
            if case .newContact = fs.purpose { QuickEntry.refresh(&fs.form) }
            if case .editContact = fs.purpose { QuickEntry.refresh(&fs.form) }
            if case .move(.respond, _) = fs.purpose { RemedySlots.refresh(&fs.form) }
            if case .logContact(let c) = fs.purpose { ContactLogForm.keyHandled(&fs.form, s, received: c.received) }
            if case .saveLetter(let file) = fs.purpose { CorrespondenceForms.refreshSaveLetter(&fs.form, file) }
            if case .reportExport(let period, _) = fs.purpose { ReportExportForm.refresh(&fs.form, period) }
            return []
        case .cancel:
            return [.pop]
        case .openEditor(let field):
            if case .logContact = fs.purpose { return ContactLogForm.openEditor(fs.form, s) }
            guard let f = fs.form.fields.first(where: { $0.key == field }), f.kind == .longText || f.kind == .text else {
                return [.say("ctrl-o opens the editor on text fields.")]
            }
            // Its line breaks, not the one-line view's ↵ (a trial: opening the editor and leaving
            // it saved the summary with "↵" in place of each break).
            return [.effect(.openEditor(field: field, text: f.multiline ?? f.input.text))]
        case .save:
            return save(&fs, s)
        }
    }

    /// What Enter does: nothing but marks while the form has a problem (it stays open);
    /// otherwise the form closes with the effects its purpose asks for.
    static func save(_ fs: inout FormScreen, _ s: ScreenContext) -> [Output] {
        // The form stays until the store has saved: a refusal (a date the procedure does not
        // allow, a file busy in another process) comes back to it with the text as typed.
        // A name not on its list (an officer, a team) is saved only once the user says it is new.
        if let q = fs.form.unconfirmedNewValue() {
            fs.form.newValueQuestion = q
            fs.form.focus(on: q.field)
            fs.form.fresh = false
            return []
        }
        func done(_ effects: [Effect]) -> [Output] {
            fs.saving = true
            fs.form.problem = nil
            return effects.map(Output.effect)
        }
        switch fs.purpose {
        case .newContact:
            guard let c = QuickEntry.contact(from: &fs.form, base: nil, s: s) else { return [] }
            return [.rememberEntry(QuickEntry.remember(fs.form))] + done([.addContact(c)])
        case .editContact(let original):
            guard let c = QuickEntry.contact(from: &fs.form, base: original, s: s) else { return [] }
            return done([.updateContact(c, original: original)])
        case .move(let move, let c):
            guard fs.form.validateAll() else { return [] }
            switch MoveForms.effects(move, fs.form, c, s) {
            case .failure(let p):
                let field = refusedField(p, move, fs.form, s)
                fs.form.setError(field, p.message)
                fs.form.focus(on: field)
                // The cursor stays where it was: the next key edits the text, never replaces it.
                fs.form.fresh = false
                fs.form.problem = p.message
                return []
            case .success(let effects):
                if move.needsConfirmation {
                    fs.confirming = effects
                    let clock = c.clock(rules: s.rules, calendar: s.calendar, today: s.today)
                    fs.confirmText = MoveForms.confirmText(move, c, clock)
                    return []
                }
                return done(effects)
            }
        case .addIssue(let c):
            guard fs.form.validateAll(), let id = c.id else { return [] }
            let cat = s.reference.category(matching: fs.form["category"]) ?? fs.form["category"]
            return done([.addIssue(category: cat, contactID: id, version: c.version)])
        case .addAction(let source, let area):
            switch ActionLine.parse(fs.form["line"], today: s.today, calendar: s.calendar, reference: s.reference) {
            case .failure(let e):
                fs.form.setError("line", e.description)
                fs.form.problem = e.description
                return []
            case .success(let draft):
                // A new owner is asked about first, as a new officer is.
                if let q = fs.form.unconfirmedOwner(draft.owner, field: "line") {
                    fs.form.newValueQuestion = q
                    fs.form.fresh = false
                    return []
                }
                var item = draft.actionItem(created: s.today)
                if item.source == nil { item.source = source }
                if item.serviceArea.isEmpty { item.serviceArea = area }
                return done([.addAction(item)])
            }
        case .progressNote(let a):
            guard fs.form.validateAll(), let id = a.id else { return [] }
            let text = QuickEntry.clean(fs.form["note"], lines: true)
            var d = s.today
            if case .success(let x) = DateInput.parse(fs.form["date"], today: s.today, calendar: s.calendar) { d = x } else {
                fs.form.setError("date", "not a date"); return []
            }
            if let why = a.dayProblem(d, today: s.today, what: "a note") { fs.form.setError("date", why); return [] }
            // One store command: it also starts an open action (ActionItem.statusAfterNote).
            return done([.addNote(ProgressNote(date: d, text: text), actionID: id, version: a.version)])
        case .editAction(let a):
            guard let edited = ActionPlanUpdate.edited(a, from: &fs.form, s) else { return [] }
            return done([.updateAction(edited)])
        case .dropAction(let a):
            guard fs.form.validateAll() else { return [] }
            return done([.updateAction(a.dropped(reason: QuickEntry.clean(fs.form["reason"])))])
        case .reportRange, .reportAreas, .reportExport:
            guard fs.form.validateAll() else { return [] }
            // The form answers the report screen below it with an action; it never edits it.
            if case .reportExport(let period, let areas) = fs.purpose {
                let (format, path) = ReportExportForm.file(fs.form, period)
                return done([.exportReport(format, path: path, publicVersion: ReportExportForm.isPublic(fs.form), period: period, areas: areas)])
            }
            if fs.purpose == .reportRange {
                guard case .success(let from) = DateInput.parse(fs.form["from"], today: s.today, calendar: s.calendar) else {
                    fs.form.setError("from", "not a date"); fs.form.focus(on: "from"); return []
                }
                guard case .success(let to) = DateInput.parse(fs.form["to"], today: s.today, calendar: s.calendar) else {
                    fs.form.setError("to", "not a date"); fs.form.focus(on: "to"); return []
                }
                guard from <= to else { fs.form.setError("to", "\(s.dateStyle.text(to)) is before \(s.dateStyle.text(from))"); fs.form.focus(on: "to"); return [] }
                return [.pop, .send(.report(.setPeriod(Period(from: from, to: to))))]
            }
            return [.pop, .send(.report(.setAreas(fs.form["areas"].split(separator: ";").compactMap { s.reference.serviceArea(matching: String($0)) })))]
        case .logContact(let c):
            guard let e = ContactLogForm.effect(&fs.form, c, s) else { return [] }
            return done([e])
        case .legalHold(let c, let lift):
            guard let e = LegalHoldForm.effect(&fs.form, c, lift: lift) else { return [] }
            return done([e])
        case .anonymise(let c):
            guard fs.form.validateAll(), let id = c.id else { return [] }
            // As a move that ends a stage: the effect waits for y, which is not the key that began it.
            fs.confirming = [.anonymise(contactID: id, reason: QuickEntry.clean(fs.form["reason"]))]
            fs.confirmText = "Anonymise \(c.reference)? Its names, contact details, free text and documents go for good; the figures stay. This cannot be undone."
            return []
        case .attachDocument, .saveDocument, .saveLetter:
            guard fs.form.validateAll(), let e = CorrespondenceForms.effect(fs.form, fs.purpose, s) else { return [] }
            return done([e])
        case .bulk(let kind, let ids):
            guard fs.form.validateAll() else { return [] }
            switch kind {
            case .assign: return done([.bulk(.assign(officer: QuickEntry.clean(fs.form["value"])), ids: ids)])
            case .serviceArea: return done([.bulk(.serviceArea(fs.form.canonical("value")), ids: ids)])
            case .export: return done([.bulk(.export(path: fs.form["value"]), ids: ids)])
            }
        }
    }
}

extension FormUpdate {
    /// The field a move's refusal belongs beside: the procedure refuses an extension past the
    /// maximum as a move, but it is the new deadline typed that is wrong.
    static func refusedField(_ p: FormProblem, _ move: Move, _ form: FormState, _ s: ScreenContext) -> String {
        // A late request is refused for want of a reason: the empty "Late because" is what to fill in.
        if move == .escalate, p.field == "date", form.fields.contains(where: { $0.key == "reason" && !$0.hidden }),
           form["reason"].isEmpty, p.message.contains("accepted late") { return "reason" }
        guard move == .extend, p.field == "date",
              case .success(let due) = DateInput.parse(form["new_due"], today: s.today, calendar: s.calendar),
              p.message.contains(due.iso) else { return p.field }
        return "new_due"
    }

    /// A form's keys are those of its fields; a confirmation takes y.
    static func hints(_ fs: FormScreen) -> [Hint] {
        if fs.confirming != nil { return [Hint(key: "y", label: "confirm"), Hint(key: "other", label: "cancel")] }
        if let q = fs.form.newValueQuestion {
            return [Hint(key: "y", label: "new \(q.noun)")] + (q.suggestion.map { [Hint(key: "enter", label: "use \($0)")] } ?? []) + [Hint(key: "other", label: "keep editing")]
        }
        if case .logContact = fs.purpose {
            return [Hint(key: "enter", label: "save"), Hint(key: "ctrl-o", label: "note in editor"), Hint(key: "esc", label: "cancel")]
        }
        // Tab takes a suggestion only where the field has them; a long text's way to see and
        // write all of it (the field shows 60 columns of a paragraph) comes before "previous",
        // so it stays at 80 columns, where it was the hint that gave way.
        let focused = fs.form.focused?.kind
        let suggests: Bool
        switch focused {
        case .choice?, .suggest?, .multiChoice?, .actionLine?: suggests = true
        default: suggests = false
        }
        var hs = [Hint(key: "tab", label: suggests ? "next (takes the suggestion)" : "next")]
        if focused == .longText { hs.append(Hint(key: "ctrl-o", label: "editor")) }
        return hs + [Hint(key: "S-tab", label: "previous"), Hint(key: "enter", label: "save"), Hint(key: "esc", label: "cancel")]
    }
}
