import TerminalUI

extension ReportUpdate {
    /// The report's keys. The hint bar gives way from its end: at 80 columns public and export
    /// (which only this screen has) stay beside the years, and range and areas go to `?` help.
    static let keys = ScreenKeys(scopes: [KeyScope(.report), ScreenKeys.movementsAndOpen, ScreenKeys.global], hints: [
        (.list(.open), "cases"), (.report(.previousPeriod), "earlier"), (.report(.nextPeriod), "later"),
        (.report(.publicView), "public"), (.report(.export), "export"), (.report(.range), "range"), (.report(.areas), "areas"),
        (.global(.back), "back"),
    ])
}
