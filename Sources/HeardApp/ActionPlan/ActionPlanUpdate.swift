import HeardCore
import TerminalUI

/// What can happen on the action plan.
public enum ActionPlanAction: Sendable {
    case list(ListCommand)
    case command(ActionPlanCommand)
    /// The answer to "complete this action?": true for yes.
    case confirmComplete(Bool)
    case loaded([ActionItem])
    /// A key while the `/` filter is being typed.
    case queryKey(Key)
}

/// The action plan's update.
enum ActionPlanUpdate {
    /// The one-line entry form, e.g. `Present the plan @"Head of Service" due:2022-09-30 #board`.
    static func lineForm(_ ctx: ScreenContext, prefill: String, plan: [ActionItem] = []) -> FormState {
        var f = FormState(title: "New action: title @owner due:DATE #tag area:\"Service area\" case:REF",
                          fields: [FormField("line", "Action", .actionLine, value: prefill, required: true)], sources: withOwners(ctx.sources, plan))
        f.reference = ctx.reference
        return f
    }

    /// Completion sources with the owners of the actions on the plan: an owner shown there is
    /// known, whatever the list read at start says (a new owner is asked about before saving).
    static func withOwners(_ sources: [String: [String]], _ plan: [ActionItem]) -> [String: [String]] {
        var out = sources
        var owners = out["owner"] ?? []
        for o in plan.map(\.owner) where !o.isEmpty && !owners.contains(o) { owners.append(o) }
        out["owner"] = owners
        return out
    }

    static func update(_ a: inout ActionPlanState, _ action: ActionPlanAction, _ ctx: ScreenContext) -> [Output] {
        switch action {
        case .loaded(let items):
            a.items = items
            a.loaded = true
            return []
        case .confirmComplete(let yes):
            guard let id = a.confirmingComplete else { return [] }
            a.confirmingComplete = nil
            if yes, let item = a.items.first(where: { $0.id == id }) {
                return [.effect(.updateAction(item.completed(on: ctx.today)))]
            }
            return [.say("Not completed.")]
        case .list(.open):
            return open(a, ctx)
        case .list(.narrow):
            a.queryInput = TextInputState(text: a.query)
            return []
        case .queryKey(let key):
            return queryKey(&a, key, ctx)
        case .list(let c):
            ListMove.apply(c, &a.selection, count: a.actionRowIndices(a.rows(today: ctx.today)).count, page: ctx.size.height - 6)
            return []
        case .command(let c):
            return command(&a, c, ctx)
        }
    }

    static func command(_ a: inout ActionPlanState, _ c: ActionPlanCommand, _ ctx: ScreenContext) -> [Output] {
        switch c {
        case .addAction:
            return [.push(.form(FormScreen(form: lineForm(ctx, prefill: "", plan: a.items), purpose: .addAction(source: nil, serviceArea: ""))))]
        case .toggleGrouping:
            a.grouping = a.grouping == .owner ? .serviceArea : .owner
            a.selection = 0
        case .showAll:
            a.showAll.toggle()
            a.selection = 0
        case .progress:
            guard let item = a.selectedAction(today: ctx.today) else { return [] }
            let f = FormState(title: "Progress on: \(item.title)", fields: [FormField("note", "Note", .longText, required: true),
                                                                           FormField("date", "Date", .date, value: "today", required: true)], sources: ctx.sources)
            return [.push(.form(FormScreen(form: f, purpose: .progressNote(item))))]
        case .complete:
            guard let item = a.selectedAction(today: ctx.today), item.status.isOutstanding else { return [] }
            a.confirmingComplete = item.id
        case .edit:
            guard let item = a.selectedAction(today: ctx.today) else { return [] }
            return [.push(.form(editForm(item, ctx, plan: a.items)))]
        case .drop:
            guard let item = a.selectedAction(today: ctx.today), item.status.isOutstanding else { return [] }
            let f = FormState(title: "Drop: \(item.title)", fields: [FormField("reason", "Reason", .text, required: true)], sources: ctx.sources)
            return [.push(.form(FormScreen(form: f, purpose: .dropAction(item))))]
        }
        return []
    }

    /// Enter: the action's source (its case, its learning point's case, or where it came from).
    static func open(_ a: ActionPlanState, _ ctx: ScreenContext) -> [Output] {
        guard let item = a.selectedAction(today: ctx.today) else { return [] }
        switch item.source {
        case .caseReference(let ref)?: return [.openReference(ref, missing: .say("\(ref) is not in the case list."))]
        case .learningPoint(let id)?: return [.effect(.openLearning(id))]
        case .meeting(let m, let r)?: return [.say("From \(m)\(r.isEmpty ? "" : ", resolution \(r)").")]
        case nil: return [.say("This action has no source.")]
        }
    }
}
