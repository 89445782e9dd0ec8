import TerminalUI

/// The keys of one screen: the keymap scopes it answers to, most specific first. Routing, the
/// `?` help and the hint bar are all read from this one declaration, so they cannot disagree.
struct ScreenKeys: Sendable {
    var scopes: [KeyScope]
    /// The hint bar: commands with a short label, in the order shown (keys from the keymap).
    var hints: [(KeyCommand, String)]

    /// Every screen but a form answers to the global keys.
    static let global = KeyScope(.global)
    /// The global keys but some (one that would only reopen the screen it is pressed on).
    static func global(except: Set<GlobalCommand>) -> KeyScope {
        KeyScope(KeyScopeName.global.rawValue, only: Set(GlobalCommand.allCases.filter { !except.contains($0) }.map(\.rawValue)))
    }

    /// Some of the global keys.
    static func global(_ commands: [GlobalCommand]) -> KeyScope {
        KeyScope(KeyScopeName.global.rawValue, only: Set(commands.map(\.rawValue)))
    }
    /// Some of the list keys.
    static func list(_ commands: [ListCommand]) -> KeyScope { KeyScope(KeyScopeName.list.rawValue, only: Set(commands.map(\.rawValue))) }
    /// Moving a selection, without opening, narrowing or marking.
    static let movements = list(ListCommand.movements)
    /// Moving a selection and opening the selected item.
    static let movementsAndOpen = list(ListCommand.movements + [.open])

    /// The typed command `key` asks for here.
    func command(for key: Key, _ keymap: Keymap) -> KeyCommand? { keymap.command(for: key, in: scopes) }
}
