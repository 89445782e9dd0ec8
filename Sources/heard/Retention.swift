import ArgumentParser
import Foundation
import HeardCore
import HeardStore
import HeardFiles
import TerminalUI

/// `heard retention [--as-of DATE] [--apply] [--yes]`: the closed cases whose retention period
/// has ended, and those a legal hold keeps; `--apply` disposes of the due ones by anonymising
/// them, as one audited step, after a confirmation naming the count.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Retention: list the cases due for disposal, or dispose of them by anonymising.",
        discussion: """
            A case is due [retention] years (6 by default; [retention.kinds] gives a kind its own)
            after it closed, unless it is on legal hold. Disposal anonymises: names, contact details
            and free text go, the figures stay. It cannot be undone.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("The day to judge by (default today).", valueName: "DATE")) var asOf: String?
    @Flag(help: "Dispose of the cases listed as due, after a confirmation.") var apply = false
    @Flag(help: "Do not ask for confirmation (needed with --apply when standard input is not a terminal).") var yes = false
    @OptionGroup var unreadable: UnreadableOptions

    func validate() throws {
        if yes && !apply { throw ValidationError("--yes goes with --apply") }
    }

    func run() throws {
        let today = try Environment.today()
        let day = try asOf.map { try parseDate($0, option: "--as-of") } ?? today
        // A later --as-of with --apply disposes of cases whose period has not ended today: only
        // when said in so many words (--yes), never at a terminal's y alone, and said aloud.
        if apply && day > today && !yes {
            throw ValidationError("--apply with --as-of \(day.iso), later than today (\(today.iso)), would dispose of cases whose retention period has not ended; a later --as-of lists what will be due, or add --yes to dispose as of that day deliberately")
        }
        let rules = try HeardConfiguration.load().retention
        let store = try openStore(database.path, readOnly: !apply)
        if apply, let why = store.disposalRefusal() { throw Failure(why) }
        // A case whose row cannot be read cannot be judged due or not: said before the list,
        // and nothing is disposed of unless the officer goes on without it.
        try unreadable.check(store, contacts: true, actions: false)
        let list = try store.retentionDue(asOf: day, rules: rules)
        try emit(Self.text(list, asOf: day, rules: rules), to: nil)
        guard apply, !list.due.isEmpty else { return }
        let n = list.due.count
        let question = "Dispose of \(n) case\(n == 1 ? "" : "s") by anonymising \(n == 1 ? "it" : "them")? This cannot be undone."
        try Confirmation.require(question, yes: yes)
        if day > today {
            let early = try store.retentionDue(asOf: today, rules: rules).due.count
            warn("disposing as of \(day.iso): \(n - early) of these \(n) cases would not be due until after today (\(today.iso))")
        }
        let result = try store.dispose(contactIDs: list.due.map(\.contactID),
                                       reason: "retention period ended (\(rules.words); as of \(day.iso))", today: today)
        try say("disposed of \(result.anonymised) case\(result.anonymised == 1 ? "" : "s") (anonymised; the figures stay)")
        if result.anonymised < n {
            let kept = n - result.anonymised
            warn("\(kept) of the \(n) cases had not ended today (a stage still open to escalation, or a decision awaited from the Ombudsman) and \(kept == 1 ? "was" : "were") kept")
        }
        if !result.logEmptied { warn("the log (-wal) could not be emptied (another program has the file open, or the disk is full): old pages stay in it until every program using the file has closed it or there is room") }
    }

    /// The list as the command prints it: the due cases, then what holds keep.
    static func text(_ list: RetentionList, asOf: LocalDate, rules: RetentionRules) -> String {
        var out = "Retention (\(rules.words)), as of \(asOf.iso)\n"
        func table(_ items: [RetentionItem], held: Bool) -> String {
            var lines = ["  " + pad("reference", toWidth: 16, unicode: false) + pad("kind", toWidth: 16, unicode: false) + pad("closed", toWidth: 12, unicode: false)
                         + "due since" + (held ? "   hold" : "")]
            for i in items {
                lines.append("  " + pad(i.reference, toWidth: 16, unicode: false) + pad(i.kind.label, toWidth: 16, unicode: false)
                             + pad(i.closedOn.iso, toWidth: 12, unicode: false) + i.dueSince.iso + (held ? "  " + (i.holdReason ?? "") : ""))
            }
            return lines.joined(separator: "\n") + "\n"
        }
        let n = list.due.count
        out += n == 0 ? "No case is due for disposal.\n" : "\(n) case\(n == 1 ? " is" : "s are") due for disposal:\n" + table(list.due, held: false)
        if !list.held.isEmpty {
            let h = list.held.count
            out += "\(h) case\(h == 1 ? " is" : "s are") past \(h == 1 ? "its" : "their") date and kept by a legal hold:\n" + table(list.held, held: true)
        }
        return TextSanitiser.clean(out, allowLineBreaks: true).0
    }
}

/// `heard hold REF --reason TEXT [--lift]`: set or lift a legal hold, audited with its reason.
struct HoldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hold", abstract: "Set or lift a legal hold on a case: a held case is never disposed of.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The case's reference, or its number alone when that is unique.", valueName: "REF")) var reference: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Why (kept in the audit trail).", valueName: "TEXT")) var reason: String
    @Flag(help: "Lift the hold instead of setting it.") var lift = false

    func run() throws {
        let today = try Environment.today()
        let store = try openStore(database.path)
        if let why = store.disposalRefusal() { throw Failure(why) }
        let c = try findCase(reference, in: store)
        guard let id = c.id else { throw Failure("no case \(reference)") }
        // Control characters out, as every other way in takes text (an attack's ESC was kept).
        try store.hold(contactID: id, reason: TextSanitiser.clean(reason, allowLineBreaks: false).0, lift: lift, today: today)
        try say(lift ? "\(c.reference): legal hold lifted" : "\(c.reference): on legal hold (never disposed of until it is lifted)")
    }
}

/// `heard anonymise REF --reason TEXT`: anonymise one case on request (the right to erasure,
/// where it applies), the way disposal does; asks first when standard input is a terminal.
struct AnonymiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "anonymise", abstract: "Anonymise one case on request: names, contact details and free text go, the figures stay.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The case's reference, or its number alone when that is unique.", valueName: "REF")) var reference: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Why (kept in the audit trail; no personal data).", valueName: "TEXT")) var reason: String
    @Flag(help: "Do not ask for confirmation at a terminal (a script is never asked: --reason is the deliberate act).") var yes = false

    func run() throws {
        let today = try Environment.today()
        let store = try openStore(database.path)
        let c = try findCase(reference, in: store)
        guard let id = c.id else { throw Failure("no case \(reference)") }
        if reason.trimmingSpaces.isEmpty { throw Failure("anonymising a case needs a reason (--reason)") }
        // DESIGN.md's contract is `heard anonymise REF --reason TEXT`: the reason is the deliberate
        // act, and a script gives nothing more. At a terminal the officer is asked once more
        // (--yes skips it); unlike `retention --apply`, which disposes of many cases at once.
        let asked = SubjectAccess.openRequestWarning(reference: c.reference, requests: try store.openSubjectAccessRequests(covering: c.reference))
        if let asked { warn("warning: " + asked) }
        if !yes && Confirmation.isTerminal {
            try Confirmation.require("Anonymise \(c.reference)? Its names, contact details, free text and documents go for good. This cannot be undone.", yes: false)
        }
        let result = try store.anonymise(contactID: id, reason: TextSanitiser.clean(reason, allowLineBreaks: false).0, today: today)
        try say("\(c.reference): anonymised (the figures stay)")
        if !result.logEmptied { warn("the log (-wal) could not be emptied (another program has the file open, or the disk is full): old pages stay in it until every program using the file has closed it or there is room") }
    }
}

/// A yes/no question on the terminal before a step that cannot be undone.
enum Confirmation {
    static var isTerminal: Bool { isatty(STDIN_FILENO) != 0 }

    /// Returns when confirmed (`yes`, or "y" typed at the terminal); otherwise throws, and
    /// without a terminal refuses rather than wait or assume.
    static func require(_ question: String, yes: Bool) throws {
        if yes { return }
        guard isTerminal else { throw Failure("nothing was changed: this needs confirmation at a terminal, or --yes") }
        StandardError.write(question + " [y/N] ")
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard answer == "y" || answer == "yes" else { throw Failure("nothing was changed") }
    }
}
