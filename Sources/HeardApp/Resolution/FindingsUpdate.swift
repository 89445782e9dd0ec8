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
            guard data.contact.id == f.contactID else { return [] }
            let shown = f.data?.contact.issues.count
            f.data = data
            // An issue added (`+`, just saved): selected, so that its finding is the next key's
            // (the selection stayed on the first, and `p` recorded there; found by a trial).
            if let shown, data.contact.issues.count > shown { f.selection = shown }
            return []
        case .list(let c):
            _ = ListMove.apply(c, &f.selection, count: f.data?.contact.issues.count ?? 0, page: ctx.size.height - 8)
            return []
        case .command(let c):
            guard let d = f.data, let id = d.contact.id else { return [] }
            let issues = d.contact.issues
            if c == .text {
                guard issues.indices.contains(f.selection) else { return [.say("No issue to write a finding on: add one first.", error: true)] }
                return [.push(.form(FormScreen(form: findingForm(d, issue: f.selection, stage: f.stage, ctx), purpose: .move(.findings, contact: d.contact))))]
            }
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

extension FindingsUpdate {
    /// The form that writes one issue's finding at `stage`: its verdict and, beside it, what was
    /// found in words (both as recorded to start with). Saved as a `heard move finding` is.
    static func findingForm(_ d: CaseDetailData, issue i: Int, stage: Int, _ ctx: ScreenContext) -> FormState {
        let issue = d.contact.issues[i]
        var number = FormField("issue", "Issue", .text, value: String(i + 1))
        number.hidden = true
        let fields = [
            number,
            FormField("verdict", "Verdict", .choice(Finding.allCases.map(\.label)), value: issue.findings[stage]?.label ?? "", required: true),
            FormField("text", "Finding", .longText, value: issue.findingTexts[stage] ?? ""),
        ]
        var form = FormState(title: "Stage \(stage) finding on issue \(i + 1) (\(issue.category)) · \(d.contact.reference)", fields: fields, sources: ctx.sources)
        // The verdict first; once it is recorded, what is left to do is to write the finding.
        form.focus = issue.findings[stage] == nil ? 1 : 2
        return form
    }
}
