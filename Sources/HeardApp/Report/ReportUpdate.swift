import HeardCore
import TerminalUI

/// Keys on the report screen and the cases behind a figure.
enum ReportUpdate {
    static func figureCount(_ r: ReportState) -> Int {
        guard let g = r.shown else { return 0 }
        return ReportLines.build(g).filter { $0.kind == .figure }.count
    }

    static func load(_ r: ReportState) -> Effect { .loadReport(r.period, areas: r.serviceAreas) }

    static func handle(_ r: inout ReportState, action: String, state s: inout AppState) -> [Effect] {
        if ListMove.apply(action, &r.selection, count: figureCount(r), page: s.size.height - 6) { return [] }
        switch action {
        case "previousPeriod", "nextPeriod":
            r.period = shift(r.period, by: action == "previousPeriod" ? -1 : 1)
            r.loading = true
            return [load(r)]
        case "publicView":
            r.publicView.toggle()
            s.say(r.publicView ? "Public view: counts from 1 to \(r.suppressUpTo) shown as c, no names." : "Full view.")
        case "range":
            let f = FormState(title: "Report range", fields: [
                FormField("from", "From", .date, value: r.period.from.iso, required: true),
                FormField("to", "To", .date, value: r.period.to.iso, required: true),
            ], sources: s.sources)
            s.stack.append(.form(FormScreen(form: f, purpose: .reportRange)))
        case "areas":
            let f = FormState(title: "Service areas (empty: all)", fields: [
                FormField("areas", "Service areas", .multiChoice(s.reference.serviceAreas), value: r.serviceAreas.joined(separator: "; ")),
            ], sources: s.sources)
            s.stack.append(.form(FormScreen(form: f, purpose: .reportAreas)))
        case "export":
            let f = FormState(title: "Export the report", fields: [
                FormField("format", "Format", .choice(["markdown", "csv", "json", "html", "text"]), value: "html", required: true),
                FormField("file", "File", .text, value: "complaints-report-\(r.period.label.replacingOccurrences(of: " to ", with: "_to_")).html", required: true),
                FormField("public", "Public version", .choice(["no", "yes"]), value: r.publicView ? "yes" : "no"),
            ], sources: s.sources)
            s.stack.append(.form(FormScreen(form: f, purpose: .reportExport)))
        case "open":
            guard let g = r.shown else { return [] }
            let figures = ReportLines.build(g).filter { $0.kind == .figure }
            guard figures.indices.contains(r.selection) else { return [] }
            let fig = figures[r.selection]
            if r.publicView { s.say("The public view lists no cases."); return [] }
            guard !fig.refs.isEmpty else { s.say("No cases behind \(fig.label.lowercased())."); return [] }
            var seen = Set<String>()
            let refs = fig.refs.filter { seen.insert($0).inserted }
            s.stack.append(.figureCases(FigureCasesState(title: "\(fig.label) (\(fig.path))", references: refs, rows: s.list.rows)))
        default: break
        }
        return []
    }

    /// The same range a year (or its own length) earlier or later.
    static func shift(_ p: Period, by direction: Int) -> Period {
        if direction < 0 { return p.previous }
        let next = p.to.adding(days: 1)
        if p.from.day == next.day {
            let months = (next.year - p.from.year) * 12 + (next.month - p.from.month)
            if months > 0 { return Period(from: p.from.adding(months: months), to: next.adding(months: months).adding(days: -1)) }
        }
        let len = p.from.days(to: p.to) + 1
        return Period(from: p.from.adding(days: len), to: p.to.adding(days: len))
    }

    static func handleFigureCases(_ fc: inout FigureCasesState, action: String, state s: inout AppState) -> [Effect] {
        let count = fc.references.count
        let rows = max(1, s.size.height - 5)
        switch action {
        case "up": fc.selection.move(by: -1, count: count, visibleRows: rows)
        case "down": fc.selection.move(by: 1, count: count, visibleRows: rows)
        case "top": fc.selection.select(0, count: count, visibleRows: rows)
        case "bottom": fc.selection.select(count - 1, count: count, visibleRows: rows)
        case "pageUp": fc.selection.move(by: -rows, count: count, visibleRows: rows)
        case "pageDown": fc.selection.move(by: rows, count: count, visibleRows: rows)
        case "open":
            guard fc.references.indices.contains(fc.selection.selected) else { return [] }
            let ref = fc.references[fc.selection.selected]
            if let i = s.list.rows.index(ofReference: ref) {
                let id = s.list.rows.id(i)
                s.stack.append(.detail(CaseDetailState(id: id)))
                return [.loadCase(id)]
            }
            s.say("\(ref) is not in the case list.")
        default: break
        }
        return []
    }
}
