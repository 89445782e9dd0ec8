import TerminalUI

extension WorkflowUpdate {
    /// The workflow's keys: a key per move (shown beside each move), and Enter on the selected one.
    static let keys = ScreenKeys(scopes: [KeyScope(.workflow), ScreenKeys.movementsAndOpen, ScreenKeys.global], hints: [
        (.list(.open), "do the move"), (.global(.undo), "undo"), (.global(.back), "back"), (.global(.help), "help"),
    ])
}

extension FindingsUpdate {
    /// The findings' keys: one per finding, and adding an issue. Adding an issue comes before
    /// clearing a verdict, so at 80 columns (where one of them gives way) it is clearing that goes:
    /// a complaint found to hold another issue had no sign of how to add it.
    static let keys = ScreenKeys(scopes: [KeyScope(.findings), ScreenKeys.movements, ScreenKeys.global], hints: [
        (.findings(.upheld), "upheld"), (.findings(.partiallyUpheld), "partially"), (.findings(.notUpheld), "not upheld"),
        (.findings(.text), "finding"),
        (.findings(.addIssue), "add issue"), (.findings(.clear), "clear"), (.global(.back), "back"), (.global(.help), "help"),
    ])
}
