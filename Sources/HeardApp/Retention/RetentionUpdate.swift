import HeardCore
import TerminalUI

/// What can happen on the retention screen.
public enum RetentionAction: Sendable {
    case list(ListCommand)
    case command(RetentionKeyCommand)
    case loaded(RetentionList, rules: String)
}

/// The retention screen's update: Enter opens a case; `x` disposes of every due case after a
/// `y` naming the count. Disposal is one store command and deliberately not undoable.
enum RetentionUpdate {
    static func update(_ r: inout RetentionState, _ action: RetentionAction, _ ctx: ScreenContext) -> [Output] {
        switch action {
        case .loaded(let list, let rules):
            r.list = list
            r.rules = rules
            r.selection = min(r.selection, max(0, r.items.count - 1))
            return []
        case .list(.open):
            guard let i = r.selected else { return [] }
            return [.openReference(i.reference, missing: .say("\(i.reference) is not in the case list."))]
        case .list(let c):
            ListMove.apply(c, &r.selection, count: r.items.count, page: ctx.size.height - 6)
            return []
        case .command(.dispose):
            guard let due = r.list?.due else { return [] }
            guard !due.isEmpty else { return [.say("No case is due for disposal.")] }
            return [.dialog(confirmation(due))]
        }
    }

    /// The question before disposal: the count, what it does, that it cannot be undone.
    static func confirmation(_ due: [RetentionItem]) -> DialogState {
        let n = "\(Render.group(due.count)) case\(due.count == 1 ? "" : "s")"
        return DialogState(title: "Dispose of \(n)?", lines: [
            "Each is anonymised: names, contact details, free text and documents go; the figures stay.",
            "Held cases are kept. This cannot be undone.",
        ], choices: [DialogChoice("y", "dispose of \(n)", [.dispose(due.map(\.contactID))])])
    }

    /// Effects that bring the retention screen up to date, when it is open.
    static func reload(_ stack: [Screen]) -> [Effect] {
        stack.contains { if case .retention = $0 { return true }; return false } ? [.loadRetention] : []
    }
}
