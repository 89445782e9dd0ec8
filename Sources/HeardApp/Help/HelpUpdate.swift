import TerminalUI

/// The `?` help: the keys of the screen under it, scrolled with the list keys; any other key
/// closes it.
enum HelpUpdate {
    static func update(offset: Int, _ key: Key, _ ctx: ScreenContext) -> [Output] {
        let page = max(1, ctx.size.height - 4)
        switch ctx.keymap.command(for: key, in: [ScreenKeys.movements]) {
        case .list(.down)?: return [.overlay(.help(offset: offset + 1))]
        case .list(.up)?: return [.overlay(.help(offset: max(0, offset - 1)))]
        case .list(.pageDown)?: return [.overlay(.help(offset: offset + page))]
        case .list(.pageUp)?: return [.overlay(.help(offset: max(0, offset - page)))]
        default: return [.overlay(nil)]
        }
    }

    /// The help for a screen with these keys, as drawn.
    static func overlay(_ keys: ScreenKeys, _ keymap: Keymap, offset: Int, glyphs: Glyphs) -> HelpOverlay {
        var help = HelpOverlay(keymap: keymap, keyScopes: keys.scopes, title: "Keys (any other key closes)", offset: offset, glyphs: glyphs)
        // Status is shown by glyph as well as colour: say what each glyph means.
        help.legend = StatusGlyphs.legend(unicode: glyphs.unicode)
        return help
    }
}
