import TerminalUI

extension LettersUpdate {
    /// The letters screen's keys: Enter shows a letter; e, s and r act on the one shown.
    static let keys = ScreenKeys(scopes: scopes, hints: [
        (.list(.open), "show"), (.letters(.save), "save"), (.letters(.record), "record sent"), (.letters(.edit), "edit"), (.global(.undo), "undo"),
        (.global(.back), "back"),
    ])
    /// A letter shown: the same keys, without "show" (Enter does nothing more there; a trial).
    static let letterShownKeys = ScreenKeys(scopes: scopes, hints: keys.hints.filter { $0.0 != .list(.open) })
    private static let scopes = [KeyScope(.letters), ScreenKeys.movementsAndOpen, ScreenKeys.global]
}
