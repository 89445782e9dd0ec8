import HeardCore
import TerminalUI

/// Keys on the workflow and findings screens.
enum WorkflowUpdate {
    static func handle(_ w: inout WorkflowState, action: String, key: Key, state s: inout AppState) -> [Effect] {
        let moves = w.moves
        switch action {
        case "up": w.selection = max(0, w.selection - 1); return []
        case "down": w.selection = min(max(0, moves.count - 1), w.selection + 1); return []
        case "top": w.selection = 0; return []
        case "bottom": w.selection = max(0, moves.count - 1); return []
        case "open":
            guard moves.indices.contains(w.selection) else { return [] }
            return start(moves[w.selection], w, &s)
        default:
            if case .char(let c) = key, let m = moves.first(where: { $0.key == c }) { return start(m, w, &s) }
            return []
        }
    }

    static func start(_ m: Move, _ w: WorkflowState, _ s: inout AppState) -> [Effect] {
        guard let d = w.data else { return [] }
        if m == .findings {
            s.stack.append(.findings(FindingsState(contactID: w.contactID, data: d)))
            return []
        }
        s.stack.append(.form(FormScreen(form: MoveForms.form(m, d, s), purpose: .move(m, contact: d.contact))))
        return []
    }

    static func handleFindings(_ f: inout FindingsState, action: String, key: Key, state s: inout AppState) -> [Effect] {
        guard let d = f.data, let id = d.contact.id else { return [] }
        let issues = d.contact.issues
        switch action {
        case "up": f.selection = max(0, f.selection - 1); return []
        case "down": f.selection = min(max(0, issues.count - 1), f.selection + 1); return []
        default: break
        }
        guard case .char(let c) = key else { return [] }
        if c == "+" || c == "i" {
            var form = FormState(title: "Add an issue · \(d.contact.reference)",
                                 fields: [FormField("category", "Category", .choice(s.reference.categories), required: true)], sources: s.sources)
            form.focus = 0
            s.stack.append(.form(FormScreen(form: form, purpose: .addIssue(contact: d.contact))))
            return []
        }
        let finding: Finding??
        switch c {
        case "u": finding = .some(.upheld)
        case "p": finding = .some(.partiallyUpheld)
        case "n": finding = .some(.notUpheld)
        case "0": finding = .some(nil)
        default: finding = nil
        }
        guard let chosen = finding, issues.indices.contains(f.selection), let issueID = issues[f.selection].id else { return [] }
        let next = min(issues.count - 1, f.selection + 1)
        f.selection = next
        return [.setFinding(chosen, issueID: issueID, stage: f.stage, contactID: id, version: d.contact.version)]
    }
}
