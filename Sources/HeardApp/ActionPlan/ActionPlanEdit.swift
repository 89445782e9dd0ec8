import HeardCore
import TerminalUI

/// Editing an action (`e`): its title, owner, due date, tags and service area in a form; one
/// store command (`updateAction`), one transaction, one undo step.
extension ActionPlanUpdate {
    static func editForm(_ item: ActionItem, _ ctx: ScreenContext, plan: [ActionItem] = []) -> FormScreen {
        let fields = [
            FormField("title", "Title", .text, value: item.title, required: true),
            FormField("owner", "Owner", .suggest("owner"), value: item.owner),
            FormField("due", "Due (blank: none)", .date, value: item.due?.iso ?? ""),
            FormField("tags", "Tags", .text, value: item.tags.map { "#" + $0 }.joined(separator: " ")),
            FormField("service_area", "Service area", .choice(ctx.reference.serviceAreas), value: item.serviceArea),
        ]
        var f = FormState(title: "Edit action: \(item.title)", fields: fields, sources: withOwners(ctx.sources, plan))
        f.reference = ctx.reference
        return FormScreen(form: f, purpose: .editAction(item))
    }

    /// The action the edit form describes, or nil with the problem shown beside its field.
    static func edited(_ item: ActionItem, from f: inout FormState, _ s: ScreenContext) -> ActionItem? {
        guard f.validateAll() else { return nil }
        // Only what was changed in the form: a field left alone keeps the action's value, which
        // is someone else's newer one when the save met theirs (Update.rebaseActionForm).
        func changed(_ key: String) -> String? {
            guard let field = f.fields.first(where: { $0.key == key }), field.value != field.initial.trimmingSpaces else { return nil }
            return field.value
        }
        let edit = ActionEdit(title: changed("title"), owner: changed("owner"), due: changed("due"), tags: changed("tags"), serviceArea: changed("service_area"))
        switch edit.applied(to: item, today: s.today, calendar: s.calendar, reference: s.reference) {
        case .success(let a): return a
        case .failure(let p):
            f.setError(p.field, p.message)
            f.focus(on: p.field)
            f.fresh = false
            f.problem = "\(QuickEntry.label(p.field, in: f)): \(p.message)"
            return nil
        }
    }

    /// Keys while typing the `/` filter: text edits narrow the plan as you type; Enter keeps
    /// the filter, Esc clears it (as on the case list).
    static func queryKey(_ a: inout ActionPlanState, _ key: Key, _ ctx: ScreenContext) -> [Output] {
        switch QueryTyping.handle(&a.queryInput, key, ctx) {
        case .kept(let text): a.query = text
        case .cleared:
            a.query = ""
            a.selection = 0
        case .move(let c): return update(&a, .list(c), ctx)
        case .edited: a.selection = 0
        case .unchanged: break
        }
        return []
    }
}
