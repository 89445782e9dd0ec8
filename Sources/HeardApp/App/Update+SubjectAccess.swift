import HeardCore
import TerminalUI

extension Update {
    /// `:sar` searched: the matches in a dialog for the officer to read, `y` to write the bundle
    /// (not offered read-only), anything else to leave it.
    static func subjectAccessFound(_ s: inout AppState, name: String, lines: [String], cases: Int) -> [Effect] {
        let shown = SubjectAccess.oneLine(name, limit: 60)
        let folder = SubjectAccess.folderName(for: name, on: s.today)
        let n = "\(cases) case\(cases == 1 ? "" : "s")"
        // No case is still a request to answer within the month: the bundle says we hold nothing.
        var head = cases == 0 ? ["No case holds \"\(shown)\": we hold no records about them.", "The request is still recorded, and its bundle says so."]
            : ["\"\(shown)\" appears in \(n):"]
        if let w = SubjectAccess.singleWordWarning(PersonName(name)) { head.append("Warning: " + w + ".") }
        var tail: [String] = []
        var choices: [DialogChoice] = []
        if s.readOnly {
            tail.append("Read-only: the bundle is written with write access (heard sar).")
        } else {
            let which = cases == 0 ? "no records" : cases == 1 ? "the 1 case" : "all " + n
            tail.append("y writes the bundle of \(which) to ./\(folder) and records the request (due in one month).")
            choices = [DialogChoice("y", cases == 0 ? "record it" : "write the bundle of \(n)", [.writeSubjectAccess(name)]), DialogChoice("n", "cancel")]
        }
        s.dialog = DialogState(title: "Subject access", lines: head + fittingMatches(lines, cases: cases, name: shown, besides: head + tail, size: s.size, unicode: s.unicode) + tail,
                               choices: choices)
        return []
    }

    /// As many match lines as the screen holds beside the dialog's other lines, each cut to one
    /// row, then "… and N more" naming where every match is listed: a dialog taller than the
    /// screen would be clipped, hiding matches and the question without a word.
    static func fittingMatches(_ lines: [String], cases: Int, name: String, besides: [String], size: Size, unicode: Bool) -> [String] {
        let width = max(10, size.width - 4)
        let fixed = besides.reduce(0) { $0 + max(1, (displayWidth($1) + width - 1) / width) }
        // The box's two borders, the buttons' row and the gap above it, and one row spare for a
        // line wrapped at a space earlier than the estimate.
        let room = size.height - 5 - fixed
        func reference(_ line: String) -> Substring { line.prefix { $0 != " " } }
        if lines.count <= max(0, room) { return lines.map { truncate("  " + $0, toWidth: width, unicode: unicode) } }
        let shown = Array(lines.prefix(max(0, room - 1)))
        // N counts cases (a case whose first lines are shown counts as shown); when every case
        // has a line shown, the places left.
        let casesLeft = cases - Set(shown.map(reference)).count
        let words = "\(unicode ? "…" : "...") and \(casesLeft > 0 ? casesLeft : lines.count - shown.count) more (heard sar \"\(name)\" lists them all)"
        return shown.map { truncate("  " + $0, toWidth: width, unicode: unicode) } + [truncate(words, toWidth: width, unicode: unicode)]
    }
}
