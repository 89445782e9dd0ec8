import ArgumentParser
import Foundation
import HeardStore

/// `heard init --team GROUP [--db PATH]`: a team folder on one host, where every officer in the
/// group opens the one database under their own login and the audit names each by it.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a team folder on this host: a new database shared by a group, each officer under their own login.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("The group whose members share the database (its folder is made group-owned, setgid, 2770; the database 0660).", valueName: "GROUP"))
    var team: String?

    func validate() throws {
        guard team != nil else { throw ValidationError("give --team GROUP: the group whose members share the new database") }
    }

    func run() throws {
        guard let group = team else { return }
        let path = database.path
        let config = try HeardConfiguration.load()
        for w in config.warnings.prefix(10) { warn(w) }
        var options = StoreOptions(actor: config.officer, rules: config.rules, reference: config.reference)
        options.displayName = config.namesOfficer ? config.officer : nil
        let made = try TeamFolder.create(at: path, group: group, options: options)
        let folder = (path as NSString).deletingLastPathComponent
        try say("team folder \(folder.isEmpty ? "." : folder) made for group \(made.group): the folder 2770 (setgid), \((path as NSString).lastPathComponent) 0660, both group \(made.group)")
        try say("each officer in \(made.group) opens it under their own login: heard --db \(path)")
        try say("the audit names each by their login, with the officer name from their config.toml beside it")
    }
}
