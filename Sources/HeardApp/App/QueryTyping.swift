import TerminalUI

/// What a key does to a `/` filter being typed. The same on every list, so the case list and
/// the action plan cannot drift apart: Enter keeps the filter, Esc clears it, the arrows and
/// PgUp/PgDn still move the selection, and every other key edits the text.
enum QueryTyping: Equatable {
    /// Enter: the filter stays as typed and the input closes.
    case kept(String)
    /// Esc: the filter is gone.
    case cleared
    /// A movement key: move the list's selection.
    case move(ListCommand)
    /// The text changed from `before` to `after`.
    case edited(before: String, after: String)
    /// Nothing to do (a key the input ignores).
    case unchanged

    /// Applies `key` to the filter being typed in `input` (nil: no filter is being typed).
    static func handle(_ input: inout TextInputState?, _ key: Key, _ ctx: ScreenContext) -> QueryTyping {
        guard var typing = input else { return .unchanged }
        switch key {
        case .enter:
            input = nil
            return .kept(typing.text)
        case .escape:
            input = nil
            return .cleared
        case .up, .down, .pageUp, .pageDown:
            guard case .list(let c)? = ctx.keymap.command(for: key, in: [ScreenKeys.movements]) else { return .unchanged }
            return .move(c)
        default:
            let before = typing.text
            _ = typing.handle(key)
            input = typing
            return typing.text == before ? .unchanged : .edited(before: before, after: typing.text)
        }
    }
}
