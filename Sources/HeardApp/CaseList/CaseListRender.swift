import HeardCore
import TerminalUI

/// Draws the case list: a dense table, only the visible rows.
enum CaseListRender {
    static func title(_ l: CaseListState) -> TitleLine {
        let counts = l.loaded ? "\(Render.group(l.shown.count)) of \(Render.group(l.rows.count))" + (l.marked.isEmpty ? "" : " · \(Render.group(l.marked.count)) marked") : ""
        var chips = l.filters.chips
        if !l.query.isEmpty && l.queryInput == nil { chips.append("/" + l.query) }
        return TitleLine(left: "Heard · Cases", chips: chips, right: counts)
    }

    static func columns(width: Int, referenceWidth: Int = 12) -> (TableView, compactDates: Bool) {
        let compact = width < 110
        // As wide as the longest reference (CS-2026-10000 is 13), within reason.
        let ref = min(20, max(12, referenceWidth))
        let cols = [
            TableColumn("Reference", minWidth: ref, maxWidth: ref),
            TableColumn(compact ? "Rec'd" : "Received", minWidth: compact ? 8 : 10, maxWidth: compact ? 8 : 10),
            TableColumn("Kind", minWidth: 10, maxWidth: 14),
            TableColumn("Service area", minWidth: 10, flex: 2),
            TableColumn("Complainant", minWidth: 10, flex: 2),
            TableColumn("St", minWidth: 2, maxWidth: 2, alignment: .right),
            TableColumn("Officer", minWidth: 7, maxWidth: 22, flex: 1),
            TableColumn("Due", minWidth: 12, maxWidth: 14),
        ]
        return (TableView(columns: cols, showsMarks: true), compact)
    }

    static func render(_ s: AppState, into f: inout Frame, rect: Rect) {
        let l = s.list
        if !l.loaded {
            f.put(" Loading cases…", x: 0, y: rect.y + 1, role: .dim)
            return
        }
        if s.emptyDatabase { firstRun(s, into: &f, rect: rect); return }
        var (table, compact) = columns(width: rect.width, referenceWidth: l.referenceWidth)
        table.glyphs = s.glyphs
        var state = TableState(selection: l.selection, sortColumn: l.sortColumn.rawValue, sortAscending: l.sortAscending)
        let offset = l.selection.clampedOffset(count: l.shown.count, visibleRows: TableView.visibleRows(in: rect))
        let last = min(l.shown.count, offset + TableView.visibleRows(in: rect))
        if offset < last {
            for i in offset..<last where l.marked.contains(l.rows.id(l.shown[i])) { state.marked.insert(i) }
        }
        table.render(into: &f, rect: rect, state: state, rowCount: l.shown.count) { i in
            let r = l.rows.summary(l.shown[i])
            let (due, dueRole) = dueCell(r, glyphs: s.glyphs, dueSoonDays: s.rules.dueSoonDays)
            let received = compact ? short(r.received) : r.received.iso
            return TableRow([r.reference, received, r.kind.label, r.serviceArea, r.complainantName, r.stage.map(String.init) ?? "",
                             r.officer, due], role: nil, cellRoles: [nil, nil, nil, nil, nil, nil, nil, dueRole])
        }
        if l.shown.isEmpty && rect.height > 2 {
            let why = l.rows.isEmpty ? "No contacts yet." : "No case matches the filters. x clears them."
            f.put(" " + why, x: 0, y: rect.y + 2, role: .dim, maxWidth: rect.width)
        }
    }

    /// The due column: a status glyph then the deadline, or the state of a settled contact.
    static func dueCell(_ r: CaseSummary, glyphs: Glyphs, dueSoonDays: Int) -> (String, Role) {
        func g(_ k: String) -> String { StatusGlyphs.glyph(for: k, unicode: glyphs.unicode) }
        if let d = r.due {
            if r.paused { return (g("paused") + " " + d.iso, .statusPaused) }
            if r.overdue { return (g("overdue") + " " + d.iso, .statusOverdue) }
            if let left = r.daysLeft, left <= dueSoonDays { return (g("due-soon") + " " + d.iso, .statusDueSoon) }
            if r.extended { return (g("extended") + " " + d.iso, .statusExtended) }
            return (g("ok") + " " + d.iso, .default)
        }
        switch r.status {
        case .responded: return (g("ok") + " responded", .statusOk)
        case .withdrawn: return (g("withdrawn") + " withdrawn", .statusClosed)
        case .mediation: return (g("closed") + " mediation", .statusClosed)
        case .notAccepted: return (g("withdrawn") + " not accepted", .statusClosed)
        default: return (g("closed") + " closed", .statusClosed)
        }
    }

    /// `24/12/21`.
    static func short(_ d: LocalDate) -> String {
        let p = d.parts
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(p.day))/\(two(p.month))/\(two(p.year % 100))"
    }

    static func firstRun(_ s: AppState, into f: inout Frame, rect: Rect) {
        let lines = [
            "Welcome to Heard.",
            "",
            "This database has no contacts yet (\(s.databaseLabel)).",
            "",
            "To move a spreadsheet in, save it as CSV and run:",
            "    heard import complaints.csv --dry-run     (check it first)",
            "    heard import complaints.csv",
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
