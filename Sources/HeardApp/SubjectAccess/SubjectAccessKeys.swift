import TerminalUI

extension SubjectAccessUpdate {
    /// The subject access screen's keys: its own, moving and opening a case, space (the list's
    /// mark) to leave one out or take it back, and the global keys.
    static let keys = ScreenKeys(scopes: [KeyScope(KeyScopeName.subjectAccess.rawValue, only: [SubjectAccessKeyCommand.chooseAll.rawValue, SubjectAccessKeyCommand.writeBundle.rawValue]), ScreenKeys.list(ListCommand.movements + [.open, .mark]), ScreenKeys.global], hints: [
        (.subjectAccess(.writeBundle), "write the bundle"), (.list(.mark), "leave out/take"), (.subjectAccess(.chooseAll), "all/none"),
        (.list(.open), "open"), (.global(.back), "back"),
    ])
}
