import TerminalUI

/// A paste (bracketed by the terminal, `Key.paste`) is text, never commands: it is typed into
/// the text input that has the focus, or ignored where none has it. Before, a paste was the
/// keys of its characters, so a newline in it ran the rest as commands (it quit the app,
/// applied a filter, dropped an action). The places that take a paste are named here one by
/// one; nothing else sees it, so no screen's key can be triggered by pasted text.
extension Update {
    static func paste(_ s: inout AppState, _ key: Key) -> [Effect] {
        guard case .paste(_, let cut) = key else { return [] }
        var effects: [Effect] = []
        switch pasteTarget(s) {
        case .ignored(let why):
            s.say("Paste ignored: \(why).")
            return []
        case .filterPanel(let panel):
            effects = apply(&s, FilterPanelUpdate.update(panel, key, s.context(withRows: false)))
        case .commandLine(let input):
            effects = apply(&s, CommandLineUpdate.update(input, key, s.context(), top: s.stack.last))
        case .form:
            effects = send(&s, .form(.key(key)))
        case .listQuery:
            effects = send(&s, .caseList(.queryKey(key)))
        case .actionPlanQuery:
            effects = send(&s, .actionPlan(.queryKey(key)))
        }
        if cut { s.say("Pasted the first \(BracketedPaste.limit / 1024) KB only: the rest of the paste was left out.") }
        return effects
    }

    /// Where a paste goes now.
    enum PasteTarget {
        case ignored(String)
        case filterPanel(FilterPanelState)
        case commandLine(TextInputState)
        case form
        case listQuery
        case actionPlanQuery
    }

    /// The text input a paste goes to, in the order `handleKey` gives keys to them.
    static func pasteTarget(_ s: AppState) -> PasteTarget {
        if s.dialog != nil && !s.helpOverDialog { return .ignored("answer the question first") }
        if s.isTooSmall { return .ignored("the terminal is too small") }
        switch s.overlay {
        case .help?: return .ignored("no text field here")
        case .filters(let panel)?: return .filterPanel(panel)
        case .command(let input, _)?: return .commandLine(input)
        case nil: break
        }
        if case .form(let fs)? = s.stack.last {
            // A question waiting for y (save, throw away, a new name) is answered by a key, not a paste.
            if fs.saving { return .ignored("the form is being saved") }
            if fs.confirming != nil || fs.form.confirmingDiscard || fs.form.newValueQuestion != nil {
                return .ignored("answer the question first")
            }
            return .form
        }
        if s.stack.isEmpty, s.list.queryInput != nil { return .listQuery }
        if case .actionPlan(let a)? = s.stack.last, a.queryInput != nil {
            if a.confirmingComplete != nil { return .ignored("answer the question first") }
            return .actionPlanQuery
        }
        return .ignored("no text field here")
    }
}
