import HeardCore
import TerminalUI

extension Update {
    /// `:sar` searched: the matches in a dialog for the officer to read, `y` to write the bundle
    /// (not offered read-only), anything else to leave it.
    static func subjectAccessFound(_ s: inout AppState, name: String, lines: [String], cases: Int) -> [Effect] {
        let shown = SubjectAccess.oneLine(name, limit: 60)
        let folder = SubjectAccess.folderName(for: name, on: s.today)
        // No case is still a request to answer within the month: the bundle says we hold nothing.
        var text = cases == 0 ? ["No case holds \"\(shown)\": we hold no records about them.", "The request is still recorded, and its bundle says so."]
            : ["\"\(shown)\" appears in \(cases) case\(cases == 1 ? "" : "s"):"] + lines.map { "  " + $0 }
        var choices: [DialogChoice] = []
        if s.readOnly {
            text.append("Read-only: the bundle is written with write access (heard sar).")
        } else {
            text.append("y writes the bundle to ./\(folder) and records the request (due in one month).")
            choices = [DialogChoice("y", "write the bundle", [.writeSubjectAccess(name)]), DialogChoice("n", "cancel")]
        }
        s.dialog = DialogState(title: "Subject access", lines: text, choices: choices)
        return []
    }
}
