import HeardCore
import TerminalUI

/// What can happen on the workflow screen.
public enum WorkflowAction: Sendable {
    case list(ListCommand)
    /// A move's key: the move it names, when the procedure allows it now.
    case move(WorkflowCommand)
    case loaded(CaseDetailData)
}

/// The workflow's update: picking a move opens its form (or the findings).
enum WorkflowUpdate {
    static func update(_ w: inout WorkflowState, _ action: WorkflowAction, _ ctx: ScreenContext) -> [Output] {
        let moves = w.moves
        switch action {
        case .loaded(let data):
            guard data.contact.id == w.contactID else { return [] }
            w.data = data
            w.selection = min(w.selection, max(0, w.moves.count - 1))
            return []
        case .list(.open):
            guard moves.indices.contains(w.selection) else { return [] }
            return start(moves[w.selection], w, ctx)
        case .list(let c):
            _ = ListMove.apply(c, &w.selection, count: moves.count, page: ctx.size.height - 8)
            return []
        case .move(let c):
            guard let m = moves.first(where: { WorkflowCommand($0) == c }) else {
                // The same words as `heard move`: why not, and what is possible now.
                let asked = Move.allCases.filter { WorkflowCommand($0) == c }
                if let d = w.data, let why = d.protection.stepRefusal(reference: d.contact.reference) { return [.say(why + ".", error: true)] }
                if let d = w.data, let why = asked.lazy.compactMap({ MoveRequest.refusal(of: $0, on: d.contact, clock: d.clock, today: ctx.today,
                                                                                            calendar: ctx.calendar, rules: ctx.rules) }).first {
                    return [.say(why, error: true)]
                }
                return [.say("\(c.label): not a move the procedure allows now.", error: true)]
            }
            return start(m, w, ctx)
        }
    }

    static func start(_ m: Move, _ w: WorkflowState, _ ctx: ScreenContext) -> [Output] {
        guard let d = w.data else { return [] }
        if m == .findings { return [.push(.findings(FindingsState(contactID: w.contactID, data: d)))] }
        return [.push(.form(FormScreen(form: MoveForms.form(m, d, ctx), purpose: .move(m, contact: d.contact))))]
    }
}

extension WorkflowCommand {
    /// The move's name, for a refusal.
    var label: String {
        switch self {
        case .pause: return "Pause or resume"
        case .ombudsman: return "The Ombudsman"
        default: return Move.allCases.first { WorkflowCommand($0) == self }?.label ?? rawValue
        }
    }
}
