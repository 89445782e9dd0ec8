import HeardCore
import TerminalUI

/// Draws the retention screen: the due cases, then those a hold keeps, one line each with the
/// reference, kind, the day it closed and the day it became due (and the hold's reason).
enum RetentionRender {
    static func title(_ r: RetentionState) -> TitleLine {
        guard let list = r.list else { return TitleLine(left: "Heard · Retention") }
        return TitleLine(left: "Heard · Retention", chips: r.rules.isEmpty ? [] : [r.rules],
                         right: "\(Render.group(list.due.count)) due · \(Render.group(list.held.count)) held")
    }

    static func render(_ r: RetentionState, _ s: ScreenContext, into f: inout Frame, rect: Rect) {
        guard let list = r.list else { Render.loading(s, into: &f, rect: rect); return }
        var lines: [(String, Role, Int?)] = []
        let columns = (pad("reference", toWidth: 16, unicode: s.unicode) + pad("kind", toWidth: 16, unicode: s.unicode)
                       + pad("closed", toWidth: 12, unicode: s.unicode) + pad("due since", toWidth: 12, unicode: s.unicode), Role.dim, Int?.none)
        lines.append((list.due.isEmpty ? "No case is due for disposal." : "Due for disposal (\(Render.group(list.due.count)))", .header, nil))
        if !list.due.isEmpty { lines.append(columns) }
        for (i, item) in list.due.enumerated() { lines.append((row(item, s), .default, i)) }
        if !list.held.isEmpty {
            lines.append(("Kept past their date by a legal hold (\(Render.group(list.held.count)))", .header, nil))
            lines.append((columns.0 + "hold", .dim, nil))
            for (i, item) in list.held.enumerated() { lines.append((row(item, s) + (item.holdReason ?? ""), .default, list.due.count + i)) }
        }
        let selectedLine = lines.firstIndex { $0.2 == r.selection } ?? 0
        let start = selectedLine >= rect.height ? selectedLine - rect.height + 1 : 0
        for (k, line) in lines.enumerated().dropFirst(start) {
            let y = rect.y + k - start
            if y >= rect.maxY { break }
            let selected = line.2 != nil && line.2 == r.selection
            let role: Role = selected ? .selection : line.1
            f.fill(Rect(x: 0, y: y, width: rect.width, height: 1), role: role)
            f.put(truncate(" " + line.0, toWidth: rect.width, unicode: s.unicode), x: 0, y: y, role: role, maxWidth: rect.width)
        }
    }

    static func row(_ i: RetentionItem, _ s: ScreenContext) -> String {
        pad(i.reference, toWidth: 16, unicode: s.unicode) + pad(i.kind.label, toWidth: 16, unicode: s.unicode)
            + pad(s.dateStyle.text(i.closedOn), toWidth: 12, unicode: s.unicode) + pad(s.dateStyle.text(i.dueSince), toWidth: 12, unicode: s.unicode)
    }
}
