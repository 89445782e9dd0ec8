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
    /// The triggers a current record has, by name: on inserts the import makes, those of
    /// `contacts` and `name_words_stale`/`report_facts` do what `importedWithoutTriggers` does;
    /// the rest act on updates and deletes, which an import does not make, or on tables it does
    /// not write. A trigger added to the schema must be added here, with what it does for the
    /// import (ImportTriggersTests fails until it is).
    static let importTriggers: Set<String> = [
        "audit_no_delete", "audit_no_update", "audit_redaction_values_only", "reads_no_delete", "reads_no_update",
        "name_words_added", "name_words_changed", "name_words_removed",
        "name_stale_contact_added", "name_stale_contact_changed", "name_stale_contact_removed",
        "name_stale_issue_added", "name_stale_issue_changed", "name_stale_issue_removed",
        "name_stale_event_added", "name_stale_event_changed", "name_stale_event_removed",
        "name_stale_people_added", "name_stale_people_changed", "name_stale_people_removed",
        "name_stale_log_added", "name_stale_log_changed", "name_stale_log_removed",
        "name_stale_letter_added", "name_stale_letter_changed", "name_stale_letter_removed",
        "report_facts_contact_added", "report_facts_contact_changed", "report_facts_contact_removed",
        "report_facts_issue_added", "report_facts_issue_changed", "report_facts_issue_removed",
        "report_facts_issue_renumbered", "report_facts_issue_replacing",
        "report_facts_event_added", "report_facts_event_changed", "report_facts_event_removed",
        "report_facts_event_renumbered", "report_facts_event_replacing",
    ]

    /// Whether the record's triggers (its own and the connection's temporary ones) are exactly
    /// `importTriggers`.
    static func importTriggersAreKnown(_ conn: any SQLConnection) throws -> Bool {
        let names = try conn.texts("""
            SELECT name FROM sqlite_master WHERE type = 'trigger' UNION ALL SELECT name FROM sqlite_temp_master WHERE type = 'trigger'
            """)
        return names.count == importTriggers.count && Set(names) == importTriggers
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
