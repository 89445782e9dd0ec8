import TerminalUI

/// The `?` help: the keys of the screen (or the filter panel) under it, scrolled with the list
/// keys; any other key closes it, back to the panel when it was opened there.
enum HelpUpdate {
    static func update(offset: Int, panel: FilterPanelState?, _ key: Key, _ ctx: ScreenContext) -> [Output] {
        let page = max(1, ctx.size.height - 4)
        func scrolled(_ to: Int) -> [Output] { [.overlay(.help(offset: max(0, to), panel: panel))] }
        switch ctx.keymap.command(for: key, in: [ScreenKeys.movements]) {
        case .list(.down)?: return scrolled(offset + 1)
        case .list(.up)?: return scrolled(offset - 1)
        case .list(.pageDown)?: return scrolled(offset + page)
        case .list(.pageUp)?: return scrolled(offset - page)
        default: return [.overlay(panel.map(Overlay.filters))]
        }
    }

    /// The help for a screen with these keys, as drawn; `statusLegend` adds what the status
    /// glyphs mean (on every screen, as status is shown by glyph as well as colour).
    static func overlay(_ keys: ScreenKeys, _ keymap: Keymap, offset: Int, glyphs: Glyphs, statusLegend: Bool = true) -> HelpOverlay {
        var help = HelpOverlay(keymap: keymap, keyScopes: keys.scopes, title: "Keys (any other key closes)", offset: offset, glyphs: glyphs)
        if statusLegend { help.legend = StatusGlyphs.legend(unicode: glyphs.unicode) }
        return help
    }

    /// The filter panel's help: its keys, and how typing finds a value.
    static func panelOverlay(_ keymap: Keymap, offset: Int, glyphs: Glyphs) -> HelpOverlay {
        var help = overlay(FilterPanelUpdate.keys, keymap, offset: offset, glyphs: glyphs, statusLegend: false)
        help.legend = FilterPanelUpdate.typingLegend
        help.legendTitle = "Typing"
        return help
    }
}
