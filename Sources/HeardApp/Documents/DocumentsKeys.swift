import TerminalUI

extension DocumentsUpdate {
    /// The documents screen's keys.
    static let keys = ScreenKeys(scopes: [KeyScope(.documents), ScreenKeys.movementsAndOpen, ScreenKeys.global], hints: [
        (.documents(.attach), "attach a file"), (.documents(.save), "save out"), (.global(.undo), "undo"), (.global(.back), "back"),
    ])
}
