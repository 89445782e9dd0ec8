import HeardCore
import TerminalUI

/// Keys on a form screen, and what its Enter does for each purpose.
enum FormUpdate {
    static func handle(_ fs: inout FormScreen, _ key: Key, _ s: inout AppState) -> [Effect] {
        if let pending = fs.confirming {
            fs.confirming = nil
            if key == .char("y") || key == .char("Y") {
                s.stack.removeLast()
                return pending
            }
            s.say("Not recorded.")
            return []
        }
        switch fs.form.handle(key) {
        case .handled, .unhandled:
            if case .newContact = fs.purpose { QuickEntry.refresh(&fs.form) }
            if case .editContact = fs.purpose { QuickEntry.refresh(&fs.form) }
            return []
        case .cancel:
            s.stack.removeLast()
            return []
        case .openEditor(let field):
            guard let f = fs.form.fields.first(where: { $0.key == field }), f.kind == .longText || f.kind == .text else {
                s.say("ctrl-e opens the editor on text fields.")
                return []
            }
            return [.openEditor(field: field, text: f.input.text)]
        case .save:
            return save(&fs, &s)
        }
    }

    static func save(_ fs: inout FormScreen, _ s: inout AppState) -> [Effect] {
        switch fs.purpose {
        case .newContact:
            guard let c = QuickEntry.contact(from: &fs.form, base: nil, s: s) else { return [] }
            s.lastEntry = QuickEntry.remember(fs.form)
            s.stack.removeLast()
            return [.addContact(c)]
        case .editContact(let original):
            guard let c = QuickEntry.contact(from: &fs.form, base: original, s: s) else { return [] }
            s.stack.removeLast()
            return [.updateContact(c, original: original)]
        case .move(let move, let c):
            guard fs.form.validateAll() else { return [] }
            switch MoveForms.effects(move, fs.form, c, s) {
            case .failure(let p):
                fs.form.setError(p.field, p.message)
                fs.form.focus(on: p.field)
                fs.form.problem = p.message
                return []
            case .success(let effects):
                if move.needsConfirmation {
                    fs.confirming = effects
                    let clock = c.clock(rules: s.rules, calendar: s.calendar, today: s.today)
                    fs.confirmText = MoveForms.confirmText(move, c, clock)
                    return []
                }
                s.stack.removeLast()
                return effects
            }
        case .addIssue(let c):
            guard fs.form.validateAll(), let id = c.id else { return [] }
            let cat = s.reference.category(matching: fs.form["category"]) ?? fs.form["category"]
            s.stack.removeLast()
            return [.addIssue(category: cat, contactID: id, version: c.version)]
        case .addAction(let source, let area):
            switch ActionLine.parse(fs.form["line"], today: s.today, calendar: s.calendar, reference: s.reference) {
            case .failure(let e):
                fs.form.setError("line", e.description)
                fs.form.problem = e.description
                return []
            case .success(let draft):
                var item = draft.actionItem(created: s.today)
                if item.source == nil { item.source = source }
                if item.serviceArea.isEmpty { item.serviceArea = area }
                s.stack.removeLast()
                return [.addAction(item)]
            }
        case .progressNote(let a):
            guard fs.form.validateAll(), let id = a.id else { return [] }
            let text = QuickEntry.clean(fs.form["note"], lines: true)
            var d = s.today
            if case .success(let x) = DateInput.parse(fs.form["date"], today: s.today, calendar: s.calendar) { d = x } else {
                fs.form.setError("date", "not a date"); return []
            }
            // One store command: it also starts an open action (ActionItem.statusAfterNote).
            s.stack.removeLast()
            return [.addNote(ProgressNote(date: d, text: text), actionID: id, version: a.version)]
        case .dropAction(let a):
            guard fs.form.validateAll() else { return [] }
            var dropped = a
            dropped.status = .dropped
            dropped.dropReason = QuickEntry.clean(fs.form["reason"])
            s.stack.removeLast()
            return [.updateAction(dropped)]
        case .reportRange, .reportAreas, .reportExport:
            guard fs.form.validateAll() else { return [] }
            guard s.stack.count >= 2, case .report(var r) = s.stack[s.stack.count - 2] else { s.stack.removeLast(); return [] }
            if fs.purpose == .reportExport {
                let format = ReportFormat(rawValue: fs.form.canonical("format")) ?? .html
                let path = fs.form["file"]
                s.stack.removeLast()
                return [.exportReport(format, path: path, publicVersion: YesNo.parse(fs.form["public"]) ?? false, period: r.period, areas: r.serviceAreas)]
            }
            if fs.purpose == .reportRange {
                guard case .success(let from) = DateInput.parse(fs.form["from"], today: s.today, calendar: s.calendar) else {
                    fs.form.setError("from", "not a date"); fs.form.focus(on: "from"); return []
                }
                guard case .success(let to) = DateInput.parse(fs.form["to"], today: s.today, calendar: s.calendar) else {
                    fs.form.setError("to", "not a date"); fs.form.focus(on: "to"); return []
                }
                guard from <= to else { fs.form.setError("to", "\(to.iso) is before \(from.iso)"); fs.form.focus(on: "to"); return [] }
                r.period = Period(from: from, to: to)
            } else {
                r.serviceAreas = fs.form["areas"].split(separator: ";").compactMap { s.reference.serviceArea(matching: String($0)) }
            }
            r.loading = true
            r.selection = 0
            s.stack.removeLast()
            s.stack[s.stack.count - 1] = .report(r)
            return [ReportUpdate.load(r)]
        case .bulk(let kind, let ids):
            guard fs.form.validateAll() else { return [] }
            s.stack.removeLast()
            switch kind {
            case .assign: return [.bulk(.assign(officer: QuickEntry.clean(fs.form["value"])), ids: ids)]
            case .serviceArea: return [.bulk(.serviceArea(fs.form.canonical("value")), ids: ids)]
            case .export: return [.bulk(.export(path: fs.form["value"]), ids: ids)]
            }
        }
    }
}
