import HeardCore
import TerminalUI

/// Draws the subject access screen: what `y` does, then each case found, a box showing whether
/// it goes into the bundle, its reference and what tells namesakes apart, and under it each
/// place the name is. The selected case is kept in view, with as many of its places as fit.
enum SubjectAccessRender {
    static func title(_ a: SubjectAccessState) -> TitleLine {
        TitleLine(left: "Heard · Subject access", chips: [SubjectAccess.oneLine(a.name, limit: 40)], right: SubjectAccessUpdate.counts(a))
    }

    static func render(_ a: SubjectAccessState, _ s: ScreenContext, into f: inout Frame, rect: Rect) {
        let shown = SubjectAccess.oneLine(a.name, limit: 60)
        var head: [(String, Role)] = []
        if a.matches.isEmpty {
            head.append(("No case holds \"\(shown)\": we hold no records about them.", .header))
        } else {
            let n = "\(Render.group(a.matches.count)) case\(a.matches.count == 1 ? "" : "s")"
            head.append(("\"\(shown)\" appears in \(n). Leave out (space) any that is someone else's; Enter opens a case.", .header))
        }
        if let w = SubjectAccess.singleWordWarning(PersonName(a.name)) { head.append(("Warning: " + w + ".", .messageError)) }
        if a.readOnly {
            head.append(("Read-only: the bundle is written with write access (heard sar).", .dim))
        } else {
            let folder = SubjectAccess.folderName(for: a.name, on: s.today)
            if a.chosenCount == 0 {
                head.append(("y asks before recording the request answered \"we hold no records\".", .dim))
            } else {
                let which = "the bundle of \(Render.group(a.chosenCount)) chosen case\(a.chosenCount == 1 ? "" : "s")"
                head.append(("y writes \(which) to ./\(folder) and records the request, due in one month.", .dim))
            }
        }
        var y = rect.y
        // Each line wrapped to two rows at most, so that a narrow screen keeps room for the list.
        for (text, role) in head {
            for row in CaseDetailLines.wrap(text, width: max(1, rect.width - 2)).prefix(2) where y < rect.maxY {
                f.put(truncate(" " + row, toWidth: rect.width, unicode: s.unicode), x: 0, y: y, role: role, maxWidth: rect.width)
                y += 1
            }
        }
        y += 1
        guard y < rect.maxY, !a.matches.isEmpty else { return }
        // Every line of the list, with the case it belongs to and whether it is the case's header.
        var lines: [(text: String, match: Int, header: Bool)] = []
        for (i, m) in a.matches.enumerated() {
            let box = a.chosen[i] ? "[x]" : "[ ]"
            lines.append(("\(box) \(m.shownReference)" + (m.tellApart.isEmpty ? "" : "  (\(m.tellApart))"), i, true))
            for p in m.places { lines.append(("      " + p, i, false)) }
        }
        let height = rect.maxY - y
        let first = lines.firstIndex { $0.match == a.selection } ?? 0
        let end = lines.lastIndex { $0.match == a.selection }.map { $0 + 1 } ?? first + 1
        // The selected case whole when it fits, else from its header; the list from the top while
        // that shows it.
        let start = end <= height ? 0 : min(first, end - height)
        for (k, line) in lines.enumerated().dropFirst(start) {
            let row = y + k - start
            if row >= rect.maxY { break }
            let selected = line.header && line.match == a.selection
            let role: Role = selected ? .selection : line.header ? (a.chosen[line.match] ? .default : .dim) : .dim
            f.fill(Rect(x: 0, y: row, width: rect.width, height: 1), role: role)
            f.put(truncate(" " + line.text, toWidth: rect.width, unicode: s.unicode), x: 0, y: row, role: role, maxWidth: rect.width)
        }
    }
}
