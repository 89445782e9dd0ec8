import ArgumentParser
import HeardCore
import HeardStore

/// `heard digest`: what is due from one officer, for a cron job to mail each morning.
struct Digest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest", abstract: "What is due from an officer: overdue and soon-due deadlines of their cases, letters owed, and their actions.",
        discussion: """
            The officer is --officer, else the one config.toml names (officer = "Name"). Deadlines are \
            counted in working days. Names of complainants and children are left out: it goes by email. \
            Nothing due: one line saying so, exit 0.
            """)
    enum DigestFormat: String, ExpressibleByArgument { case text, html }

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("Whose work (case officer and action owner; case and spaces ignored). Default: the officer in config.toml.", valueName: "NAME"))
    var officer: String?
    // .unconditional: `--within -1` is the value -1 (refused below in words), not a missing value.
    @Option(parsing: .unconditional, help: ArgumentHelp("Show what is due within N working days (overdue is always shown).", valueName: "N"))
    var within: Int = MyWork.defaultWithin
    @Option(help: "text or html.") var format: DigestFormat = .text
    @OptionGroup var unreadable: UnreadableOptions

    func validate() throws {
        if within < 0 { throw ValidationError("--within must be 0 or more") }
        if let o = officer, o.trimmingSpaces.isEmpty { throw ValidationError("--officer needs a name") }
    }

    func run() throws {
        let who: String
        if let o = officer {
            who = o.trimmingSpaces
        } else {
            let config = try HeardConfiguration.load()
            guard config.namesOfficer else { throw Failure(MyWork.noOfficerMessage + ", or give --officer NAME") }
            who = config.officer
        }
        let store = try openStore(database.path, readOnly: true)
        let work = try store.myWork(officer: who, today: try Environment.today(), within: within)
        try emit(format == .html ? work.html() : work.text(), to: nil)
        if work.isEmpty, let w = try OfficerHint.unknownFilter(who, store, owners: true) { warn(w) }
        try unreadable.check(store, contacts: true, actions: true)
    }
}
