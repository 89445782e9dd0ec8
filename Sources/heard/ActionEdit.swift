import ArgumentParser
import HeardCore
import HeardStore

/// `heard action edit N`: what the action plan's `e` does, from the command line.
struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "action", abstract: "One action of the action plan.",
                                                    subcommands: [ActionEditCommand.self])
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
