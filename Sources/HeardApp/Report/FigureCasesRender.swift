import HeardCore
import TerminalUI

/// Draws the cases behind a figure.
enum FigureCasesRender {
    static func title(_ fc: FigureCasesState) -> TitleLine { TitleLine(left: "Heard · Cases behind a figure") }

    static func render(_ fc: FigureCasesState, _ s: ScreenContext, into f: inout Frame, rect: Rect) {
        f.put(truncate(" " + fc.title + " · \(fc.references.count) case\(fc.references.count == 1 ? "" : "s")", toWidth: rect.width, unicode: s.unicode),
              x: rect.x, y: rect.y, role: .title, maxWidth: rect.width)
        // As wide as the longest reference behind the figure, as on the case list (CS-2026-10000 is 13).
        let ref = min(20, max(12, fc.references.lazy.map(displayWidth).max() ?? 12))
        let table = TableView(columns: [
            TableColumn("Reference", minWidth: ref, maxWidth: ref), TableColumn("Received", minWidth: 10, maxWidth: 10),
            TableColumn("Kind", minWidth: 10, maxWidth: 14), TableColumn("Service area", minWidth: 12, flex: 2),
            TableColumn("Complainant", minWidth: 12, flex: 2), TableColumn("Status", minWidth: 10, flex: 1),
        ], glyphs: s.glyphs, showsMarks: false)
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        table.render(into: &f, rect: body, state: TableState(selection: fc.selection), rowCount: fc.references.count) { i in
            let ref = fc.references[i]
            guard let r = fc.found[ref] else { return TableRow([ref, "", "", "", s.readOnly ? "" : "", ""]) }
            return TableRow([r.reference, s.dateStyle.text(r.received), r.kind.label, r.serviceArea, r.complainantName, r.status.label])
        }
    }
}
