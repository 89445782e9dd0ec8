import HeardCore
import TerminalUI

/// What can happen on the subject access screen.
public enum SubjectAccessAction: Sendable {
    case list(ListCommand)
    case command(SubjectAccessKeyCommand)
}

/// The subject access screen's update: moving by case, space leaving the selected case out of
/// the bundle (or taking it back), `*` every case or none, Enter opening a case to read it, `y`
/// writing the bundle of the chosen cases (one store command, through the writer `heard sar`
/// uses). None chosen among cases found asks first: the request is then answered "we hold no
/// records", which only the officer can say.
enum SubjectAccessUpdate {
    static func update(_ a: inout SubjectAccessState, _ action: SubjectAccessAction, _ ctx: ScreenContext) -> [Output] {
        switch action {
        case .list(.open):
            guard a.matches.indices.contains(a.selection) else { return [] }
            let reference = a.matches[a.selection].reference
            return [.openReference(reference, missing: .say("\(reference) is not in the case list."))]
        case .list(.mark):
            guard a.matches.indices.contains(a.selection) else { return [] }
            a.chosen[a.selection].toggle()
            a.selection = min(a.matches.count - 1, a.selection + 1)
            return []
        case .list(let c):
            // A page of cases: each takes its header and a place or two.
            _ = ListMove.apply(c, &a.selection, count: a.matches.count, page: max(1, (ctx.size.height - 8) / 3))
            return []
        case .command(.chooseAll):
            let every = !a.chosen.allSatisfy { $0 }
            a.chosen = Array(repeating: every, count: a.matches.count)
            return []
        case .command(.writeBundle):
            if a.readOnly { return [.say("Read-only: record the request with heard sar --yes on the live record.")] }
            let write = Effect.writeSubjectAccess(a.name, chosen: a.chosenIDs, shown: a.shown)
            if a.chosenCount == 0 { return [.dialog(noRecords(a, write))] }
            return [.effect(write)]
        case .command(.answered):
            // Not on this screen's keys ("my work"'s): a request is answered there.
            return []
        }
    }

    /// The question before a request is answered "we hold no records" (no case found, or every
    /// one left out): the officer must mean it, and it cannot be undone. Its key is not `y`, so a
    /// `y` pressed twice does not answer it (an attack recorded one so; a trial, a typo's).
    static func noRecords(_ a: SubjectAccessState, _ write: Effect) -> DialogState {
        let n = "\(Render.group(a.matches.count)) case\(a.matches.count == 1 ? "" : "s")"
        let why = a.matches.isEmpty
            ? "No case holds \"\(SubjectAccess.oneLine(a.name, limit: 60))\". Check the spelling: a name typed wrong is answered as if we held nothing."
            : "Every one of the \(n) found is left out as someone else's."
        return DialogState(title: "Answer: we hold no records?", lines: [
            why,
            "r records the request answered \"we hold no records\" and writes that bundle; it cannot be undone.",
        ], choices: [DialogChoice("r", "record: we hold no records", [write])])
    }

    /// What the screen's status line says under its title: how many cases, how many chosen.
    static func counts(_ a: SubjectAccessState) -> String {
        a.matches.isEmpty ? "no case" : "\(Render.group(a.chosenCount)) of \(Render.group(a.matches.count)) case\(a.matches.count == 1 ? "" : "s") chosen"
    }
}
