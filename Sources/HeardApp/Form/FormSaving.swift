import HeardCore
import TerminalUI

/// A form waits for the store: it closes when its change is saved and stays open, with the
/// text as typed and the reason beside the field, when the change is refused.
extension Update {
    /// A write refused because another process held the file past the wait, as the screens say it.
    public static let busyText = "the file is busy (another Heard?)"
    /// A file read without locks changed under Heard (`StoreError.changedWhileRead`): nothing more
    /// is read from it, and going back and opening again cannot help (a trial).
    public static let changedWhileReadText = "another program changed the file while Heard read it without locks, so nothing more is read from it: quit (q) and open Heard again when nothing is writing it"
    public static let serverLockedText = "another session holds a lock on what this reads; try again in a moment"
    /// The same on a PostgreSQL server, where there is no file: another session holds the writers' turn.
    public static let serverBusyText = "another session is saving to the database"

    /// The store saved what the form on top sent: close it.
    static func closeSavingForm(_ s: inout AppState) {
        guard case .form(let fs)? = s.stack.last, fs.saving else { return }
        s.stack.removeLast()
    }

    /// The store refused what the form on top sent: keep it open with the reason, and read an
    /// action it edits again (someone else may have saved it). Nil when no form was waiting
    /// (the message goes to the status line as before).
    static func refuseSavingForm(_ s: inout AppState, _ text: String) -> [Effect]? {
        guard case .form(var fs)? = s.stack.last, fs.saving else { return nil }
        fs.saving = false
        fs.form.refused(text)
        s.stack[s.stack.count - 1] = .form(fs)
        switch fs.purpose {
        case .editAction, .progressNote, .dropAction: return [.loadActions]
        default: return []
        }
    }
}

extension Update {
    /// Someone else saved the action a form is editing (its save was refused as a conflict and
    /// the plan reloaded): the form keeps what was typed and now edits their version, so Enter
    /// saves the typed values over theirs, as the refusal said, instead of being refused again.
    static func rebaseActionForm(_ s: inout AppState, _ items: [ActionItem]) {
        guard case .form(var fs)? = s.stack.last else { return }
        func fresh(_ a: ActionItem) -> ActionItem? {
            guard let id = a.id, let now = items.first(where: { $0.id == id }), now.version != a.version else { return nil }
            return now
        }
        switch fs.purpose {
        case .editAction(let a):
            guard let now = fresh(a) else { return }
            fs.purpose = .editAction(now)
        case .progressNote(let a):
            guard let now = fresh(a) else { return }
            fs.purpose = .progressNote(now)
        case .dropAction(let a):
            guard let now = fresh(a) else { return }
            fs.purpose = .dropAction(now)
        default: return
        }
        s.stack[s.stack.count - 1] = .form(fs)
    }
}

extension FormState {
    /// Shows why the store refused the save: beside the field the message names (`date: …`),
    /// and on the form's problem line with what to do next. Nothing typed is touched.
    public mutating func refused(_ text: String) {
        // Nothing to correct: the same Enter succeeds once the other process lets go.
        if text == Update.busyText || text == Update.serverBusyText || text == Update.serverLockedText {
            problem = "Not saved: \(FormState.sentence(text)) What you typed is kept: Enter tries again."
            return
        }
        // A message that begins with what a field holds (a file's path: "/tmp/…/report.html:
        // cannot write (No such file or directory)") is that field's: the reason beside it and
        // first on the problem line, where a long path alone filled the line at 80 columns.
        if let i = fields.indices.first(where: { !fields[$0].hidden && !fields[$0].input.text.isEmpty && text.hasPrefix(fields[$0].input.text + ": ") }) {
            let rest = String(text.dropFirst(fields[i].input.text.count + 2)).trimmingSpaces
            // Its subject was the path: "is a symbolic link; not written" said of "it" (a trial
            // read "Not saved: is not a regular file").
            let reason = rest.hasPrefix("is ") ? "it " + rest : rest
            fields[i].error = reason
            focus = i
            fresh = false
            problem = "Not saved: \(FormState.sentence(reason)) What you typed is kept: correct it and press Enter, or Enter to try again."
            return
        }
        if let colon = text.firstIndex(of: ":") {
            let name = FormState.fieldName(String(text[..<colon]))
            if let i = fields.indices.first(where: { !fields[$0].hidden && (FormState.fieldName(fields[$0].key) == name || FormState.fieldName(fields[$0].label) == name) }) {
                let message = String(text[text.index(after: colon)...]).trimmingSpaces
                fields[i].error = message
                focus = i
                fresh = false
                problem = "Not saved: \(FormState.sentence(message)) What you typed is kept: correct it and press Enter, or Enter to try again."
                return
            }
        }
        // A refusal of the step as a whole (an anonymised case, a case changed meanwhile): no
        // field to correct, so none is named.
        problem = "Not saved: \(FormState.sentence(text)) What you typed is kept: Enter tries again, Esc leaves the form."
    }

    /// `text` ending as a sentence, so the next one does not run into it ("… not a file What
    /// you typed …"): a full stop added unless it ends in one already (or ? ! …, or a closing quote after one; a bracket closes an aside, not the sentence).
    static func sentence(_ text: String) -> String {
        let t = text.trimmingSpaces
        guard let last = t.last else { return t }
        if ".!?…".contains(last) { return t }
        if "\"'”’".contains(last), let before = t.dropLast().last, ".!?…".contains(before) { return t }
        return t + "."
    }

    /// A field's key or label compared loosely: `new_due` and "New due" are one name.
    static func fieldName(_ s: String) -> String {
        s.lowercased().replacingOccurrences(of: "_", with: " ").trimmingSpaces
    }
}
