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
        if let w = SubjectAccess.openRequestWords(a.open, date: s.dateStyle.text) {
            head.append((w + (a.readOnly ? "" : " y records another beside it; heard sar --done N marks one answered."), .messageError))
        }
        if a.readOnly {
            head.append(("Read-only: record the request with heard sar --yes on the live record.", .dim))
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
            // A warning may take a third row: it must be read whole before y.
            for row in CaseDetailLines.wrap(text, width: max(1, rect.width - 2)).prefix(role == .messageError ? 3 : 2) where y < rect.maxY {
                f.put(truncate(" " + row, toWidth: rect.width, unicode: s.unicode), x: 0, y: y, role: role, maxWidth: rect.width)
                y += 1
            }
        }
        y += 1
        guard y < rect.maxY, !a.matches.isEmpty else { return }
        // Rows are counted per case (its header and its places) and made only for the cases on
        // screen: every frame of a list of 10,000 cases made 30,000 strings.
        let height = rect.maxY - y
        var first = 0
        for m in a.matches.prefix(a.selection) { first += 1 + m.places.count }
        let end = first + 1 + (a.matches.indices.contains(a.selection) ? a.matches[a.selection].places.count : 0)
        // The selected case whole when it fits, else from its header; the list from the top while
        // that shows it.
        let start = end <= height ? 0 : min(first, end - height)
        var row = y - start
        for (i, m) in a.matches.enumerated() {
            if row >= rect.maxY { break }
            let rows = 1 + m.places.count
            defer { row += rows }
            guard row + rows > y else { continue }
            let box = a.chosen[i] ? "[x]" : "[ ]"
            let header = "\(box) \(m.shownReference)" + (m.tellApart.isEmpty ? "" : "  (\(m.tellApart))")
            for (k, text) in ([header] + m.places.map { "      " + $0 }).enumerated() {
                let r = row + k
                guard r >= y, r < rect.maxY else { continue }
                let role: Role = k > 0 ? .dim : i == a.selection ? .selection : a.chosen[i] ? .default : .dim
                f.fill(Rect(x: 0, y: r, width: rect.width, height: 1), role: role)
                f.put(truncate(" " + text, toWidth: rect.width, unicode: s.unicode), x: 0, y: r, role: role, maxWidth: rect.width)
            }
        }
    }
}
