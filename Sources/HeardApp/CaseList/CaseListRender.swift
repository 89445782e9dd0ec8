import HeardCore
import TerminalUI

/// Draws the case list: a dense table, only the visible rows.
enum CaseListRender {
    static func title(_ l: CaseListState) -> TitleLine {
        let counts = l.loaded ? "\(Render.group(l.shown.count)) of \(Render.group(l.rows.count))" + (l.stillLoading ? " so far, loading…" : "")
            + (l.marked.isEmpty ? "" : " · \(Render.group(l.marked.count)) marked") : ""
        var chips = l.filters.chips
        if !l.query.isEmpty && l.queryInput == nil { chips.append("/" + l.query) }
        return TitleLine(left: "Heard · Cases", chips: chips, right: counts)
    }

    /// How wide each column's content can be: the widest reference, kind, known service area
    /// and officer (known, or given to a row since: a bulk change to a new officer was cut to
    /// the width of the officers known when the list opened). Columns take what their content
    /// needs, within the screen's width.
    struct ContentWidths {
        var reference = 12
        var kind = 9
        var serviceArea = 12
        var officer = 7
        /// Nil while the names are not loaded: the column takes what is left.
        var complainant: Int?

        init() {}

        init(_ s: AppState) {
            reference = s.list.referenceWidth
            kind = ContactKind.allCases.map { displayWidth($0.label) }.max() ?? 9
            serviceArea = s.reference.serviceAreas.map(displayWidth).max() ?? 12
            officer = max(s.list.rows.widestOfficer, (s.sources["officer"] ?? []).prefix(500).map(displayWidth).max() ?? 7)
            // The known names (up to 2,000); a longer one is cut with an ellipsis.
            complainant = s.sources["person"].flatMap { $0.map(displayWidth).max() }
        }
    }

    /// The case list's columns: dates are always whole (one format per screen), narrow columns
    /// give way first, the complainant takes what is left.
    static func columns(width: Int, content: ContentWidths = ContentWidths()) -> TableView {
        // As wide as the longest reference (CS-2026-10000 is 13), within reason.
        let ref = min(20, max(12, content.reference))
        let cols = [
            TableColumn("Reference", minWidth: ref, maxWidth: ref),
            TableColumn("Received", minWidth: 10, maxWidth: 10),
            TableColumn("Kind", minWidth: 9, maxWidth: max(9, content.kind), flex: 1),
            TableColumn("Service area", minWidth: 8, maxWidth: max(12, content.serviceArea), flex: 2),
            TableColumn("Complainant", minWidth: 8, maxWidth: content.complainant.map { max(11, $0) }, flex: 3),
            TableColumn("St", minWidth: 2, maxWidth: 2, alignment: .right),
            TableColumn("Officer", minWidth: 7, maxWidth: max(7, content.officer), flex: 1),
            // A glyph, a space and a date; "× not accepted" is the widest settled state.
            TableColumn("Due", minWidth: 12, maxWidth: 14, flex: 1),
        ]
        return TableView(columns: cols, showsMarks: true)
    }

    static func render(_ s: AppState, into f: inout Frame, rect: Rect) {
        let l = s.list
        if !l.loaded {
            Render.loading(s.context(withRows: false), into: &f, rect: rect, what: "Loading cases…",
                           again: "Quit and open Heard again to try again.")
            return
        }
        if s.emptyDatabase { firstRun(s, into: &f, rect: rect); return }
        var table = columns(width: rect.width, content: ContentWidths(s))
        table.glyphs = s.glyphs
        var state = TableState(selection: l.selection, sortColumn: l.sortColumn.rawValue, sortAscending: l.sortAscending)
        let offset = l.selection.clampedOffset(count: l.shown.count, visibleRows: TableView.visibleRows(in: rect))
        let last = min(l.shown.count, offset + TableView.visibleRows(in: rect))
        if offset < last {
            for i in offset..<last where l.marked.contains(l.rows.id(l.shown[i])) { state.marked.insert(i) }
        }
        table.render(into: &f, rect: rect, state: state, rowCount: l.shown.count) { i in
            let r = l.rows.summary(l.shown[i])
            let (due, dueRole) = dueCell(r, glyphs: s.glyphs, dueSoonDays: s.rules.dueSoonDays, style: s.dateStyle)
            let received = s.dateStyle.text(r.received)
            return TableRow([r.reference, received, r.kind.label, r.serviceArea, r.complainantName, r.stage.map(String.init) ?? "",
                             r.officer, due], role: nil, cellRoles: [nil, nil, nil, nil, nil, nil, nil, dueRole])
        }
        if l.shown.isEmpty && rect.height > 2 {
            let why = l.rows.isEmpty ? "No contacts yet." : "No case matches the filters. x clears them."
            f.put(" " + why, x: 0, y: rect.y + 2, role: .dim, maxWidth: rect.width)
        }
    }

    /// The due column: a status glyph then the deadline, or the state of a settled contact.
    static func dueCell(_ r: CaseSummary, glyphs: Glyphs, dueSoonDays: Int, style: DateStyle = .iso) -> (String, Role) {
        func g(_ k: String) -> String { StatusGlyphs.glyph(for: k, unicode: glyphs.unicode) }
        if let due = r.due {
            let d = style.text(due)
            if r.paused { return (g("paused") + " " + d, .statusPaused) }
            if r.overdue { return (g("overdue") + " " + d, .statusOverdue) }
            if let left = r.daysLeft, left <= dueSoonDays { return (g("due-soon") + " " + d, .statusDueSoon) }
            if r.extended { return (g("extended") + " " + d, .statusExtended) }
            return (g("ok") + " " + d, .default)
        }
        switch r.status {
        case .responded: return (g("ok") + " responded", .statusOk)
        case .withdrawn: return (g("withdrawn") + " withdrawn", .statusClosed)
        case .mediation: return (g("closed") + " mediation", .statusClosed)
        case .notAccepted: return (g("withdrawn") + " not accepted", .statusClosed)
        default: return (g("closed") + " closed", .statusClosed)
        }
    }

    /// The import commands of the first-run screen. For a record other than the default one each
    /// names it (`--db`), else the command would import into the default record; a command too
    /// wide for the screen goes on with `--db` on a line of its own after a shell's `\` (without
    /// the note, which would be typed as arguments), since a command cut at the edge would be a wrong one.
    static func importHint(_ s: AppState, rect: Rect) -> [String] {
        guard !s.databaseOption.isEmpty else {
            return ["    heard import complaints.csv --dry-run     (check it first)", "    heard import complaints.csv"]
        }
        let width = rect.width - 2
        var lines: [String] = []
        for (command, note) in [("heard import complaints.csv --dry-run", "     (check it first)"), ("heard import complaints.csv", "")] {
            let whole = "    \(command) \(s.databaseOption)"
            if displayWidth(whole + note) <= width { lines.append(whole + note) }
            else if displayWidth(whole) <= width { lines.append(whole) }
            else { lines += ["    \(command) \\", "        \(s.databaseOption)"] }
        }
        return lines
    }

    static func firstRun(_ s: AppState, into f: inout Frame, rect: Rect) {
        let lines = [
            "Welcome to Heard.",
            "",
            "This database has no contacts yet (\(s.databaseLabel)).",
            "",
            "To move a spreadsheet in, save it as CSV and run:",
        ] + importHint(s, rect: rect) + [
            "",
            "To try Heard on a demonstration record, run:",
            "    heard demo",
            "",
            "Press ? for the keys, q to quit.",
        ]
        for (i, l) in lines.enumerated() where i + 1 < rect.height {
            f.put(truncate("  " + l, toWidth: rect.width, unicode: s.unicode), x: rect.x, y: rect.y + 1 + i, role: i == 0 ? .title : .default, maxWidth: rect.width)
        }
    }
}
