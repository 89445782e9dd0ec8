import TerminalUI

extension LettersUpdate {
    /// The letters screen's keys: Enter shows a letter; e, s and r act on the one shown.
    static let keys = ScreenKeys(scopes: [KeyScope(.letters), ScreenKeys.movementsAndOpen, ScreenKeys.global], hints: [
        (.list(.open), "show"), (.letters(.save), "save"), (.letters(.record), "record sent"), (.letters(.edit), "edit"), (.global(.undo), "undo"),
        (.global(.back), "back"),
    ])
}
