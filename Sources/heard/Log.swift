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
            TEXT is the note as written: in, a call, now, unless --in/--out, --kind, --with or --at say otherwise.

            TEXT that starts with in or out (and no option is given) is read as the case screen's l reads its line:
              in|out [call|email|letter|meeting|visit] ["who"|@who] [date] [time] note
            e.g. heard log CS-2022-0042 'out call "Mrs Patel" yesterday 14:30 left a message'

            TEXT - reads the note, as written, from standard input (for a long one).
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The case's reference, or its number alone when that is unique.", valueName: "REF")) var reference: String
    @Argument(help: ArgumentHelp("The note, or - to read it from standard input.", valueName: "TEXT")) var text: String
    @Flag(name: .customLong("in"), help: "The contact came in to the council (the default).") var incoming = false
    @Flag(name: .customLong("out"), help: "The contact went out from the council.") var outgoing = false
    @Option(help: ArgumentHelp("call, email, letter, meeting or visit (default call).", valueName: "KIND")) var kind: LogKind?
    @Option(name: .customLong("with"), parsing: .unconditional, help: ArgumentHelp("With whom (a name or a role).", valueName: "NAME")) var with: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("When (default now): 2022-03-04 14:30, yesterday 9:15, 2:30pm …", valueName: "DATE [HH:MM]"))
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
        let entry: LogEntry
        // (A blank TEXT goes to the store, which says what an entry needs.)
        if text != "-" && !optionsGiven && Self.startsAsALine(text) {
            // The screen's one-line form, read by the one reader the screen uses.
            switch ContactLogLine.parse(text, now: now, calendar: calendar, received: contact.received) {
            case .success(let e): entry = e
            case .failure(let e): throw Failure(e.message)
            }
        } else {
            let when: LogTime
            switch LogTimeInput.parse(at ?? "", now: now, calendar: calendar, received: contact.received) {
            case .success(let t): when = t
            case .failure(let e) where e.reason == .notUnderstood:
                warn("--at: \(e.description)")
                throw ExitCode(2)
            case .failure(let e):
                // Understood, but a day the contact cannot have happened: an input error, not usage.
                throw Failure("--at: \(e.description)")
            }
            let note = text == "-" ? try NoteInput.standardInput() : text
            entry = LogEntry(direction: outgoing ? .outgoing : .incoming, kind: kind ?? .call, with: with ?? "", at: when, note: note)
        }
        let saved = try store.addLogEntry(entry, to: id)
        try say(TextSanitiser.clean("\(contact.reference): \(saved.at.text) \(saved.words)", allowLineBreaks: false).0)
    }

    /// Whether TEXT is the screen's one-line form: it starts with `in` or `out`. Any other TEXT is
    /// the note as written (DESIGN.md: `heard log REF TEXT`), so a note that happens to start
    /// with "Visit" or "email" keeps its words.
    static func startsAsALine(_ text: String) -> Bool {
        let first = text.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        return first == "in" || first == "out"
    }

    /// Any option that says a part of the entry: TEXT is then the note alone.
    var optionsGiven: Bool { incoming || outgoing || kind != nil || with != nil || at != nil }

    /// The machine clock's time of day, in minutes after midnight (the date comes from `HEARD_TODAY` when set).
    static func minutesNow() -> Int {
        let c = Calendar.current.dateComponents([.hour, .minute], from: Date())
        return (c.hour ?? 0) * 60 + (c.minute ?? 0)
    }
}

extension LogKind: ExpressibleByArgument {}
