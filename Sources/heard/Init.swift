import CellWidth
import HeardCore
import ArgumentParser
import Foundation
import HeardStore

/// `heard init --team GROUP [--db PATH]`: a team folder on one host, where every officer in the
/// group opens the one database under their own login and the audit names each by it.
/// `heard init --postgres URL`: the same for a PostgreSQL server, run once by its administrator:
/// Heard's tables, the roles heard_officer, heard_manager and heard_admin with their rights, and
/// the database user as the audit's "who" (`Store.setUpRoles`). People are added in SQL.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a team folder on this host (--team), or set up a PostgreSQL database and its roles (--postgres): a record shared by a team, each officer under their own login.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("The group whose members share the database (its folder is made group-owned, setgid, 2770; the database 0660).", valueName: "GROUP"))
    var team: String?
    @Option(help: ArgumentHelp("A PostgreSQL database to set up for a team (run by its administrator): Heard's tables and the roles heard_officer, heard_manager, heard_admin.", valueName: "URL"))
    var postgres: String?

    func validate() throws {
        if team != nil && postgres != nil { throw ValidationError("give --team GROUP or --postgres URL, not both") }
        guard team != nil || postgres != nil else {
            throw ValidationError("give --team GROUP (a team folder on this host) or --postgres URL (a PostgreSQL database for a team)")
        }
        if let url = postgres, !(url.lowercased().hasPrefix("postgresql://") || url.lowercased().hasPrefix("postgres://")) {
            throw ValidationError("--postgres takes a URL beginning postgresql:// (a file is shared with --team GROUP)")
        }
        // A team folder holds a file; a server is shared through its roles. Said before any folder
        // is looked for, so the URL is not taken for a path (the URL itself is not repeated: it may hold a password).
        if team != nil && Store.isServerURL(database.path) {
            throw ValidationError("--team makes a team folder on this host for a database file, and --db (or HEARD_DB) names a PostgreSQL server; a server is shared through its roles: its administrator runs heard init --postgres URL once")
        }
    }

    func run() throws {
        if let url = postgres { return try setUpPostgres(url) }
        guard let group = team else { return }
        let path = database.path
        let config = try HeardConfiguration.load()
        for w in config.warnings.prefix(10) { warn(w) }
        var options = StoreOptions(actor: config.officer, rules: config.rules, reference: config.reference)
        options.displayName = config.namesOfficer ? config.officer : nil
        let made = try TeamFolder.create(at: path, group: group, options: options)
        let folder = PathText.parent(path)
        try say("team folder \(folder.isEmpty ? "." : folder) made for group \(made.group): the folder 2770 (setgid), \((path as NSString).lastPathComponent) 0660, both group \(made.group)")
        try say("each officer in \(made.group) opens it under their own login: heard --db \(path)")
        try say("the audit names each by their login, with the officer name from their config.toml beside it")
    }
}


extension InitCommand {
    /// Sets up the database at `url` and says what was made, or that nothing was changed.
    func setUpPostgres(_ url: String) throws {
        let store = try openStore(url, create: true, sayingUpgrade: false)
        defer { try? store.closeFile() }
        let wasSetUp = try store.rolesAreSetUp()
        let roles = try store.setUpRoles()
        // Only the owner gets this far (setUpRoles refuses anyone else, saying why).
        let indexes = try store.addMissingServerIndexes()
        // What another hand did that a set-up does not undo: said, and named by heard check until undone.
        defer {
            if store.setUpKeptAfresh && roles == nil {
                try? say("the set-up as it now is was kept for heard check to compare with (none was kept before).")
            }
            let left = store.setUpLeftAsItWas
            if !left.isEmpty {
                try? say("not as Heard makes them, and not undone by a set-up: \(namesWithMore(left)); heard check names them until they are undone by hand.")
            }
        }
        let added = "the indexes this Heard makes were added: \(indexes.joined(separator: ", "))."
        guard let created = roles else {
            if let from = store.upgradedServerSchemaFrom {
                // The owner's opening upgraded it (and made the roles' rights and rules again).
                try say("\(store.serverUpgradeNote ?? "\(store.path) v\(from)"), its roles' rights and rules made again; the roles heard_officer, heard_manager and heard_admin were there already.")
                if !indexes.isEmpty { try say(added) }
            } else if indexes.isEmpty {
                try say("\(store.path) is already set up for a team: the roles heard_officer, heard_manager and heard_admin and their rights are there; nothing was changed.")
            } else {
                try say("\(store.path) is already set up for a team; \(added)")
            }
            return
        }
        if wasSetUp && created.isEmpty && store.upgradedServerSchemaFrom == nil {
            // Set up before, but not all as this Heard makes it: said as a repair, not a first set-up.
            try say("\(store.path) is set up for a team again: its roles' rights, rules and functions were not all as this Heard makes them (a right granted or taken away by hand, a function or trigger changed), and now are.")
            if !indexes.isEmpty { try say(added) }
            return
        }
        try say("\(store.path) set up for a team\(created.isEmpty ? "" : ": roles \(created.joined(separator: ", ")) made"); rights granted on Heard's tables.")
        // What an older schema lacked is said on a first setup too (it was said only on a second).
        if !indexes.isEmpty { try say(added) }
        try say("heard_officer changes the record; heard_manager reads it (and logs its reads); heard_admin may also anonymise and dispose.")
        try say("the audit names each person by their database login. To let someone in, an administrator runs (in psql):")
        for line in Store.addingPeopleSQL.split(separator: "\n") { try say("  " + line) }
    }
}
