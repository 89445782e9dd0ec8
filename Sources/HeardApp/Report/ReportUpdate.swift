import HeardCore
import TerminalUI

/// What can happen on the report screen.
public enum ReportAction: Sendable {
    case list(ListCommand)
    case command(ReportCommand)
    case loaded(ReportGroup, period: Period, areas: [String])
    /// The range form's answer.
    case setPeriod(Period)
    /// The service areas form's answer.
    case setAreas([String])
}

/// The report screen's update.
enum ReportUpdate {
    static func figureCount(_ r: ReportState) -> Int {
        guard let g = r.shown else { return 0 }
        return ReportLines.build(g).filter { $0.kind == .figure }.count
    }

    static func load(_ r: ReportState) -> Effect { .loadReport(r.period, areas: r.serviceAreas) }

    /// The path of the selected figure ("actions.overdue"), nil when none is shown.
    static func selectedPath(_ r: ReportState) -> String? {
        guard let g = r.shown else { return nil }
        let figures = ReportLines.build(g).filter { $0.kind == .figure }
        return figures.indices.contains(r.selection) ? figures[r.selection].path : nil
    }

    /// After the figures shown changed (another year, the public view): the same figure stays
    /// selected where it is still shown, so that Enter lists what the reader chose. Kept by row
    /// number, it landed on another figure (the public view drops rows).
    static func reselect(_ r: inout ReportState, path: String?) {
        let paths = r.shown.map { ReportLines.build($0).filter { $0.kind == .figure }.map(\.path) } ?? []
        if let path, let i = paths.firstIndex(of: path) { r.selection = i; return }
        r.selection = min(r.selection, max(0, paths.count - 1))
    }

    static func update(_ r: inout ReportState, _ action: ReportAction, _ ctx: ScreenContext) -> [Output] {
        switch action {
        case .loaded(let g, let period, let areas):
            guard r.period == period, r.serviceAreas == areas else { return [] }
            let path = selectedPath(r)
            r.report = g
            r.loading = false
            reselect(&r, path: path)
            return []
        case .setPeriod(let p):
            r.period = p
            r.loading = true
            r.selection = 0
            return [.effect(load(r))]
        case .setAreas(let areas):
            r.serviceAreas = areas
            r.loading = true
            r.selection = 0
            return [.effect(load(r))]
        case .list(.open):
            return open(r, ctx)
        case .list(let c):
            ListMove.apply(c, &r.selection, count: figureCount(r), page: ctx.size.height - 6)
            return []
        case .command(let c):
            return command(&r, c, ctx)
        }
    }

    static func command(_ r: inout ReportState, _ c: ReportCommand, _ ctx: ScreenContext) -> [Output] {
        switch c {
        case .previousPeriod, .nextPeriod:
            let next = shift(r.period, by: c == .previousPeriod ? -1 : 1)
            // No figure can fall in a period not yet begun: `]` walked on into empty years, each
            // a load and a screen of zeros (found by a trial).
            if c == .nextPeriod && next.from > ctx.today {
                return [.say("Nothing later to report: the next period begins on \(ctx.dateStyle.text(next.from)), after today.")]
            }
            r.period = next
            r.loading = true
            return [.effect(load(r))]
        case .publicView:
            let path = selectedPath(r)
            r.publicView.toggle()
            reselect(&r, path: path)
            return [.say(r.publicView ? "Public view: no names; c hides counts 1-\(r.suppressUpTo) and figures that would reveal them." : "Full view.")]
        case .range:
            // In the style the screens write dates in (`[ui] date_format`), as the title above
            // it does; the date parser reads both.
            let f = FormState(title: "Report range", fields: [
                FormField("from", "From", .date, value: ctx.dateStyle.text(r.period.from), required: true),
                FormField("to", "To", .date, value: ctx.dateStyle.text(r.period.to), required: true),
            ], sources: ctx.sources)
            return [.push(.form(FormScreen(form: f, purpose: .reportRange)))]
        case .areas:
            let f = FormState(title: "Service areas (empty: all)", fields: [
                FormField("areas", "Service areas", .multiChoice(ctx.reference.serviceAreas), value: r.serviceAreas.joined(separator: "; ")),
            ], sources: ctx.sources)
            return [.push(.form(FormScreen(form: f, purpose: .reportAreas)))]
        case .export:
            let f = ReportExportForm.form(r, ctx)
            return [.push(.form(FormScreen(form: f, purpose: .reportExport(period: r.period, areas: r.serviceAreas))))]
        }
    }

    /// Enter on a figure: the cases behind it (none in the public view).
    static func open(_ r: ReportState, _ ctx: ScreenContext) -> [Output] {
        guard let g = r.shown else { return [] }
        let figures = ReportLines.build(g).filter { $0.kind == .figure }
        guard figures.indices.contains(r.selection) else { return [] }
        let fig = figures[r.selection]
        if r.publicView { return [.say("The public view lists no cases.")] }
        // A sum, rate or average has no cases of its own: the counts beside it do.
        guard fig.count != nil else { return [.say("\(fig.label) is not a count: Enter on a count lists the cases behind it.")] }
        guard !fig.refs.isEmpty else { return [.say("No cases behind \(fig.label.lowercased()).")] }
        var seen = Set<String>()
        let refs = fig.refs.filter { seen.insert($0).inserted }
        // An Actions figure counts actions, not cases: the action plan lists them.
        if let ids = ActionPlanState.ids(behind: refs) {
            return [.push(.actionPlan(ActionPlanState(figure: fig.label, ids: ids))), .effect(.loadActions)]
        }
        // Which figure, in words, and of which period (the list outlives the screen's range).
        let title = "\(fig.section) · \(fig.label) · \(ctx.dateStyle.rewritingISODates(in: r.period.label))"
        return [.push(.figureCases(FigureCasesState(title: title, references: refs, rows: ctx.rows)))]
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
}
