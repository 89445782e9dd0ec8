import TerminalUI

/// A dialog takes the next key: one of its choices runs that choice's effects; any other closes it.
enum DialogUpdate {
    static func answer(_ d: DialogState, _ key: Key, _ ctx: ScreenContext) -> [Output] {
        guard case .char(let c) = key, let choice = d.choices.first(where: { $0.key == c }) else { return [] }
        return choice.effects.map { e in
            // A bulk change that needs a value asks for it in a form of its own.
            if case .openBulkForm(let kind, let ids) = e { return .push(.form(CaseListUpdate.bulkForm(kind, ids: ids, ctx))) }
            return .effect(e)
        }
    }
}

extension DialogUpdate {
    /// Its choices, and Esc.
    static func hints(_ d: DialogState) -> [Hint] { d.choices.map { Hint(key: String($0.key), label: $0.label) } + [Hint(key: "esc", label: "cancel")] }
}
