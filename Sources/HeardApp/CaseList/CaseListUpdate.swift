import HeardCore
import TerminalUI

/// What can happen on the case list.
public enum CaseListAction: Sendable {
    case list(ListCommand)
    case command(CaseListCommand)
    /// A key while the `/` filter is being typed.
    case queryKey(Key)
    /// The filter panel's choices, applied.
    case setFilters(ListFilters)
    /// `:filter STATE`: only the cases in that state.
    case showState(StateFilter)
}

/// The case list's update.
enum CaseListUpdate {
    static func update(_ l: inout CaseListState, _ action: CaseListAction, _ ctx: ScreenContext) -> [Output] {
        switch action {
        case .list(let c): return list(&l, c, ctx)
        case .command(let c): return command(&l, c, ctx)
        case .queryKey(let key): return queryKey(&l, key, ctx)
        case .setFilters(let f):
            l.filters = f
            l.refilter()
            return []
        case .showState(let f):
            l.filters.state = f
            l.refilter()
            return [.say("Showing \(f.rawValue) cases.")]
        }
    }

    /// Rows of the table that fit: the screen less title, header, status and hint lines.
    static func tableRows(_ ctx: ScreenContext) -> Int { max(1, ctx.size.height - 4) }

    static func list(_ l: inout CaseListState, _ c: ListCommand, _ ctx: ScreenContext) -> [Output] {
        let count = l.shown.count
        let rows = tableRows(ctx)
        // Any move but G forgets a G pressed while loading; G while loading is kept for the end.
        l.bottomWhenLoaded = c == .bottom && l.stillLoading
        switch c {
        case .up: l.selection.move(by: -1, count: count, visibleRows: rows)
        case .down: l.selection.move(by: 1, count: count, visibleRows: rows)
        case .top: l.selection.select(0, count: count, visibleRows: rows)
        case .bottom: l.selection.select(count - 1, count: count, visibleRows: rows)
        case .pageUp: l.selection.move(by: -max(1, rows - 1), count: count, visibleRows: rows)
        case .pageDown: l.selection.move(by: max(1, rows - 1), count: count, visibleRows: rows)
        case .open:
            guard let row = l.selectedRow else { return [] }
            return [.push(.detail(CaseDetailState(id: row.id))), .effect(.loadCase(row.id))]
        case .narrow:
            l.queryInput = TextInputState(text: l.query)
        case .mark:
            guard let row = l.selectedRow else { return [] }
            if l.marked.contains(row.id) { l.marked.remove(row.id) } else { l.marked.insert(row.id) }
            l.selection.move(by: 1, count: count, visibleRows: rows)
        }
        return []
    }

    static func command(_ l: inout CaseListState, _ c: CaseListCommand, _ ctx: ScreenContext) -> [Output] {
        switch c {
        case .markAll:
            // Marking only the rows read so far would make a bulk change reach a fraction of the
            // cases the officer sees counted a moment later (found by a trial).
            if l.stillLoading {
                l.markAllWhenLoaded.toggle()
                return [.say(l.markAllWhenLoaded ? "Still loading: every case shown will be marked once in (* again: not)."
                                                 : "Marking every case once the list is in: not now.")]
            }
            let ids = l.visibleIDs
            if ids.allSatisfy({ l.marked.contains($0) }) { l.marked.subtract(ids) } else { l.marked.formUnion(ids) }
        case .sortNext:
            let all = CaseColumn.allCases
            let i = all.firstIndex(of: l.sortColumn) ?? 0
            l.sortColumn = all[(i + 1) % all.count]
            l.sortAscending = l.sortColumn != .received
            l.refilter()
            return [.say(l.sortDescription)]
        case .sortReverse:
            l.sortAscending.toggle()
            l.refilter()
            return [.say(l.sortDescription)]
        case .stateFilter:
            let all = StateFilter.allCases
            let i = all.firstIndex(of: l.filters.state) ?? 0
            l.filters.state = all[(i + 1) % all.count]
            l.refilter()
        case .filters:
            // Counted as people count: "Officer 2" before "Officer 10" (found by a trial: reaching
            // Officer 29 took 22 presses of the arrow).
            let areas = l.rows.distinct(\.serviceArea).sorted(by: CaseRows.naturallyBefore)
            let officers = l.rows.distinct(\.officer).filter { !$0.isEmpty }.sorted(by: CaseRows.naturallyBefore)
            return [.overlay(.filters(FilterPanelState(filters: l.filters, serviceAreas: areas, officers: officers)))]
        case .clearFilters:
            l.filters = ListFilters()
            l.query = ""
            l.refilter()
        case .quickEntry:
            return [.push(.form(FormScreen(form: QuickEntry.form(ctx), purpose: .newContact)))]
        case .workflow:
            guard let row = l.selectedRow else { return [] }
            guard row.kind.hasWorkflow else { return [.say("A \(row.kind.label) has no workflow: it is recorded and counted.")] }
            return [.push(.workflow(WorkflowState(contactID: row.id))), .effect(.loadCase(row.id))]
        case .bulk:
            // In the order the list shows them (the refusals and undo's summary name them so: they
            // followed the order the rows were read in, found by an attack), then any the filter hides.
            var ids = l.shown.map { l.rows.id($0) }.filter { l.marked.contains($0) }
            if ids.count < l.marked.count {
                let seen = Set(ids)
                ids += l.rows.filter { l.marked.contains($0.id) && !seen.contains($0.id) }.map(\.id)
            }
            guard !ids.isEmpty else { return [.say("Mark cases with space first (* marks every shown row).")] }
            let n = ids.count
            return [.dialog(DialogState(title: "Bulk triage of \(Render.group(n)) marked case\(n == 1 ? "" : "s")", lines: ["Choose what to do to every marked case:"], choices: [
                DialogChoice("a", "assign an officer", [.openBulkForm(.assign, ids: ids)]),
                DialogChoice("s", "set the service area", [.openBulkForm(.serviceArea, ids: ids)]),
                DialogChoice("e", "escalate where allowed", [.confirmBulk(.escalate, ids: ids)]),
                DialogChoice("c", "close where allowed", [.confirmBulk(.close, ids: ids)]),
                DialogChoice("x", "export to CSV", [.openBulkForm(.export, ids: ids)]),
            ]))]
        }
        return []
    }

    /// The one-field form of a bulk change.
    static func bulkForm(_ kind: BulkKind, ids: [Int64], _ ctx: ScreenContext) -> FormScreen {
        let field: FormField
        switch kind {
        case .assign: field = FormField("value", "Officer", .suggest("officer"), required: true)
        case .serviceArea: field = FormField("value", "Service area", .choice(ctx.reference.serviceAreas), required: true)
        case .export: field = FormField("value", "File", .text, value: "marked-cases.csv", required: true)
        }
        let title: String
        let marked = "\(Render.group(ids.count)) marked case\(ids.count == 1 ? "" : "s")"
        switch kind {
        case .assign: title = "Assign \(marked)"
        case .serviceArea: title = "Set the service area of \(marked)"
        case .export: title = "Export \(marked) (import format, CSV)"
        }
        return FormScreen(form: FormState(title: title, fields: [field], sources: ctx.sources), purpose: .bulk(kind, ids: ids))
    }

    /// Keys while typing the `/` filter: text edits narrow the list as you type.
    static func queryKey(_ l: inout CaseListState, _ key: Key, _ ctx: ScreenContext) -> [Output] {
        switch QueryTyping.handle(&l.queryInput, key, ctx) {
        case .kept(let text): l.query = text
        case .cleared:
            l.query = ""
            l.refilter()
        case .move(let c): return list(&l, c, ctx)
        case .edited(let before, let after):
            // Typing more can only remove rows: filter what is shown (the first letter too: the
            // rows shown are then those the filters keep, already in order). Anything else starts over.
            if after.hasPrefix(before) { l.narrow() } else { l.refilter(keepSelection: false) }
            l.selection.select(0, count: l.shown.count, visibleRows: tableRows(ctx))
        case .unchanged: break
        }
        return []
    }
}
