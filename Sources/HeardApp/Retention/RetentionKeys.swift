import TerminalUI

extension RetentionUpdate {
    /// The retention screen's keys.
    static let keys = ScreenKeys(scopes: [KeyScope(.retention), ScreenKeys.movementsAndOpen, ScreenKeys.global], hints: [
        (.list(.open), "open"), (.retention(.dispose), "dispose of the due cases"), (.global(.back), "back"),
    ])
    /// While nothing is due (or the list is loading) `x` is not offered: it would only say so.
    static let nothingDueKeys = ScreenKeys(scopes: keys.scopes, hints: keys.hints.filter { $0.0 != .retention(.dispose) })
}
