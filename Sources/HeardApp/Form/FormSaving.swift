import TerminalUI

/// A form waits for the store: it closes when its change is saved and stays open, with the
/// text as typed and the reason beside the field, when the change is refused.
extension Update {
    /// The store saved what the form on top sent: close it.
    static func closeSavingForm(_ s: inout AppState) {
        guard case .form(let fs)? = s.stack.last, fs.saving else { return }
        s.stack.removeLast()
    }

    /// The store refused what the form on top sent: keep it open with the reason. False when
    /// no form was waiting (the message goes to the status line as before).
    static func refuseSavingForm(_ s: inout AppState, _ text: String) -> Bool {
        guard case .form(var fs)? = s.stack.last, fs.saving else { return false }
        fs.saving = false
        fs.form.refused(text)
        s.stack[s.stack.count - 1] = .form(fs)
        return true
    }
}

extension FormState {
    /// Shows why the store refused the save: beside the field the message names (`date: …`),
    /// and on the form's problem line with what to do next. Nothing typed is touched.
    public mutating func refused(_ text: String) {
        var message = text
        if let colon = text.firstIndex(of: ":") {
            let name = FormState.fieldName(String(text[..<colon]))
            if let i = fields.indices.first(where: { !fields[$0].hidden && (FormState.fieldName(fields[$0].key) == name || FormState.fieldName(fields[$0].label) == name) }) {
                message = String(text[text.index(after: colon)...]).trimmingSpaces
                fields[i].error = message
                focus = i
                fresh = false
            }
        }
        problem = "Not saved: \(message) What you typed is kept: correct it and press Enter, or Enter to try again."
    }

    /// A field's key or label compared loosely: `new_due` and "New due" are one name.
    static func fieldName(_ s: String) -> String {
        s.lowercased().replacingOccurrences(of: "_", with: " ").trimmingSpaces
    }
}
