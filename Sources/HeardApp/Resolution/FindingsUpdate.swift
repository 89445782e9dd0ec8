import HeardCore
import TerminalUI

/// What can happen on the findings screen.
public enum FindingsAction: Sendable {
    case list(ListCommand)
    case command(FindingsCommand)
    case loaded(CaseDetailData)
}

/// The findings' update: a key records the finding on the selected issue and moves on.
enum FindingsUpdate {
    static func update(_ f: inout FindingsState, _ action: FindingsAction, _ ctx: ScreenContext) -> [Output] {
        switch action {
        case .loaded(let data):
            if data.contact.id == f.contactID { f.data = data }
            return []
        case .list(let c):
            _ = ListMove.apply(c, &f.selection, count: f.data?.contact.issues.count ?? 0, page: ctx.size.height - 8)
            return []
        case .command(let c):
            guard let d = f.data, let id = d.contact.id else { return [] }
            let issues = d.contact.issues
            guard let chosen = c.finding else {
                var form = FormState(title: "Add an issue · \(d.contact.reference)",
                                     fields: [FormField("category", "Category", .choice(ctx.reference.categories), required: true)], sources: ctx.sources)
                form.focus = 0
                return [.push(.form(FormScreen(form: form, purpose: .addIssue(contact: d.contact))))]
            }
            guard issues.indices.contains(f.selection), let issueID = issues[f.selection].id else { return [] }
            f.selection = min(issues.count - 1, f.selection + 1)
            return [.effect(.setFinding(chosen, issueID: issueID, stage: f.stage, contactID: id, version: d.contact.version))]
        }
    }
}
