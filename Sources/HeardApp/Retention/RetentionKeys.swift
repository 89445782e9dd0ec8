import TerminalUI

extension RetentionUpdate {
    /// The retention screen's keys.
    static let keys = ScreenKeys(scopes: [KeyScope(.retention), ScreenKeys.movementsAndOpen, ScreenKeys.global], hints: [
        (.list(.open), "open"), (.retention(.dispose), "dispose of the due cases"), (.global(.back), "back"),
    ])
}
