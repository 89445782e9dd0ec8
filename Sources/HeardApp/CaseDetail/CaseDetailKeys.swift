import TerminalUI

extension CaseDetailUpdate {
    /// The case detail's keys.
    static let keys = ScreenKeys(scopes: [KeyScope(.caseDetail), ScreenKeys.movements, ScreenKeys.global], hints: [
        (.global(.back), "back"), (.list(.down), "scroll"), (.caseDetail(.nextSection), "next section"),
        (.caseDetail(.edit), "edit"), (.caseDetail(.workflow), "workflow"), (.caseDetail(.logContact), "log contact"), (.caseDetail(.letters), "letters"),
        (.caseDetail(.documents), "documents"), (.global(.undo), "undo"), (.global(.help), "help"),
    ])
}
