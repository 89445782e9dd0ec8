import CSQLiteSwitch
import Foundation

/// An import into SQLite writes its rows with the connection's triggers off, then does in two
/// statements what they would have done row by row.
///
/// Every row an import adds is a new contact's or names one. On such rows Heard's triggers do two
/// things: a new contact is marked for the name index (`name_words_stale`), and any facts a report
/// kept for the contact are forgotten (`report_facts`), which for a new contact are none. The
/// name-index triggers of issues, events, stage people and correspondence act only for a contact
/// already in the name index, which a new one is not. Yet each trigger is a program SQLite runs
/// per row: at 100,000 contacts with 300,000 issues and 200,000 events they were about 2 s of an
/// import's 9 (measured in the SQLite shell on the benchmark's rows).
///
/// The switch is the connection's own (`SQLITE_DBCONFIG_ENABLE_TRIGGER`): other connections, and
/// this one after the import, keep every trigger. It is used only when the file's triggers are
/// exactly those this was written for (`importTriggers`): a record with a trigger of anyone
/// else's, or a later schema's, imports with its triggers on, as before. The import a row at a
/// time (`batched` false) keeps them on and is the reference the tests hold this to.
extension Store {
    /// The triggers a current record has, each with its text as SQLite keeps it: on inserts the
    /// import makes, those of `contacts` and `name_words_stale`/`report_facts` do what
    /// `importedWithoutTriggers` does; the rest act on updates and deletes, which an import does
    /// not make, or on tables it does not write. A trigger added to the schema must be added
    /// here, with what it does for the import (ImportTriggersTests fails until it is).
    static let importTriggers: [String: String] = {
        var out: [String: String] = [:]
        for (name, sql) in nameIndexTriggerSQL { out[name] = sql }
        for (name, sql) in reportFactsSchema where name != reportFactsTable { out[name] = sql }
        for (name, sql) in guardTriggers { out[name] = sql }
        return out
    }()

    /// Whether the record's triggers (its own and the connection's temporary ones) are exactly
    /// `importTriggers`, each as made: one of the same name that does something else is another's.
    static func importTriggersAreKnown(_ conn: any SQLConnection) throws -> Bool {
        var found: [String: String] = [:], count = 0
        try conn.each("""
            SELECT name, sql FROM sqlite_master WHERE type = 'trigger' UNION ALL SELECT name, sql FROM sqlite_temp_master WHERE type = 'trigger'
            """) { r in
            found[r.text(0)] = r.text(1)
            count += 1
        }
        return count == importTriggers.count && found == importTriggers
    }

    /// `body` (an import's writing, inside its transaction) with this SQLite connection's triggers
    /// off when the record's are known, then what they would have done for the contacts it added:
    /// every contact with an id above the highest before it is new (ids only grow).
    func importedWithoutTriggers(_ conn: any SQLConnection, _ body: () throws -> Void) throws {
        guard let lite = conn as? SQLiteConnection, let handle = lite.db.sqliteConnection,
              try Store.importTriggersAreKnown(conn) else { return try body() }
        let before = try conn.int("SELECT coalesce(max(id), 0) FROM contacts") ?? 0
        guard heard_sqlite_set_triggers(handle, 0) == 0 else { return try body() }
        do {
            try body()
        } catch {
            _ = heard_sqlite_set_triggers(handle, 1)
            throw error
        }
        guard heard_sqlite_set_triggers(handle, 1) == 1 else {
            throw StoreError.refused("SQLite would not turn the record's triggers back on after the import; nothing was imported")
        }
        // name_stale_contact_added and report_facts_*_added, for the new contacts at once.
        try conn.execute("INSERT INTO name_words_stale (contact_id) SELECT id FROM contacts WHERE id > ? ORDER BY id", [.int(Int64(before))])
        try conn.execute("DELETE FROM report_facts WHERE contact_id > ?", [.int(Int64(before))])
    }
}
