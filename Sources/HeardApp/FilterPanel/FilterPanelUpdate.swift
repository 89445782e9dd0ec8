import HeardCore
import TerminalUI

/// The filter panel's update: it changes its own copy of the filters and, on Enter, sends
/// them to the case list. A printable key no panel key is bound to (a capital: h/j/k/l and space
/// keep their list meanings) types the value wanted on the focused filter, and once typing has
/// begun every printable key goes on typing it (the q of "Qasim" is a letter, not "back"); ?
/// stays help.
enum FilterPanelUpdate {
    static let keys = ScreenKeys(scopes: [KeyScope(.filters), ScreenKeys.global([.back, .help])], hints: [
        (.filters(.nextFilter), "next"), (.filters(.previousFilter), "previous"), (.filters(.nextValue), "change"),
        (.filters(.apply), "apply"), (.global(.back), "cancel"),
    ])

    static func update(_ panel: FilterPanelState, _ key: Key, _ ctx: ScreenContext) -> [Output] {
        var panel = panel
        if case .paste(let text, _) = key {
            panel.paste(text)
            return [.overlay(.filters(panel))]
        }
        let command = keys.command(for: key, ctx.keymap)
        if !panel.typed.isEmpty, command != .global(.help), case .char(let c) = key {
            panel.type(c)
            return [.overlay(.filters(panel))]
        }
        switch command {
        case .filters(.previousFilter)?:
            panel.keepTyped()
            panel.focus = max(0, panel.focus - 1)
        case .filters(.nextFilter)?:
            panel.keepTyped()
            panel.focus = min(FilterPanelState.fields.count - 1, panel.focus + 1)
        case .filters(.previousValue)?: panel.step(-1)
        case .filters(.nextValue)?: panel.step(1)
        case .filters(.apply)?: return [.overlay(nil), .send(.caseList(.setFilters(panel.filters)))]
        case .global(.back)?:
            // Esc while typing puts back the value from before it; the next Esc cancels.
            guard panel.typed.isEmpty else { panel.cancelTyped(); break }
            return [.overlay(nil)]
        // ? is help here as on every screen: the panel's keys, and back to the panel after.
        case .global(.help)?: return [.overlay(.help(offset: 0, panel: panel))]
        case nil:
            if key == .backspace { panel.deleteBackward() } else if case .char(let c) = key { panel.type(c) }
        default: break
        }
        return [.overlay(.filters(panel))]
    }

    /// What the panel's help says beside its keys: how typing finds a value.
    static let typingLegend: [(symbol: String, meaning: String)] = [
        ("letters", "find a value (a capital, or any letter not a key above, begins): the first that begins with them, else holds them"),
        ("backspace", "take the last letter back"),
        ("esc", "while typing: the value from before it"),
    ]
}
