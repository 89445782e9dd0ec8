import HeardCore
import TerminalUI

/// Keys on the case list.
enum CaseListUpdate {
    static func handle(_ s: inout AppState, action: String) -> [Effect] {
        let count = s.list.shown.count
        let rows = s.tableRows
        switch action {
        case "up": s.list.selection.move(by: -1, count: count, visibleRows: rows)
        case "down": s.list.selection.move(by: 1, count: count, visibleRows: rows)
        case "top": s.list.selection.select(0, count: count, visibleRows: rows)
        case "bottom": s.list.selection.select(count - 1, count: count, visibleRows: rows)
        case "pageUp": s.list.selection.move(by: -max(1, rows - 1), count: count, visibleRows: rows)
        case "pageDown": s.list.selection.move(by: max(1, rows - 1), count: count, visibleRows: rows)
        case "open":
            guard let row = s.list.selectedRow else { return [] }
            s.stack.append(.detail(CaseDetailState(id: row.id)))
            return [.loadCase(row.id)]
        case "narrow":
            s.list.queryInput = TextInputState(text: s.list.query)
        case "mark":
            guard let row = s.list.selectedRow else { return [] }
            if s.list.marked.contains(row.id) { s.list.marked.remove(row.id) } else { s.list.marked.insert(row.id) }
            s.list.selection.move(by: 1, count: count, visibleRows: rows)
        case "markAll":
            let ids = s.list.visibleIDs
            if ids.allSatisfy({ s.list.marked.contains($0) }) { s.list.marked.subtract(ids) } else { s.list.marked.formUnion(ids) }
        case "sortNext":
            let all = CaseColumn.allCases
            let i = all.firstIndex(of: s.list.sortColumn) ?? 0
            s.list.sortColumn = all[(i + 1) % all.count]
            s.list.sortAscending = s.list.sortColumn != .received
            s.list.refilter()
            s.say(s.list.sortDescription)
        case "sortReverse":
            s.list.sortAscending.toggle()
            s.list.refilter()
            s.say(s.list.sortDescription)
        case "stateFilter":
            let all = StateFilter.allCases
            let i = all.firstIndex(of: s.list.filters.state) ?? 0
            s.list.filters.state = all[(i + 1) % all.count]
            s.list.refilter()
        case "filters":
            let areas = s.list.rows.distinct(\.serviceArea).sorted()
            let officers = s.list.rows.distinct(\.officer).filter { !$0.isEmpty }.sorted()
            s.overlay = .filters(FilterPanelState(filters: s.list.filters, serviceAreas: areas, officers: officers))
        case "clearFilters":
            s.list.filters = ListFilters()
            s.list.query = ""
            s.list.refilter()
        case "quickEntry":
            s.stack.append(.form(FormScreen(form: QuickEntry.form(s), purpose: .newContact)))
        case "workflow":
            guard let row = s.list.selectedRow else { return [] }
            guard row.kind == .complaint || row.kind == .enquiry || row.kind == .memberEnquiry else {
                s.say("A \(row.kind.label) has no workflow: it is recorded and counted.")
                return []
            }
            s.stack.append(.workflow(WorkflowState(contactID: row.id)))
            return [.loadCase(row.id)]
        case "bulk":
            let ids = s.list.rows.filter { s.list.marked.contains($0.id) }.map(\.id)
            guard !ids.isEmpty else { s.say("Mark cases with space first (* marks every shown row)."); return [] }
            let n = ids.count
            s.dialog = DialogState(title: "Bulk triage of \(Render.group(n)) marked case\(n == 1 ? "" : "s")", lines: ["Choose what to do to every marked case:"], choices: [
                DialogChoice("a", "assign an officer", [.openBulkForm(.assign, ids: ids)]),
                DialogChoice("s", "set the service area", [.openBulkForm(.serviceArea, ids: ids)]),
                DialogChoice("e", "escalate where allowed", [.bulk(.escalate, ids: ids)]),
                DialogChoice("c", "close where allowed", [.bulk(.close, ids: ids)]),
                DialogChoice("x", "export to CSV", [.openBulkForm(.export, ids: ids)]),
            ])
        default:
            break
        }
        return []
    }

    /// The one-field form of a bulk change.
    static func bulkForm(_ kind: BulkKind, ids: [Int64], _ s: AppState) -> FormScreen {
        let field: FormField
        switch kind {
        case .assign: field = FormField("value", "Officer", .suggest("officer"), required: true)
        case .serviceArea: field = FormField("value", "Service area", .choice(s.reference.serviceAreas), required: true)
        case .export: field = FormField("value", "File", .text, value: "marked-cases.csv", required: true)
        }
        let title: String
        switch kind {
        case .assign: title = "Assign \(Render.group(ids.count)) marked cases"
        case .serviceArea: title = "Set the service area of \(Render.group(ids.count)) marked cases"
        case .export: title = "Export \(Render.group(ids.count)) marked cases (import format, CSV)"
        }
        return FormScreen(form: FormState(title: title, fields: [field], sources: s.sources), purpose: .bulk(kind, ids: ids))
    }

    /// Keys while typing the `/` filter: text edits narrow the list as you type.
    static func handleQueryKey(_ s: inout AppState, _ key: Key) -> [Effect] {
        guard var input = s.list.queryInput else { return [] }
        switch key {
        case .enter:
            s.list.query = input.text
            s.list.queryInput = nil
            return []
        case .escape:
            s.list.queryInput = nil
            s.list.query = ""
            s.list.refilter()
            return []
        case .up, .down, .pageUp, .pageDown:
            let action = s.keymap.action(for: key, scopes: ["list"]) ?? ""
            return handle(&s, action: action)
        default:
            let before = input.text
            _ = input.handle(key)
            s.list.queryInput = input
            let after = input.text
            if after == before { return [] }
            // Typing more can only remove rows: filter what is shown. Anything else starts over.
            if after.hasPrefix(before) && !before.isEmpty { s.list.narrow() } else { s.list.refilter(keepSelection: false) }
            s.list.selection.select(0, count: s.list.shown.count, visibleRows: s.tableRows)
            return []
        }
    }
}

/// Keys on the case detail.
enum CaseDetailUpdate {
    static func handle(_ d: inout CaseDetailState, action: String, state s: inout AppState) -> [Effect] {
        if action == "edit" || action == "workflow" {
            guard let data = d.data else { return [] }
            if action == "edit" {
                s.stack.append(.form(FormScreen(form: QuickEntry.form(s, editing: data.contact), purpose: .editContact(data.contact))))
            } else if [.complaint, .enquiry, .memberEnquiry].contains(data.contact.kind) {
                var w = WorkflowState(contactID: d.id)
                w.data = data
                s.stack.append(.workflow(w))
            } else {
                s.say("A \(data.contact.kind.label) has no workflow: it is recorded and counted.")
            }
            return []
        }
        let page = max(1, s.size.height - 4)
        let lines = d.data.map { CaseDetailLines.build($0, width: s.size.width, today: s.today, glyphs: s.glyphs) } ?? []
        let maxScroll = max(0, lines.count - page)
        switch action {
        case "up": d.scroll = max(0, d.scroll - 1)
        case "down": d.scroll = min(maxScroll, d.scroll + 1)
        case "pageUp": d.scroll = max(0, d.scroll - page)
        case "pageDown": d.scroll = min(maxScroll, d.scroll + page)
        case "top": d.scroll = 0
        case "bottom": d.scroll = maxScroll
        case "nextSection":
            if let i = lines.indices.first(where: { $0 > d.scroll && lines[$0].isSection }) { d.scroll = min(maxScroll, i) }
        case "previousSection":
            if let i = lines.indices.last(where: { $0 < d.scroll && lines[$0].isSection }) { d.scroll = i } else { d.scroll = 0 }
        default: break
        }
        return []
    }
}
