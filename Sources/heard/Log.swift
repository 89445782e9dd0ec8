import ArgumentParser
import Foundation
import HeardCore
import HeardStore

/// `heard log REF TEXT`: one line in a case's contact log (a call, email, letter, meeting or
/// visit, in or out), timed now unless `--at` says when.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Add a line to a case's contact log: a call, email, letter, meeting or visit.",
        discussion: """
            TEXT is the note; - reads it from standard input (for a long one).
            Without --out the contact came in; without --kind it was a call; without --at it was now.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The case's reference, or its number alone when that is unique.", valueName: "REF")) var reference: String
    @Argument(help: ArgumentHelp("The note, or - to read it from standard input.", valueName: "TEXT")) var text: String
    @Flag(name: .customLong("in"), help: "The contact came in to the council (the default).") var incoming = false
    @Flag(name: .customLong("out"), help: "The contact went out from the council.") var outgoing = false
    @Option(help: ArgumentHelp("call, email, letter, meeting or visit (default call).", valueName: "KIND")) var kind: LogKind = .call
    @Option(name: .customLong("with"), parsing: .unconditional, help: ArgumentHelp("With whom (a name or a role).", valueName: "NAME")) var with: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("When (default now): 2022-03-04 14:30, yesterday 9:15, 14:30 …", valueName: "DATE [HH:MM]"))
    var at: String?

    func validate() throws {
        if incoming && outgoing { throw ValidationError("give --in or --out, not both") }
    }

    func run() throws {
        let today = try Environment.today()
        let store = try openStore(database.path)
        let contact = try findCase(reference, in: store)
        guard let id = contact.id else { throw Failure("no case \(reference)") }
        let calendar = try store.calendar()
        let now = LogTime(date: today, minutes: Self.minutesNow())
        let when: LogTime
        switch LogTimeInput.parse(at ?? "", now: now, calendar: calendar) {
        case .success(let t): when = t
        case .failure(let e):
            warn("--at: \(e.description)")
            throw ExitCode(2)
        }
        let note = text == "-" ? try NoteInput.standardInput() : text
        let entry = LogEntry(direction: outgoing ? .outgoing : .incoming, kind: kind, with: with ?? "", at: when, note: note)
        let saved = try store.addLogEntry(entry, to: id)
        try say(TextSanitiser.clean("\(contact.reference): \(saved.at.text) \(saved.words)", allowLineBreaks: false).0)
    }

    /// The machine clock's time of day, in minutes after midnight (the date comes from `HEARD_TODAY` when set).
    static func minutesNow() -> Int {
        let c = Calendar.current.dateComponents([.hour, .minute], from: Date())
        return (c.hour ?? 0) * 60 + (c.minute ?? 0)
    }
}

extension LogKind: ExpressibleByArgument {}
