import TerminalUI

extension Update {
    /// A key, and then: if it moved to another screen and said nothing new, the message of
    /// the screen left is gone (it spoke of that screen, not this one).
    static func handleKeyLeavingNoStaleMessage(_ s: inout AppState, _ key: Key) -> [Effect] {
        let messageBefore = s.message
        let effects = leavingNoStaleMessage(&s) { handleKey(&$0, key) }
        // A message over more than its line covers rows of the screen (the selected one, maybe):
        // it goes at the next key, which still does what it does.
        if let m = messageBefore, s.message == m, m.rows(width: s.size.width, most: Render.messageRowsAtMost).count > 1 { s.message = nil }
        return effects
    }

    /// `change`, and then: if it moved to another screen and said nothing new, the message of the
    /// screen left is gone. For a key, and for a screen that arrives after the key that asked for
    /// it (a learning point's case opened from the action plan, a letter shown): "r is not
    /// offered…" stayed over them (a trial).
    static func leavingNoStaleMessage(_ s: inout AppState, _ change: (inout AppState) -> [Effect]) -> [Effect] {
        let before = screenIdentity(s)
        let messageBefore = s.message
        let effects = change(&s)
        if screenIdentity(s) != before && s.message == messageBefore { s.message = nil }
        return effects
    }

    /// Which screen is on top: how deep, and what kind.
    static func screenIdentity(_ s: AppState) -> String {
        let kind: String
        switch s.stack.last {
        case nil: kind = "list"
        case .detail(let d)?: kind = "detail \(d.id)"
        case .form?: kind = "form"
        case .workflow?: kind = "workflow"
        case .findings?: kind = "findings"
        case .actionPlan?: kind = "actions"
        // Its period too: a message about one period ("Nothing later to report…") stayed over
        // the next one shown (a trial).
        case .report(let r)?: kind = "report \(r.period.from.iso) \(r.period.to.iso)"
        case .figureCases?: kind = "figure"
        case .myWork?: kind = "my work"
        case .documents?: kind = "documents"
        case .letters(let l)?: kind = l.preview == nil ? "letters" : "letter"
        case .retention?: kind = "retention"
        case .subjectAccess?: kind = "subject access"
        }
        return "\(s.stack.count) \(kind)"
    }
}
