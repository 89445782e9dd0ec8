import ArgumentParser
import HeardCore
import HeardStore

/// `heard action add|edit|note|complete|drop`: what the action plan's a, e, p, c and d do, from
/// the command line (a trial found the plan could be added to only on the screen).
struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "action", abstract: "One action of the action plan.",
                                                    subcommands: [ActionAddCommand.self, ActionEditCommand.self, ActionNoteCommand.self,
                                                                  ActionCompleteCommand.self, ActionDropCommand.self])
}

/// `heard action add LINE`: the action plan's one-line entry.
struct ActionAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an action in one line, as the action plan's a does.",
        discussion: """
            The line is the title with any of: @owner (@"Head of Service"), due:DATE (2027-01-31, +20wd, none), #tag, \
            area:"Service area", and one source: case:REF, or meeting:DATE with resolution:N. For example:
              heard action add 'Review the rota @"Head of Service" due:+20wd #staffing case:CS-2026-0316'
            """)
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The action, in one line (in quotes).", valueName: "LINE")) var line: String
    @Option(help: ArgumentHelp("The learning point it comes from (its number), instead of a source in the line.", valueName: "N"))
    var learning: Int64?

    func run() throws {
        let store = try openStore(database.path)
        let today = try Environment.today()
        // Control characters out, as every other way in takes text (an escape sequence in a title
        // reached a CSV written to a file; found by an attack).
        let typed = TextSanitiser.clean(line, allowLineBreaks: false).0
        switch ActionLine.parse(typed, today: today, calendar: try store.calendar(), reference: store.reference) {
        case .failure(let e): throw Failure("the line, \(e.description)")
        case .success(let draft):
            var item = draft.actionItem(created: today)
            if let learning {
                if item.source != nil { throw ValidationError("--learning and a source in the line are two sources; an action has one") }
                item.source = .learningPoint(learning)
            }
            // `case:320`: its number alone, as every other command takes a case (a trial).
            if case .caseReference(let ref)? = item.source, !ref.isEmpty, ref.allSatisfy(\.isASCII), ref.allSatisfy(\.isNumber) {
                item.source = .caseReference(try findCase(ref, in: store).reference)
            }
            // A name no action has is said, as a new officer is (the screen asks "New owner?").
            if let owner = draft.owner, !owner.isEmpty {
                let known = try store.actions(today: today).map(\.owner)
                if !known.contains(where: { normaliseWord($0) == normaliseWord(owner) }) {
                    warn("'\(OfficerHint.shown(owner))' is not an owner Heard knows: no action names them yet" + OfficerHint.meant(owner, among: known))
                }
            }
            let saved = try store.addAction(item)
            try say("Action #\(saved.id ?? 0) added: \(saved.title)" + (saved.due.map { ", due \($0.iso)" } ?? " (at the appropriate time)"))
        }
    }
}

/// `heard action note N TEXT`: the action plan's p (a note on an open action starts it).
struct ActionNoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Record progress on an action (a note on an open action starts it).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The action's number.", valueName: "N")) var id: Int64
    @Argument(help: ArgumentHelp("What was done (in quotes).", valueName: "TEXT")) var text: String
    // .unconditional: `--date -3wd` is the date three working days ago, not a missing value.
    @Option(parsing: .unconditional, help: ArgumentHelp("When (default today; -3wd, 2026-11-30, …).", valueName: "DATE")) var date: String?

    func run() throws {
        let note = TextSanitiser.clean(text, allowLineBreaks: true).0.trimmingSpaces
        if note.isEmpty { throw ValidationError("say what was done: the note is empty") }
        let store = try openStore(database.path)
        let today = try Environment.today()
        let day = try date.map { try LetterCommand.date($0, today: today, calendar: store.calendar()) } ?? today
        let item = try store.action(id: id)
        if let why = item.dayProblem(day, today: today, what: "a note") { throw Failure("--date: \(why)") }
        let saved = try store.addNote(ProgressNote(date: day, text: note), toAction: id, version: item.version)
        try say("Progress noted on action #\(id) (\(saved.status.label)).")
    }
}

/// `heard action complete N`: the action plan's c.
struct ActionCompleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "complete", abstract: "Mark an action done.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The action's number.", valueName: "N")) var id: Int64
    @Option(parsing: .unconditional, help: ArgumentHelp("When it was done (default today; -2d, 2026-11-30, …).", valueName: "DATE")) var date: String?

    func run() throws {
        let store = try openStore(database.path)
        let today = try Environment.today()
        let day = try date.map { try LetterCommand.date($0, today: today, calendar: store.calendar()) } ?? today
        let item = try store.action(id: id)
        guard item.status.isOutstanding else { throw Failure("action #\(id) is \(item.status.label) already; nothing was changed") }
        if let why = item.dayProblem(day, today: today, what: "its completion") { throw Failure("--date: \(why)") }
        _ = try store.updateAction(item.completed(on: day))
        try say("Action #\(id) done on \(day.iso).")
    }
}

/// `heard action drop N --reason TEXT`: the action plan's d.
struct ActionDropCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "drop", abstract: "Drop an action that will not be done, saying why.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The action's number.", valueName: "N")) var id: Int64
    @Option(parsing: .unconditional, help: ArgumentHelp("Why it is dropped.", valueName: "TEXT")) var reason: String

    func run() throws {
        let why = TextSanitiser.clean(reason, allowLineBreaks: false).0.trimmingSpaces
        if why.isEmpty { throw ValidationError("--reason: say why the action is dropped") }
        let store = try openStore(database.path)
        let item = try store.action(id: id)
        guard item.status.isOutstanding else { throw Failure("action #\(id) is \(item.status.label) already; nothing was changed") }
        _ = try store.updateAction(item.dropped(reason: why))
        try say("Action #\(id) dropped.")
    }
}

struct ActionEditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit an action's title, owner, due date, tags or service area (one step, undone as one).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The action's number (the id `heard actions --format json` gives).", valueName: "N")) var id: Int64
    @Option(help: ArgumentHelp("The new title.", valueName: "TEXT")) var title: String?
    @Option(help: ArgumentHelp("The new owner.", valueName: "NAME")) var owner: String?
    @Option(help: ArgumentHelp("The new due date (2022-09-30, +10wd, …); empty: at the appropriate time.", valueName: "DATE")) var due: String?
    @Option(help: ArgumentHelp("The tags, replacing the old ones: \"#board #voice\".", valueName: "TAGS")) var tags: String?
    @Option(name: .customLong("service-area"), help: ArgumentHelp("The service area; empty: all services.", valueName: "NAME")) var serviceArea: String?

    func run() throws {
        let edit = ActionEdit(title: title, owner: owner, due: due, tags: tags, serviceArea: serviceArea)
        guard edit != ActionEdit() else { throw Failure("nothing to change: give --title, --owner, --due, --tags or --service-area") }
        let store = try openStore(database.path)
        let today = try Environment.today()
        let item = try store.action(id: id)
        switch edit.applied(to: item, today: today, calendar: try store.calendar(), reference: store.reference) {
        case .failure(let p): throw Failure("--\(p.field.replacingOccurrences(of: "_", with: "-")): \(p.message)")
        case .success(let edited):
            let saved = try store.updateAction(edited)
            try say("Action #\(id) saved: \(saved.title)" + (saved.due.map { ", due \($0.iso)" } ?? " (at the appropriate time)"))
        }
    }
}
