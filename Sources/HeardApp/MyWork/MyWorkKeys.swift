import TerminalUI

extension MyWorkUpdate {
    /// "My work"'s keys (M, which opens it, does nothing on it), and `d` on a subject access
    /// request: answered. Not in the hint bar (most lists hold no request): `?` lists it, and
    /// Enter on a request says it.
    static let keys = ScreenKeys(scopes: [KeyScope(KeyScopeName.subjectAccess.rawValue, only: [SubjectAccessKeyCommand.answered.rawValue]),
                                          ScreenKeys.movementsAndOpen, ScreenKeys.global(except: [.myWork])], hints: [
        (.list(.open), "open"), (.global(.actionPlan), "actions"), (.global(.undo), "undo"), (.global(.back), "back"),
    ])
}
