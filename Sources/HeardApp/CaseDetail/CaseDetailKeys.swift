import TerminalUI

extension CaseDetailUpdate {
    /// The case detail's keys.
    static let keys = ScreenKeys(scopes: [KeyScope(.caseDetail), ScreenKeys.movements, ScreenKeys.global], hints: [
        (.global(.back), "back"), (.list(.down), "scroll"), (.caseDetail(.nextSection), "next section"),
        (.caseDetail(.edit), "edit"), (.caseDetail(.workflow), "workflow"), (.global(.undo), "undo"), (.global(.help), "help"),
        // The correspondence after them: at 80 columns `l log` still fits beside them.
        (.caseDetail(.logContact), "log"), (.caseDetail(.letters), "letters"), (.caseDetail(.documents), "documents"),
    ])
}
