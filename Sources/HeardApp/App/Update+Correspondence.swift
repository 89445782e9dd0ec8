import HeardCore
import TerminalUI

extension Update {
    /// The runner's answers about a case's correspondence.
    static func correspondence(_ s: inout AppState, _ event: AppEvent) -> [Effect] {
        switch event {
        case .askReplace(let path, let replace):
            // The form that is saving asks, and y replaces; anything else keeps it open to change the path.
            // With no form (`:export csv FILE`), a dialog asks: y replaces, any other key writes nothing.
            guard case .form(var fs)? = s.stack.last, fs.saving else {
                s.dialog = DialogState(title: "Replace it?", lines: ["\(path) exists. Replace it?", "Any other key keeps it: nothing is written."],
                                       choices: [DialogChoice("y", "replace it", [replace])])
                return []
            }
            fs.saving = false
            fs.confirming = [replace]
            fs.confirmText = "\(path) exists. Replace it?"
            s.stack[s.stack.count - 1] = .form(fs)
            return []
        case .lettersLoaded(let id, let choices, let problems):
            guard s.stack.contains(where: { if case .letters(let l) = $0 { return l.contactID == id }; return false }) else { return [] }
            return broadcast(&s, .letters(.templates(choices, problems: problems)))
        case .letterRendered(_, let template, let result):
            return leavingNoStaleMessage(&s) { broadcast(&$0, .letters(.rendered(template: template, result))) }
        case .letterSaved(let file, let said):
            closeSavingForm(&s)
            s.say(said)
            // Recorded later with `r`, the letter says the form it was saved in.
            if case .letters(var l)? = s.stack.last, var p = l.preview, p.template == file.template {
                p.savedFormat = file.format
                l.preview = p
                s.stack[s.stack.count - 1] = .letters(l)
            }
            // Saved is not sent: ask whether it goes today, from the letters screen's case.
            if case .letters(let l)? = s.stack.last, let data = l.data, !s.readOnly {
                var d = LettersUpdate.recordDialog(file, data, s.context())
                d.lines.insert(said, at: 0)
                s.dialog = d
            }
            return []
        default:
            return []
        }
    }
}
