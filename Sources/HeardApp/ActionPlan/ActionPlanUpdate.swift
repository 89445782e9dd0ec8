import HeardCore
import TerminalUI

/// Keys on the action plan.
enum ActionPlanUpdate {
    /// The one-line entry form, e.g. `Present the plan @"Head of Service" due:2022-09-30 #board`.
    static func lineForm(_ s: AppState, prefill: String) -> FormState {
        var f = FormState(title: "New action: title @owner due:DATE #tag area:\"Service area\" case:REF",
                          fields: [FormField("line", "Action", .actionLine, value: prefill, required: true)], sources: s.sources)
        f.reference = s.reference
        return f
    }

    static func handle(_ a: inout ActionPlanState, action: String, state s: inout AppState) -> [Effect] {
        let rows = a.rows(today: s.today)
        let count = a.actionRowIndices(rows).count
        if let id = a.confirmingComplete {
            a.confirmingComplete = nil
            if action == "confirm", let item = a.items.first(where: { $0.id == id }) {
                return [.updateAction(item.completed(on: s.today))]
            }
            s.say("Not completed.")
            return []
        }
        if ListMove.apply(action, &a.selection, count: count, page: s.size.height - 6) { return [] }
        switch action {
        case "addAction":
            s.stack.append(.form(FormScreen(form: lineForm(s, prefill: ""), purpose: .addAction(source: nil, serviceArea: ""))))
        case "toggleGrouping":
            a.grouping = a.grouping == .owner ? .serviceArea : .owner
            a.selection = 0
        case "showAll":
            a.showAll.toggle()
            a.selection = 0
        case "progress":
            guard let item = a.selectedAction(today: s.today) else { return [] }
            let f = FormState(title: "Progress on: \(item.title)", fields: [FormField("note", "Note", .longText, required: true),
                                                                           FormField("date", "Date", .date, value: "today", required: true)], sources: s.sources)
            s.stack.append(.form(FormScreen(form: f, purpose: .progressNote(item))))
        case "complete":
            guard let item = a.selectedAction(today: s.today), item.status.isOutstanding else { return [] }
            a.confirmingComplete = item.id
        case "drop":
            guard let item = a.selectedAction(today: s.today), item.status.isOutstanding else { return [] }
            let f = FormState(title: "Drop: \(item.title)", fields: [FormField("reason", "Reason", .text, required: true)], sources: s.sources)
            s.stack.append(.form(FormScreen(form: f, purpose: .dropAction(item))))
        case "open":
            guard let item = a.selectedAction(today: s.today) else { return [] }
            switch item.source {
            case .caseReference(let ref)?:
                if let i = s.list.rows.index(ofReference: ref) {
                    let id = s.list.rows.id(i)
                    s.stack.append(.detail(CaseDetailState(id: id)))
                    return [.loadCase(id)]
                }
                s.say("\(ref) is not in the case list.")
            case .learningPoint(let id)?:
                return [.openLearning(id)]
            case .meeting(let m, let r)?:
                s.say("From \(m)\(r.isEmpty ? "" : ", resolution \(r)").")
            case nil:
                s.say("This action has no source.")
            }
        default: break
        }
        return []
    }
}
