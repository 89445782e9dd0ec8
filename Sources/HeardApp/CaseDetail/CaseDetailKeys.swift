import TerminalUI

extension CaseDetailUpdate {
    /// The case detail's keys.
    static let keys = ScreenKeys(scopes: [KeyScope(.caseDetail), ScreenKeys.movements, ScreenKeys.global], hints: [
        // Most used first: the bar drops from the end when narrow, and at 80 columns the
        // correspondence (l, L, D) must still be findable; scrolling needs no hint to be found.
        (.global(.back), "back"), (.caseDetail(.edit), "edit"), (.caseDetail(.workflow), "workflow"),
        (.caseDetail(.logContact), "log"), (.caseDetail(.letters), "letters"), (.caseDetail(.documents), "docs"),
        (.global(.undo), "undo"), (.global(.help), "help"), (.caseDetail(.nextSection), "next section"), (.list(.down), "scroll"),
    ])
}
