import TerminalUI

extension FigureCasesUpdate {
    /// The keys of the cases behind a figure.
    static let keys = ScreenKeys(scopes: [ScreenKeys.movementsAndOpen, ScreenKeys.global], hints: [
        (.list(.open), "open case"), (.global(.back), "back"),
    ])
}
