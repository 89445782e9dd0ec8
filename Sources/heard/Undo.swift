import ArgumentParser
import HeardCore
import HeardStore

/// `heard undo [--yes]`: the screens' `u` from the command line. A command's change is one step
/// (a move with its letter, a bulk change, an import), made in a session of its own that ends
/// with the command, so the screens' "this session" would find nothing: this takes back the
/// newest step of the person running it (the audit's "who"), from whichever session made it, by
/// the screens' own undo, which refuses and changes nothing when someone has changed those cases
/// since. Run again, it takes back the step before (a trial found no way to take back a response
/// recorded by `heard move`, which the README said was "undone in one").
struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "undo", abstract: "Undo your last change (one step), as u does on the screens.")
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Do not ask for confirmation at a terminal (a script without it changes nothing).") var yes = false

    func run() throws {
        let today = try Environment.today()
        let probe = try openStore(database.path)
        guard let (session, step) = try probe.lastStepOfActor() else {
            throw Failure("nothing of yours (\(TextSanitiser.clean(probe.actor, allowLineBreaks: false).0)) is left to undo")
        }
        try Confirmation.require("Undo your last change: \(Self.words(step))?", yes: yes)
        let store = try openStore(database.path, undoSession: session)
        guard let result = try store.undoLast(today: today) else { throw Failure("nothing of yours is left to undo") }
        try say(TextSanitiser.clean(result.summary, allowLineBreaks: false).0)
    }

    /// "3 changes made 2026-12-07T10:12:03Z to CS-2026-0319": references, never personal data.
    static func words(_ step: [AuditEntry]) -> String {
        var seen = Set<String>()
        let refs = step.reversed().map(\.reference).filter { !$0.isEmpty && seen.insert($0).inserted }
        let shown = refs.prefix(5).joined(separator: ", ") + (refs.count > 5 ? " and \(refs.count - 5) more" : "")
        let when = step.last?.at ?? ""
        let what = "\(step.count) change\(step.count == 1 ? "" : "s") made \(when)" + (refs.isEmpty ? "" : " to " + shown)
        return TextSanitiser.clean(what, allowLineBreaks: false).0
    }
}
