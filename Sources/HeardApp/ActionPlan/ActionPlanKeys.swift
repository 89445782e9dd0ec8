import TerminalUI

extension ActionPlanUpdate {
    /// The action plan's keys (A, which opens the plan, does nothing on it).
    static let keys = ScreenKeys(scopes: [KeyScope(.actionPlan), ScreenKeys.list(ListCommand.movements + [.open, .narrow]), ScreenKeys.global(except: [.actionPlan])], hints: [
        (.actionPlan(.addAction), "add"), (.actionPlan(.edit), "edit"), (.list(.narrow), "find"), (.actionPlan(.progress), "progress"), (.actionPlan(.complete), "complete"), (.actionPlan(.drop), "drop"),
        (.list(.open), "open source"), (.actionPlan(.toggleGrouping), "group"), (.actionPlan(.showAll), "all"), (.global(.undo), "undo"),
        (.global(.back), "back"),
    ])
}
