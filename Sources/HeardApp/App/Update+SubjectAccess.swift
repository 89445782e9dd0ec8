import HeardCore
import TerminalUI

extension Update {
    /// `:sar` searched: the subject access screen with every case found, each chosen, for the
    /// officer to leave out namesakes before `y` writes the bundle (none offered read-only). A
    /// search run again from the screen replaces it.
    static func subjectAccessFound(_ s: inout AppState, name: String, matches: [SubjectAccessMatch],
                                   open: [SubjectAccessRequest] = []) -> [Effect] {
        s.stack.removeAll { if case .subjectAccess = $0 { return true }; return false }
        var screen = SubjectAccessState(name: name, matches: matches, readOnly: s.readOnly)
        screen.open = open
        s.stack.append(.subjectAccess(screen))
        // "Looking for …" (and "filling the name index") is over: the screen says what was found.
        s.message = nil
        return []
    }

    /// The bundle is written and the request recorded: the screen has done its work.
    static func subjectAccessWritten(_ s: inout AppState, _ said: String) -> [Effect] {
        s.stack.removeAll { if case .subjectAccess = $0 { return true }; return false }
        s.say(said)
        return MyWorkUpdate.reload(s.stack)
    }
}
