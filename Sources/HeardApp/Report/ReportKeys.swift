import TerminalUI

extension ReportUpdate {
    /// The report's keys.
    static let keys = ScreenKeys(scopes: [KeyScope(.report), ScreenKeys.movementsAndOpen, ScreenKeys.global], hints: [
        (.list(.open), "cases behind"), (.report(.previousPeriod), "earlier"), (.report(.nextPeriod), "later"), (.report(.range), "range"),
        (.report(.areas), "areas"), (.report(.publicView), "public"), (.report(.export), "export"), (.global(.back), "back"),
    ])
}
