import TerminalUI

extension MyWorkUpdate {
    /// "My work"'s keys (M, which opens it, does nothing on it).
    static let keys = ScreenKeys(scopes: [ScreenKeys.movementsAndOpen, ScreenKeys.global(except: [.myWork])], hints: [
        (.list(.open), "open"), (.global(.actionPlan), "actions"), (.global(.undo), "undo"), (.global(.back), "back"),
    ])
}
