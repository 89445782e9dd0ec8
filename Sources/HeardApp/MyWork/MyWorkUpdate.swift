import HeardCore
import TerminalUI

/// What can happen on "my work".
public enum MyWorkAction: Sendable {
    case list(ListCommand)
    case loaded(MyWork)
    case command(SubjectAccessKeyCommand)
    /// The answer to "answered today?": y, or any other key.
    case confirmAnswered(Bool)
}

/// "My work"'s update.
enum MyWorkUpdate {
    static func update(_ m: inout MyWorkState, _ action: MyWorkAction, _ ctx: ScreenContext) -> [Output] {
        switch action {
        case .loaded(let work):
            // Keep the selection on the same entry when the list changes under it.
            let before = m.selectedEntry
            m.work = work
            let idx = m.entryRowIndices(m.rows)
            if let before, let k = idx.firstIndex(where: { if case .entry(let e) = m.rows[$0] { return same(e, before) }; return false }) {
                m.selection = k
            } else {
                m.selection = min(m.selection, max(0, idx.count - 1))
            }
            // The request asked about was answered (or changed) elsewhere meanwhile: the question
            // goes. It stayed asked, unseen, when the list was left empty (a trial: no box, and
            // y still answered it, refused).
            if let q = m.confirmingAnswered, !work.requests.contains(where: { $0.request.id == q.id }) {
                m.confirmingAnswered = nil
                return [.say("Subject access request #\(q.id ?? 0) is no longer open: another session marked it answered (or removed it).")]
            }
            return []
        case .list(.open):
            return open(m, ctx)
        case .list(let c):
            ListMove.apply(c, &m.selection, count: m.entryRowIndices(m.rows).count, page: ctx.size.height - 6)
            return []
        case .command(.answered):
            guard case .request(let r)? = m.selectedEntry?.source, r.request.id != nil else {
                return [.say("d marks a subject access request answered: select one under Subject access requests.")]
            }
            m.confirmingAnswered = r.request
            return []
        case .command:
            return []
        case .confirmAnswered(let yes):
            guard let r = m.confirmingAnswered, let id = r.id else { return [] }
            m.confirmingAnswered = nil
            return yes ? [.effect(.completeSubjectAccess(id: id))] : [.say("Not marked answered.")]
        }
    }

    /// The same deadline or action, whatever its days left now.
    static func same(_ a: MyWorkEntry, _ b: MyWorkEntry) -> Bool {
        switch (a.source, b.source) {
        case (.item(let x), .item(let y)): return x.reference == y.reference && x.kind == y.kind
        case (.action(let x), .action(let y)): return x.action.id == y.action.id
        case (.request(let x), .request(let y)): return x.request.id == y.request.id
        default: return false
        }
    }

    /// Enter: a deadline opens its case; an action opens the action plan narrowed to it.
    static func open(_ m: MyWorkState, _ ctx: ScreenContext) -> [Output] {
        guard let e = m.selectedEntry else { return [] }
        switch e.source {
        case .item(let i):
            return [.openReference(i.reference, missing: .say("\(i.reference) is not in the case list."))]
        case .action(let a):
            var plan = ActionPlanState()
            plan.query = a.action.title
            return [.push(.actionPlan(plan)), .effect(.loadActions)]
        case .request(let r):
            let q = r.request
            return [.say("Subject access request #\(q.id ?? 0) for \(q.forWhom), made \(q.requestedText), due \(q.dueText): \(q.cases.isEmpty ? "no cases" : q.cases.joined(separator: ", ")). \(ctx.readOnly ? "heard sar --done \(q.id ?? 0) marks it answered" : "d marks it answered (heard sar --done \(q.id ?? 0))").", error: false)]
        }
    }

    /// Effects that bring "my work" up to date, when it is open.
    static func reload(_ stack: [Screen]) -> [Effect] {
        stack.contains { if case .myWork = $0 { return true }; return false } ? [.loadMyWork] : []
    }
}

extension MyWorkUpdate {
    /// `M`: "my work" for the officer config.toml names; with none, how to name one.
    static func openMyWork(_ s: inout AppState) -> [Effect] {
        if case .myWork? = s.stack.last { return [] }
        guard !s.officer.trimmingSpaces.isEmpty else {
            // A dialog, not the status line: the path is long and is the part the user needs.
            s.dialog = DialogState(title: "My work", lines: [
                "No officer is named, so Heard cannot tell whose work to show.",
                "Add this line to config.toml, then open Heard again:",
                "  officer = \"Your Name\"",
                "config.toml is here:",
                "  " + s.configPath,
            ])
            return []
        }
        s.stack.append(.myWork(MyWorkState()))
        return [.loadMyWork]
    }
}
