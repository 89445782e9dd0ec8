import ArgumentParser
import HeardCore
import HeardStore

/// `heard issue add REF CATEGORY`: what the findings screen's `+` does, from the command line.
struct IssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "issue", abstract: "One issue (a category raised) of a complaint.",
                                                    subcommands: [IssueAddCommand.self])
}

struct IssueAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an issue to a complaint, as the findings screen's + does; its finding is then `heard move REF finding --issue N`.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The case's reference, or its number alone when that is unique.", valueName: "REF")) var reference: String
    @Argument(help: ArgumentHelp("One of the configured categories, as the import and `heard show` name them (case and punctuation aside).", valueName: "CATEGORY")) var category: String
    @Option(parsing: .unconditional, help: ArgumentHelp("What the issue is about, in words.", valueName: "TEXT")) var detail: String?

    func run() throws {
        let store = try openStore(database.path)
        let today = try Environment.today()
        let contact = try findCase(reference, in: store)
        guard let id = contact.id else { throw Failure("no case \(reference)") }
        // The store refuses it too; here with the categories there are, as the screen's list shows them.
        if store.reference.category(matching: category) == nil {
            let typed = TextSanitiser.clean(category, allowLineBreaks: false).0
            throw Failure("'\(typed)' is not a configured category; the categories are: \(store.reference.categories.joined(separator: "; "))")
        }
        let saved = try store.addIssue(category: category, detail: TextSanitiser.clean(detail ?? "", allowLineBreaks: true).0, to: id, version: contact.version, today: today)
        let n = saved.issues.count
        try say(TextSanitiser.clean("\(saved.reference): issue \(n) added: \(saved.issues[n - 1].category)", allowLineBreaks: false).0)
    }
}
