import ArgumentParser
import Foundation
import HeardCore
import HeardStore

/// `heard move REF MOVE [options]`: any move the procedure allows now, with the rules, refusals
/// and messages of the workflow screen (both build a `MoveRequest`).
struct MoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Make a move the procedure allows now on a case.",
        discussion: """
            MOVE is one of: \(Move.commandNames.joined(separator: ", ")).
            A refused move changes nothing and exits 1 with the reason.
            """)

    @OptionGroup var database: DatabaseOptions
    // The options below that take free text or dates read the next word whatever it is, so
    // `--date -2wd` or a reason that starts with a dash is a value, not an unknown option.
    @Argument(help: ArgumentHelp("The case's reference, or its number alone when that is unique.", valueName: "REF")) var reference: String
    @Argument(help: ArgumentHelp("The move.", valueName: "MOVE")) var move: String
    @Option(parsing: .unconditional, help: ArgumentHelp("When it happened (default today): 2022-03-04, 4/3/2022, today, -2wd …", valueName: "DATE")) var date: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Why: extend, pause, withdraw, not-accepted, escalate (late), mediation (a note).", valueName: "TEXT")) var reason: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("extend: the new deadline.", valueName: "DATE")) var until: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("finding: the issue's number, as `heard show` lists them.", valueName: "N")) var issue: String?
    @Option(help: ArgumentHelp("finding: upheld, partially-upheld, not-upheld (none clears it).", valueName: "VERDICT")) var verdict: String?
    @Option(help: ArgumentHelp("respond: upheld, partially-upheld, not-upheld (default: from the findings).", valueName: "OUTCOME")) var outcome: String?
    @Option(help: ArgumentHelp("respond, remedy: apology, payment=250, service-change=TEXT, other=TEXT (repeat for several).", valueName: "KIND[=TEXT]"))
    var remedy: [String] = []
    @Option(help: ArgumentHelp("respond: whether the complainant was satisfied.", valueName: "yes|no")) var satisfied: String?
    @Option(help: ArgumentHelp("ombudsman-decide: upheld, not-upheld, closed-after-initial-enquiries, premature.", valueName: "DECISION")) var decision: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("ombudsman-decide: a payment the Ombudsman asked for, in pounds.", valueName: "POUNDS")) var amount: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("ombudsman-decide: the remedy asked for, in words.", valueName: "TEXT")) var note: String?
    // Not --theme: that is the colour theme of the root command, which would take it.
    @Option(name: .customLong("learning-theme"), help: ArgumentHelp("learning: one of the configured learning themes.", valueName: "THEME"))
    var learningTheme: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("finding: what was found on the issue, in words; learning: what was learnt.", valueName: "TEXT")) var text: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("appoint: stage 2's Investigating Officer (empty clears).", valueName: "NAME")) var investigator: String?
    @Option(name: .customLong("independent-person"), parsing: .unconditional,
            help: ArgumentHelp("appoint: stage 2's Independent Person (empty clears).", valueName: "NAME")) var independentPerson: String?
    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("appoint: a member of stage 3's review panel (repeat for each of the three; the panel given replaces the one recorded).", valueName: "NAME"))
    var panel: [String] = []
    @Option(name: .customLong("panel-date"), parsing: .unconditional, help: ArgumentHelp("appoint: the date stage 3's panel meets.", valueName: "DATE"))
    var panelDate: String?

    /// The options given, each with the input it fills.
    private var given: [(option: String, input: MoveProblem.Input)] {
        var out: [(String, MoveProblem.Input)] = []
        if reason != nil { out.append(("--reason", .reason)) }
        if until != nil { out.append(("--until", .newDue)) }
        if issue != nil { out.append(("--issue", .issue)) }
        if verdict != nil { out.append(("--verdict", .verdict)) }
        if outcome != nil { out.append(("--outcome", .outcome)) }
        if !remedy.isEmpty { out.append(("--remedy", .remedy(0))) }
        if satisfied != nil { out.append(("--satisfied", .satisfied)) }
        if decision != nil { out.append(("--decision", .decision)) }
        if amount != nil { out.append(("--amount", .amount)) }
        if note != nil { out.append(("--note", .note)) }
        if learningTheme != nil { out.append(("--learning-theme", .theme)) }
        if text != nil { out.append(("--text", .text)) }
        if investigator != nil { out.append(("--investigator", .investigator)) }
        if independentPerson != nil { out.append(("--independent-person", .independentPerson)) }
        if !panel.isEmpty { out.append(("--panel", .panel)) }
        if panelDate != nil { out.append(("--panel-date", .panelDate)) }
        return out
    }

    func validate() throws {
        guard let m = Move(commandName: move) else {
            let typed = TextSanitiser.clean(move, allowLineBreaks: false).0
            throw ValidationError("'\(typed)' is not a move; the moves are \(Move.commandNames.joined(separator: ", "))")
        }
        if let d = date, d.trimmingSpaces.isEmpty { throw ValidationError("--date is empty; leave it out for today") }
        for (option, input) in given where !m.inputs.contains(input) {
            throw ValidationError("\(option) does not apply to \(m.commandName)" + Self.usage(m))
        }
    }

    /// What a move takes, for messages.
    static func usage(_ m: Move) -> String {
        let names = Self.options.filter { m.inputs.contains($0.input) }.map(\.usage)
        return names.isEmpty ? " (it takes only --date)" : " (it takes --date, " + names.joined(separator: ", ") + ")"
    }

    static let options: [(input: MoveProblem.Input, usage: String)] = [
        (.reason, "--reason TEXT"), (.newDue, "--until DATE"), (.issue, "--issue N"), (.verdict, "--verdict VERDICT"),
        (.outcome, "--outcome OUTCOME"), (.remedy(0), "--remedy KIND[=TEXT]"), (.satisfied, "--satisfied yes|no"),
        (.decision, "--decision DECISION"), (.amount, "--amount POUNDS"), (.note, "--note TEXT"),
        (.theme, "--learning-theme THEME"), (.text, "--text TEXT"),
        (.investigator, "--investigator NAME"), (.independentPerson, "--independent-person NAME"), (.panel, "--panel NAME"),
        (.panelDate, "--panel-date DATE"),
    ]

    static func option(for input: MoveProblem.Input) -> String {
        switch input {
        case .move: return "MOVE"
        case .date: return "--date"
        case .newDue: return "--until"
        case .reason: return "--reason"
        case .issue: return "--issue"
        case .verdict: return "--verdict"
        case .outcome: return "--outcome"
        case .satisfied: return "--satisfied"
        case .decision: return "--decision"
        case .amount: return "--amount"
        case .note: return "--note"
        case .theme: return "--learning-theme"
        case .text: return "--text"
        case .remedy(let i), .remedyAmount(let i): return "--remedy" + (i > 0 ? " (number \(i + 1))" : "")
        case .investigator: return "--investigator"
        case .independentPerson: return "--independent-person"
        case .panel: return "--panel"
        case .panelDate: return "--panel-date"
        }
    }

    func run() throws {
        guard let m = Move(commandName: move) else { throw ValidationError("'\(move)' is not a move") }
        let today = try Environment.today()
        let store = try openStore(database.path)
        let contact = try findCase(reference, in: store)
        // Said before the procedure's own refusals, which would name moves it takes none of.
        if let id = contact.id {
            let protection = try store.protection(contactID: id)
            if protection.isAnonymised { throw Failure(Store.anonymisedStepRefusal(reference: contact.reference, on: protection.anonymisedOn?.iso)) }
        }
        let calendar = try store.calendar()
        let clock = contact.clock(rules: store.rules, calendar: calendar, today: today)
        var request = MoveRequest(m, date: date ?? "today", reason: reason ?? "", newDue: until ?? "", issue: issue ?? "",
                                  verdict: verdict ?? "", outcome: outcome ?? "", satisfied: satisfied ?? "",
                                  remedies: remedy.map(RemedyInput.init(option:)), decision: decision ?? "",
                                  amount: amount ?? "", note: note ?? "", theme: learningTheme ?? "", text: text ?? "")
        request.investigator = investigator
        request.independentPerson = independentPerson
        request.panel = panel.isEmpty ? nil : panel
        request.panelDate = panelDate ?? ""
        if m == .learning {
            let lp = try Self.checked(request.learningPoint(on: contact, clock: clock, today: today, calendar: calendar,
                                                            reference: store.reference, rules: store.rules))
            let saved = try store.addLearning(lp, today: today)
            try say(TextSanitiser.clean("\(contact.reference): \(saved.date.iso) Learning (\(saved.theme)): \(saved.text)", allowLineBreaks: false).0)
            return
        }
        let step = try Self.checked(request.step(on: contact, clock: clock, today: today, calendar: calendar, rules: store.rules))
        guard let id = contact.id else { throw Failure("no case \(reference)") }
        let saved = try store.apply(step, on: id, version: contact.version, today: today)
        try say(Self.said(step, on: saved))
        if let d = step.appointment?.panelDate,
           let late = saved.panelDateWarning(d, clock: saved.clock(rules: store.rules, calendar: calendar, today: today), calendar: calendar) {
            warn("warning: \(late)")
        }
    }

    /// The value, or the problem as the command line says it: a refusal exits 1, bad usage 2.
    static func checked<T>(_ result: Result<T, MoveProblem>) throws -> T {
        switch result {
        case .success(let v): return v
        case .failure(let p) where p.refusal: throw Failure(p.input == .move ? p.message : "\(option(for: p.input)): \(p.message)")
        case .failure(let p):
            // Said like the other usage errors, without the root command's usage.
            warn("\(option(for: p.input)): \(p.message)")
            throw ExitCode(2)
        }
    }

    /// One line saying what was recorded: "CS-2022-0039: 2022-06-15 Acknowledged (stage 1)".
    static func said(_ step: CaseStep, on c: Contact) -> String {
        var parts: [String] = []
        for f in step.findings {
            let n = (c.issues.firstIndex { $0.id == f.issueID } ?? 0) + 1
            parts.append("issue \(n) at stage \(f.stage): " + (f.finding?.label ?? "finding cleared"))
        }
        // The events as saved (with the stage the store filled in), the step's last ones.
        let saved = c.events.suffix(step.events.count)
        parts += saved.map { "\($0.date.iso) " + CaseRecord.describe($0) }
        if let a = step.appointment {
            let p = c.stagePeople
            if a.investigatingOfficer != nil || a.independentPerson != nil {
                parts.append("Investigating Officer: \(p.investigatingOfficer.isEmpty ? "none" : p.investigatingOfficer), Independent Person: \(p.independentPerson.isEmpty ? "none" : p.independentPerson)")
            }
            if a.panel != nil || a.panelDate != nil {
                parts.append("panel: \(p.panel.isEmpty ? "none" : p.panel.joined(separator: ", "))" + (p.panelDate.map { ", meets \($0.iso)" } ?? ""))
            }
        }
        return TextSanitiser.clean("\(c.reference): " + parts.joined(separator: "; "), allowLineBreaks: false).0
    }
}

extension Move {
    /// The moves `heard move` takes, by their command-line names.
    static var commandNames: [String] { allCases.map(\.commandName) }
}

/// The case `text` names: its reference in any case, or its number alone when only one case
/// has it.
func findCase(_ text: String, in store: Store) throws -> Contact {
    // A reference written whole wins, whatever its shape: another tool's `0040` or `39` among
    // every year's case 40 or 39 could otherwise never be named (found by an attack).
    if case .number = ReferenceQuery(text), let exact = try store.references(matching: .exact(text.trimmingSpaces)).first {
        return try store.contact(id: exact.id)
    }
    let query = ReferenceQuery(text)
    let found = try store.references(matching: query)
    if let problem = ReferenceQuery.problem(text, found: found.map(\.reference)) { throw Failure(problem) }
    guard let first = found.first else { throw Failure("no case") }
    return try store.contact(id: first.id)
}
