import HeardCore
import TerminalUI

/// The filter panel's update: it changes its own copy of the filters and, on Enter, sends
/// them to the case list.
enum FilterPanelUpdate {
    static let keys = ScreenKeys(scopes: [KeyScope(.filters), ScreenKeys.list([.up, .down, .mark, .open]), ScreenKeys.global([.back, .help])], hints: [
        (.list(.down), "next"), (.list(.up), "previous"), (.filters(.nextValue), "change"), (.filters(.apply), "apply"), (.global(.back), "cancel"),
    ])

    static func update(_ panel: FilterPanelState, _ key: Key, _ ctx: ScreenContext) -> [Output] {
        var panel = panel
        switch keys.command(for: key, ctx.keymap) {
        case .list(.up)?: panel.focus = max(0, panel.focus - 1)
        case .list(.down)?: panel.focus = min(FilterPanelState.fields.count - 1, panel.focus + 1)
        case .filters(.previousValue)?: panel.step(-1)
        case .filters(.nextValue)?, .list(.mark)?: panel.step(1)
        case .filters(.apply)?, .list(.open)?: return [.overlay(nil), .send(.caseList(.setFilters(panel.filters)))]
        case .global(.back)?: return [.overlay(nil)]
        // ? is help here as on every screen: the panel's keys, and back to the panel after.
        case .global(.help)?: return [.overlay(.help(offset: 0, panel: panel))]
        default: break
        }
        return [.overlay(.filters(panel))]
    }
}
