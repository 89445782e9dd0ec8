import GRDB

/// The database schema, as migrations applied in order. Never edit a shipped migration: add one.
enum Schema {
    /// Marks a file as Heard's (`PRAGMA application_id`): "Herd" in ASCII.
    static let applicationID: Int32 = 0x48657264

    /// Every migration runs with foreign keys checked as it goes (`.immediate`), not by a check
    /// of the whole file after it (GRDB's default): each only adds tables, columns and indexes,
    /// and a row another tool left pointing at nothing (a log line of a deleted case) made the
    /// whole-file check refuse the upgrade, so the file could no longer be opened, not even by
    /// `heard check` to find that row (found by an attack). `heard check` names such rows.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
            CREATE TABLE contacts (
                id INTEGER PRIMARY KEY,
                reference TEXT NOT NULL UNIQUE COLLATE NOCASE,
                kind TEXT NOT NULL,
                received TEXT NOT NULL,
                channel TEXT,
                service_area TEXT NOT NULL,
                team TEXT NOT NULL DEFAULT '',
                procedure TEXT,
                complainant_name TEXT NOT NULL DEFAULT '',
                complainant_role TEXT,
                cyp INTEGER NOT NULL DEFAULT 0,
                advocate TEXT NOT NULL DEFAULT '',
                subject_child TEXT NOT NULL DEFAULT '',
                summary TEXT NOT NULL DEFAULT '',
                officer TEXT NOT NULL DEFAULT '',
                events_date TEXT,
                acceptance_decision TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL,
                stage INTEGER,
                closed_on TEXT,
                legal_hold INTEGER NOT NULL DEFAULT 0,
                anonymised INTEGER NOT NULL DEFAULT 0,
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX contacts_received ON contacts(received);
            CREATE INDEX contacts_status ON contacts(status);

            CREATE TABLE issues (
                id INTEGER PRIMARY KEY,
                contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                category TEXT NOT NULL,
                detail TEXT NOT NULL DEFAULT '',
                finding1 TEXT, finding2 TEXT, finding3 TEXT
            );
            CREATE INDEX issues_contact ON issues(contact_id);

            CREATE TABLE events (
                id INTEGER PRIMARY KEY,
                contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                date TEXT NOT NULL,
                stage INTEGER,
                new_due TEXT,
                reason TEXT NOT NULL DEFAULT '',
                outcome TEXT,
                satisfied INTEGER,
                ombudsman_decision TEXT,
                remedy TEXT,
                amount_pence INTEGER
            );
            CREATE INDEX events_contact ON events(contact_id);
            CREATE INDEX events_date ON events(date, kind);

            CREATE TABLE learning_points (
                id INTEGER PRIMARY KEY,
                contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
                theme TEXT NOT NULL,
                text TEXT NOT NULL DEFAULT '',
                date TEXT NOT NULL,
                service_area TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX learning_contact ON learning_points(contact_id);

            CREATE TABLE actions (
                id INTEGER PRIMARY KEY,
                title TEXT NOT NULL,
                detail TEXT NOT NULL DEFAULT '',
                owner TEXT NOT NULL DEFAULT '',
                service_area TEXT NOT NULL DEFAULT '',
                source_kind TEXT,
                source_contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
                source_learning_id INTEGER REFERENCES learning_points(id) ON DELETE SET NULL,
                source_meeting TEXT NOT NULL DEFAULT '',
                source_resolution TEXT NOT NULL DEFAULT '',
                created TEXT NOT NULL,
                due TEXT,
                status TEXT NOT NULL DEFAULT 'open',
                drop_reason TEXT NOT NULL DEFAULT '',
                completed TEXT,
                tags TEXT NOT NULL DEFAULT '',
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX actions_status ON actions(status, due);

            CREATE TABLE action_notes (
                id INTEGER PRIMARY KEY,
                action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
                date TEXT NOT NULL,
                text TEXT NOT NULL
            );
            CREATE INDEX action_notes_action ON action_notes(action_id);

            CREATE TABLE holidays (
                date TEXT PRIMARY KEY,
                title TEXT NOT NULL
            );

            CREATE TABLE audit (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                who TEXT NOT NULL,
                session TEXT NOT NULL DEFAULT '',
                entity TEXT NOT NULL,
                entity_id INTEGER,
                reference TEXT NOT NULL DEFAULT '',
                action TEXT NOT NULL,
                changes TEXT NOT NULL DEFAULT '{}'
            );
            CREATE INDEX audit_entity ON audit(entity, entity_id);
            CREATE INDEX audit_session ON audit(session);
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be deleted'); END;

            CREATE VIRTUAL TABLE contacts_fts USING fts5(
                reference, complainant_name, subject_child, summary,
                content='contacts', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
            );
            """)
        }
        // v2: undo. `batch` groups the rows of one user step (several saves undone together);
        // `undoes` marks an 'undo' row with the id of the row it reversed. ALTER TABLE ADD
        // COLUMN does not fire the audit triggers, which forbid UPDATE and DELETE of rows.
        m.registerMigration("v2", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
            ALTER TABLE audit ADD COLUMN batch TEXT NOT NULL DEFAULT '';
            ALTER TABLE audit ADD COLUMN undoes INTEGER;
            CREATE INDEX audit_undoes ON audit(undoes);
            """)
        }
        // v3: the last response date of a case whose stage was answered, so the case list can
        // tell from the calendar alone whether the escalation window has passed (compute on
        // read) without loading the events of every answered case.
        m.registerMigration("v3", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
            ALTER TABLE contacts ADD COLUMN last_response TEXT;
            UPDATE contacts SET last_response = (SELECT max(date) FROM events e WHERE e.contact_id = contacts.id AND e.kind = 'responded')
              WHERE status = 'responded';
            """)
        }
        // v4: a case's history is found by reference as well as by id (its events, issues and
        // learning); without an index that read a million audit rows at the design load.
        m.registerMigration("v4", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: "CREATE INDEX audit_reference ON audit(reference)")
        }
        // v5: typed audit. A progress note is audited as entity 'note' keyed by its own id, with
        // its action's id in `parent_id`, so that undo removes it by key. Rows written before
        // keep their form ('action'/'note' naming no note) and read as before.
        m.registerMigration("v5", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
            ALTER TABLE audit ADD COLUMN parent_id INTEGER;
            CREATE INDEX audit_parent ON audit(parent_id) WHERE parent_id IS NOT NULL;
            """)
        }
        // v6: what was found on each issue at each stage, in words, beside its verdict.
        m.registerMigration("v6", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
            ALTER TABLE issues ADD COLUMN finding1_text TEXT NOT NULL DEFAULT '';
            ALTER TABLE issues ADD COLUMN finding2_text TEXT NOT NULL DEFAULT '';
            ALTER TABLE issues ADD COLUMN finding3_text TEXT NOT NULL DEFAULT '';
            """)
        }
        // v7: the people on a case: the complainant's contact details and authority to act, the
        // subject child's social care ID and date of birth, and optional equality monitoring.
        // Columns of the contact row, so the case list and report read them in the same pass.
        m.registerMigration("v7", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
            ALTER TABLE contacts ADD COLUMN complainant_address TEXT NOT NULL DEFAULT '';
            ALTER TABLE contacts ADD COLUMN complainant_phone TEXT NOT NULL DEFAULT '';
            ALTER TABLE contacts ADD COLUMN complainant_email TEXT NOT NULL DEFAULT '';
            ALTER TABLE contacts ADD COLUMN preferred_contact TEXT;
            ALTER TABLE contacts ADD COLUMN relationship_to_child TEXT NOT NULL DEFAULT '';
            ALTER TABLE contacts ADD COLUMN authority_checked INTEGER;
            ALTER TABLE contacts ADD COLUMN authority_checked_on TEXT;
            ALTER TABLE contacts ADD COLUMN subject_child_id TEXT NOT NULL DEFAULT '';
            ALTER TABLE contacts ADD COLUMN subject_child_dob TEXT;
            ALTER TABLE contacts ADD COLUMN equality_age_band TEXT;
            ALTER TABLE contacts ADD COLUMN equality_gender TEXT;
            ALTER TABLE contacts ADD COLUMN equality_ethnicity TEXT;
            ALTER TABLE contacts ADD COLUMN equality_disability TEXT;
            ALTER TABLE contacts ADD COLUMN equality_religion TEXT;
            ALTER TABLE contacts ADD COLUMN equality_sexual_orientation TEXT;
            """)
        }
        // v8: the people of the later stages: stage 2's Investigating Officer and Independent
        // Person, stage 3's panel (up to three) and the date it meets. A row only for a case that has any.
        m.registerMigration("v8", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
            CREATE TABLE stage_people (
                contact_id INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
                investigating_officer TEXT NOT NULL DEFAULT '',
                independent_person TEXT NOT NULL DEFAULT '',
                panel_member_1 TEXT NOT NULL DEFAULT '',
                panel_member_2 TEXT NOT NULL DEFAULT '',
                panel_member_3 TEXT NOT NULL DEFAULT '',
                panel_date TEXT
            );
            """)
        }
        // v9: the officer's correspondence. The contact log (one row per call, email, letter,
        // meeting or visit), the letters recorded as sent (their text as sent, for the record and
        // a subject access request), and documents kept inside the file (bytes beside their
        // name, size, type and SHA-256, so a backup holds them and nothing depends on a path).
        m.registerMigration("v9", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
            CREATE TABLE contact_log (
                id INTEGER PRIMARY KEY,
                contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
                direction TEXT NOT NULL,
                kind TEXT NOT NULL,
                with_whom TEXT NOT NULL DEFAULT '',
                at TEXT NOT NULL,
                note TEXT NOT NULL DEFAULT '',
                recorded_by TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX contact_log_by_contact ON contact_log(contact_id, at);
            CREATE TABLE letters (
                id INTEGER PRIMARY KEY,
                contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
                template TEXT NOT NULL,
                stage INTEGER,
                sent TEXT NOT NULL,
                format TEXT NOT NULL DEFAULT 'md',
                body TEXT NOT NULL DEFAULT '',
                recorded_by TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX letters_by_contact ON letters(contact_id, sent);
            CREATE TABLE documents (
                id INTEGER PRIMARY KEY,
                contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                size INTEGER NOT NULL,
                type TEXT NOT NULL,
                added TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                added_by TEXT NOT NULL DEFAULT '',
                data BLOB NOT NULL
            );
            CREATE INDEX documents_by_contact ON documents(contact_id, id);
            """)
        }
        // v10: retention and legal hold. A hold's reason and date, the day a case was
        // anonymised. Anonymisation rewrites the personal values of a case's audit rows, which
        // the trail otherwise keeps for ever: `audit_redaction` holds a row only inside that one
        // transaction, and only then may an audit row's `changes` (never who, when, what or
        // which) be rewritten; rows are still never deleted.
        m.registerMigration("v10", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
            ALTER TABLE contacts ADD COLUMN legal_hold_reason TEXT NOT NULL DEFAULT '';
            ALTER TABLE contacts ADD COLUMN legal_hold_on TEXT;
            ALTER TABLE contacts ADD COLUMN anonymised_on TEXT;
            CREATE TABLE audit_redaction (started TEXT NOT NULL);
            DROP TRIGGER audit_no_update;
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit WHEN NOT EXISTS (SELECT 1 FROM audit_redaction)
                BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
            CREATE TRIGGER audit_redaction_values_only BEFORE UPDATE OF id, at, who, session, entity, entity_id, reference, action, batch, undoes, parent_id ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
            """)
        }
        // v11: subject access requests: who searched for whom and when, the cases disclosed, the
        // date the response is due (one calendar month later) and when it was completed.
        m.registerMigration("v11", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
            CREATE TABLE subject_access_requests (
                id INTEGER PRIMARY KEY,
                requested_at TEXT NOT NULL,
                who TEXT NOT NULL DEFAULT '',
                for_whom TEXT NOT NULL,
                due TEXT NOT NULL,
                cases TEXT NOT NULL DEFAULT '',
                completed TEXT
            );
            CREATE INDEX subject_access_open ON subject_access_requests(completed, due);
            """)
        }
        // v12: the access log. Who opened which case's record, when, and through which door
        // (screen, show, letter, sar), and the newest audit row it saw (`after_audit`), which
        // places it among the changes exactly, whatever the clocks say. Its own table, not
        // `audit`: the audit's rows drive undo, other processes' change detection (its max id)
        // and a case's story of changes, and a read must touch none of them. No foreign key: the log outlives what it names, as the
        // audit does; and, like the audit, it cannot be changed or deleted through the application.
        m.registerMigration("v12", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
            CREATE TABLE reads (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                who TEXT NOT NULL,
                session TEXT NOT NULL DEFAULT '',
                contact_id INTEGER,
                reference TEXT NOT NULL DEFAULT '',
                via TEXT NOT NULL,
                after_audit INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX reads_by_contact ON reads(contact_id, after_audit, id);
            CREATE INDEX reads_in_order ON reads(after_audit, id);
            CREATE TRIGGER reads_no_update BEFORE UPDATE ON reads
                BEGIN SELECT RAISE(ABORT, 'the access log cannot be changed'); END;
            CREATE TRIGGER reads_no_delete BEFORE DELETE ON reads
                BEGIN SELECT RAISE(ABORT, 'the access log cannot be deleted'); END;
            """)
        }
        // v14 (v13 is PostgreSQL's own: PostgresSchema.v13): the rows Heard cannot read, indexed.
        // Every command that leaves such rows out says so (`Store.unreadableRows`), and finding
        // none was a full scan with date() per row (about 100 ms at 100,000 contacts). Each
        // index holds only the rows its WHERE, the very condition `unreadableIDs` asks, lets in
        // (none, on a file Heard alone wrote), so the question is answered from an empty index;
        // SQLite keeps it true whoever writes the rows (sqlite3 too). The WHERE is written out
        // here, not built from `Store.notADay`, so that this migration never changes: should the
        // query's text drift from it, SQLite scans the table as before (still exact, only slow),
        // and UnreadableIndexTests says so.
        m.registerMigration("v14", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
            CREATE INDEX contacts_unreadable ON contacts(id) WHERE kind IS NULL
              OR kind NOT IN ('complaint', 'compliment', 'enquiry', 'member_enquiry', 'comment')
              OR (received IS NULL OR typeof(received) != 'text' OR length(received) != 10
              OR received NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
              OR substr(received, 6, 2) NOT BETWEEN '01' AND '12' OR substr(received, 9, 2) = '00'
              OR substr(received, 1, 4) = '0000'
              OR (substr(received, 9, 2) > '28' AND date(received, '+0 days') IS NOT received));
            CREATE INDEX actions_unreadable ON actions(id) WHERE (created IS NULL OR typeof(created) != 'text' OR length(created) != 10
              OR created NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
              OR substr(created, 6, 2) NOT BETWEEN '01' AND '12' OR substr(created, 9, 2) = '00'
              OR substr(created, 1, 4) = '0000'
              OR (substr(created, 9, 2) > '28' AND date(created, '+0 days') IS NOT created));
            """)
        }
        // One officer's live work (`heard digest`, my work `M`) found through an index instead of
        // a scan of every contact (some 40 ms of CPU at 100,000). Partial: only the rows my work
        // can list (open or answered cases, compliments, cases not accepted), so that a bulk
        // change of officer on settled cases does not pay to keep it. `Store.myWorkInput` says
        // this WHERE word for word (`Store.myWorkRows`), which is how SQLite knows the index
        // holds every row it wants; written out here so that this migration never changes
        // (MyWorkIndexTests fails should the two drift apart).
        m.registerMigration("v15", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                CREATE INDEX contacts_officer_live ON contacts(officer COLLATE NOCASE)
                  WHERE status IN ('open', 'responded') OR kind = 'compliment' OR status = 'not_accepted'
                """)
        }
        // v16: `audit_undoes` finds whether a row was undone (`u.undoes = a.id`, the one query
        // that reads it) and held an entry for every audit row, all but the undo rows' NULL:
        // a bulk change of 100,000 cases paid for 100,000 of them (some 0.1 s of its 2). Partial
        // now, so only undo rows are in it; `undoes = ?` says NOT NULL, so SQLite still takes it.
        m.registerMigration("v16", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                DROP INDEX audit_undoes;
                CREATE INDEX audit_undoes ON audit(undoes) WHERE undoes IS NOT NULL;
                """)
        }
        // v17: the name index (`Store+NameIndex`). A subject access search read every text of
        // every case (some 50 MB at 100,000 contacts with their letters: 0.4 s); the index keeps
        // each case's words as `PersonName` folds them and offers only the cases holding every
        // word of the name. SQLite's triggers (they fire whoever writes, sqlite3 too) note each
        // case whose named or free text changed in `name_words_stale`, and those cases are
        // searched by reading them until their words are taken again; a case deleted takes its
        // words with it at once. The file's cases are all noted here: their words are taken by the
        // first search that can write, not by the upgrade, which touches nothing else.
        m.registerMigration("v17", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: Schema.nameIndexSQL)
            try db.execute(sql: "INSERT INTO name_words_stale (contact_id) SELECT id FROM contacts")
        }
        // v18: the contact log and letters rows Heard may not be able to read, indexed, as v14 did
        // for contacts and actions. `heard sar` (and every export with correspondence) made sure
        // no such row was left out unsaid by reading every log line and letter in Swift, some
        // 0.2 s at 100,000 contacts; now SQLite offers only the rows whose cells are not all of
        // the shape Heard writes, and Swift judges those (`Store.unreadableCorrespondence`).
        // The WHERE is `mayBeUnreadableLog`/`mayBeUnreadableLetter`, which the query says word
        // for word; never change them, add a migration (UnreadableIndexTests checks the plan).
        // v14's indexes are made again with it: SQLite's length() and GLOB stop at a NUL, so a
        // date '2021-03-01' followed by a NUL and more passed their test while every reader left
        // the row out unsaid (found by an attack); the length is now the bytes'.
        m.registerMigration("v18", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                CREATE INDEX contact_log_unreadable ON contact_log(id) WHERE \(Schema.mayBeUnreadableLog);
                CREATE INDEX letters_unreadable ON letters(id) WHERE \(Schema.mayBeUnreadableLetter);
                DROP INDEX contacts_unreadable;
                DROP INDEX actions_unreadable;
                CREATE INDEX contacts_unreadable ON contacts(id) WHERE \(Schema.mayBeUnreadableContact);
                CREATE INDEX actions_unreadable ON actions(id) WHERE \(Schema.mayBeUnreadableAction);
                CREATE INDEX events_unreadable ON events(id) WHERE \(Schema.mayBeUnreadableEvent);
                """)
        }
        // v19: a name's words read invisible characters (a soft hyphen, a zero-width space, a
        // control another tool wrote) as if they were not there (`CaseSearch.isIgnorable`), where
        // they used to split a word: "O'Br\u{AD}ien" was "obr" and "ien", and subject access
        // answered "we hold no records" for Mary O'Brien. Every case's words are taken again, by
        // the first search that can write (as v17 made them), not by the upgrade.
        m.registerMigration("v19", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: "INSERT INTO name_words_stale (contact_id) SELECT id FROM contacts")
        }
        // v20: a case's actions (the case screen, `heard show`, every save's redraw) by index: the
        // action plan's 20,000 rows were scanned for each (1.7 ms at 100,000 cases; 8 µs now).
        // With foreign keys checked as it goes, as every migration before it: GRDB's default
        // checked every row of the file at the end, and a file with a row another tool left
        // without its case (which `heard check` names) could not be opened at all, read-only and
        // by `heard check` too (found by an attack). What it does is unchanged.
        m.registerMigration("v20", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: Schema.actionSourceIndexes)
        }
        return m
    }

    /// Migrations that only add indexes: a file without them reads the same (more slowly), so a
    /// read-only open of a file no one here may write goes on without them.
    static let readableWithout: Set<String> = ["v20"]

    /// Indexes that are no version of the schema: a writable open makes those a file lacks
    /// (`Store.addUnversionedIndexes`), and a file without them reads the same, more slowly. A
    /// migration would have every older Heard refuse the file as newer, and on a team's shared
    /// file one officer's upgrade lock out the rest (found by a trial) for an index alone.
    static let unversionedIndexes: [(name: String, sql: String)] = [("events_report", reportEventIndex),
                                                                    ("actions_report", actionsReportIndex)]

    /// The report's actions (`Store.reportActions`: those created in its period, with the columns
    /// it counts) read from an index that holds them all: the table's rows carry each action's
    /// title and detail, and a scan of them was 7 ms of a one-year report at 20,000 actions and
    /// 22 ms of a ten-year one, after its counting. The server has it too (`serverIndexes`).
    static let actionsReportIndex = """
        CREATE INDEX IF NOT EXISTS actions_report ON actions(created, service_area, due, status);
        """

    /// The report's later contacts (received outside its period, escalated, referred, decided or
    /// remedied in it: `Store.relevantSQL`) by an index of only those events, with the case's id
    /// in it. Over `events_date` every event of the period was looked up in the table for its case
    /// (~80 ms of a ten-year report at 100,000 cases, before its readers could start; ~13 ms now).
    /// Its WHERE is the report's word for word, or SQLite cannot know that the index holds every
    /// row it wants (`ReportEventIndexTests` checks the plan). The server has it too (`serverIndexes`).
    static let reportEventKinds = "kind IN ('next_stage_requested', 'ombudsman_referred', 'ombudsman_decision', 'remedy')"
    static let reportEventIndex = """
        CREATE INDEX IF NOT EXISTS events_report ON events(date, kind, contact_id) WHERE \(reportEventKinds);
        """

    /// The indexes of an action's sources (v20; the server's `serverIndexes` has them too).
    static let actionSourceIndexes = """
        CREATE INDEX IF NOT EXISTS actions_source_contact ON actions(source_contact_id);
        CREATE INDEX IF NOT EXISTS actions_source_learning ON actions(source_learning_id);
        """

    /// The tables and their columns a fully migrated file holds: what the migrations build, written
    /// out, because building a scratch database with every migration to learn it cost some 13 ms
    /// at every opening, a third of a command like `heard show`. `ExpectedShapeTests` builds that
    /// scratch database and fails, printing the list to put here, the moment the two differ (a
    /// migration added without this list following it). Optional only for `missing`'s sake.
    static let expectedShape: [String: [String]]? = migratedShape

    static let migratedShape: [String: [String]] = [
        "action_notes": ["id", "action_id", "date", "text"],
        "actions": ["id", "title", "detail", "owner", "service_area", "source_kind", "source_contact_id", "source_learning_id", "source_meeting", "source_resolution", "created", "due", "status", "drop_reason", "completed", "tags", "version"],
        "audit": ["id", "at", "who", "session", "entity", "entity_id", "reference", "action", "changes", "batch", "undoes", "parent_id"],
        "audit_redaction": ["started"],
        "contact_log": ["id", "contact_id", "direction", "kind", "with_whom", "at", "note", "recorded_by"],
        "contacts": ["id", "reference", "kind", "received", "channel", "service_area", "team", "procedure", "complainant_name", "complainant_role", "cyp", "advocate", "subject_child", "summary", "officer", "events_date", "acceptance_decision", "status", "stage", "closed_on", "legal_hold", "anonymised", "version", "last_response", "complainant_address", "complainant_phone", "complainant_email", "preferred_contact", "relationship_to_child", "authority_checked", "authority_checked_on", "subject_child_id", "subject_child_dob", "equality_age_band", "equality_gender", "equality_ethnicity", "equality_disability", "equality_religion", "equality_sexual_orientation", "legal_hold_reason", "legal_hold_on", "anonymised_on"],
        "contacts_fts": ["reference", "complainant_name", "subject_child", "summary"],
        "contacts_fts_config": ["k", "v"],
        "contacts_fts_data": ["id", "block"],
        "contacts_fts_docsize": ["id", "sz"],
        "contacts_fts_idx": ["segid", "term", "pgno"],
        "documents": ["id", "contact_id", "name", "size", "type", "added", "sha256", "added_by", "data"],
        "events": ["id", "contact_id", "kind", "date", "stage", "new_due", "reason", "outcome", "satisfied", "ombudsman_decision", "remedy", "amount_pence"],
        "holidays": ["date", "title"],
        "issues": ["id", "contact_id", "position", "category", "detail", "finding1", "finding2", "finding3", "finding1_text", "finding2_text", "finding3_text"],
        "learning_points": ["id", "contact_id", "theme", "text", "date", "service_area"],
        "letters": ["id", "contact_id", "template", "stage", "sent", "format", "body", "recorded_by"],
        "name_words": ["contact_id", "words"],
        "name_words_fts": ["words"],
        "name_words_fts_config": ["k", "v"],
        "name_words_fts_data": ["id", "block"],
        "name_words_fts_docsize": ["id", "sz"],
        "name_words_fts_idx": ["segid", "term", "pgno"],
        "name_words_stale": ["contact_id"],
        "reads": ["id", "at", "who", "session", "contact_id", "reference", "via", "after_audit"],
        "stage_people": ["contact_id", "investigating_officer", "independent_person", "panel_member_1", "panel_member_2", "panel_member_3", "panel_date"],
        "subject_access_requests": ["id", "requested_at", "who", "for_whom", "due", "cases", "completed"],
    ]

    /// The shape the migrations build, from a scratch database in memory (for the test above).
    static func shapeFromMigrations() throws -> [String: [String]] {
        let q = try DatabaseQueue()
        try migrator.migrate(q)
        return try q.read { try shape($0) }
    }

    /// Whether the file's own schema has a table `name`, as GRDB's `tableExists` says (any case),
    /// read from `sqlite_master` here: `tableExists` first builds its own description of the whole
    /// schema (1.4 M instructions each, three times in every command's open).
    ///
    /// Each row is decoded as GRDB decodes it, not compared in SQL: a type another tool stored as
    /// a BLOB is its UTF-8, a name is its text up to a NUL. A `WHERE type = 'table' AND name = ?`
    /// missed such rows, which SQLite itself still reads, and a team file whose `team_folder` row
    /// was so edited was taken for a personal file and made 0600 (found by an attack).
    static func hasTable(_ db: Database, _ name: String) throws -> Bool {
        let wanted = name.lowercased()
        let rows = try Row.fetchCursor(db, sql: "SELECT type, name FROM sqlite_master")
        while let row = try rows.next() {
            guard String.fromDatabaseValue(row[0] as DatabaseValue) == "table", !row.hasNull(atIndex: 1) else { continue }
            let found: String = row[1]
            if found.lowercased() == wanted { return true }
        }
        return false
    }

    /// Every table of Heard's (not SQLite's own, not the migrations' record) with its columns,
    /// in their order. One statement for all tables, read at every open: a PRAGMA table_info
    /// for each of 29 tables was 30 statements made and run before every command.
    static func shape(_ db: Database) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT m.name, c.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS c
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name != 'grdb_migrations'
            ORDER BY m.name, c.cid
            """)
        while let row = try rows.next() {
            let table: String = row[0]
            out[table, default: []].append(contentsOf: (row[1] as DatabaseValue).text.map { [$0] } ?? [])
        }
        return out
    }

    /// What a file whose migrations all ran lacks: "table stage_people", "column
    /// contacts.equality_religion". A table dropped or rebuilt by another tool would otherwise
    /// surface as a raw "no such table" from every command (PRAGMA table_info is cheap).
    static func missing(in db: Database) throws -> [String] {
        guard let expected = expectedShape else { return [] }
        let found = try shape(db)
        var out: [String] = []
        for table in expected.keys.sorted() {
            guard let have = found[table] else { out.append("table \(table)"); continue }
            let present = Set(have.map { $0.lowercased() })
            for column in expected[table] ?? [] where !present.contains(column.lowercased()) {
                out.append("column \(table).\(column)")
            }
        }
        return out
    }
}

extension Schema {
    /// The name index (v17, `Store+NameIndex`): each case's words in `name_words` (sorted, one
    /// space between), searched through an FTS5 index over them kept by triggers; the cases
    /// whose text changed since their words were taken in `name_words_stale` (a row per change,
    /// in order: the taker deletes the rows it read by rowid). Written out here, not built, so
    /// that the migration never changes.
    static let nameIndexSQL = """
        CREATE TABLE name_words (
            contact_id INTEGER PRIMARY KEY,
            words TEXT NOT NULL DEFAULT ''
        );
        CREATE VIRTUAL TABLE name_words_fts USING fts5(
            words, content='name_words', content_rowid='contact_id', tokenize='unicode61 remove_diacritics 0'
        );
        CREATE TRIGGER name_words_added AFTER INSERT ON name_words BEGIN
            INSERT INTO name_words_fts (rowid, words) VALUES (new.contact_id, new.words);
        END;
        CREATE TRIGGER name_words_removed AFTER DELETE ON name_words BEGIN
            INSERT INTO name_words_fts (name_words_fts, rowid, words) VALUES ('delete', old.contact_id, old.words);
        END;
        CREATE TRIGGER name_words_changed AFTER UPDATE ON name_words BEGIN
            INSERT INTO name_words_fts (name_words_fts, rowid, words) VALUES ('delete', old.contact_id, old.words);
            INSERT INTO name_words_fts (rowid, words) VALUES (new.contact_id, new.words);
        END;
        CREATE TABLE name_words_stale (contact_id INTEGER NOT NULL);

        CREATE TRIGGER name_stale_contact_added AFTER INSERT ON contacts BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (new.id);
        END;
        CREATE TRIGGER name_stale_contact_changed AFTER UPDATE OF complainant_name, subject_child, advocate, summary, acceptance_decision, id ON contacts
            WHEN old.complainant_name IS NOT new.complainant_name OR old.subject_child IS NOT new.subject_child
              OR old.advocate IS NOT new.advocate OR old.summary IS NOT new.summary
              OR old.acceptance_decision IS NOT new.acceptance_decision OR old.id IS NOT new.id BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (new.id);
            DELETE FROM name_words WHERE contact_id = old.id AND old.id IS NOT new.id;
        END;
        CREATE TRIGGER name_stale_contact_removed AFTER DELETE ON contacts BEGIN
            DELETE FROM name_words WHERE contact_id = old.id;
        END;

        CREATE TRIGGER name_stale_issue_added AFTER INSERT ON issues
            WHEN EXISTS (SELECT 1 FROM name_words WHERE contact_id = new.contact_id) BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (new.contact_id);
        END;
        CREATE TRIGGER name_stale_issue_changed AFTER UPDATE OF detail, finding1_text, finding2_text, finding3_text, contact_id ON issues
            WHEN old.detail IS NOT new.detail OR old.finding1_text IS NOT new.finding1_text OR old.finding2_text IS NOT new.finding2_text
              OR old.finding3_text IS NOT new.finding3_text OR old.contact_id IS NOT new.contact_id BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (old.contact_id);
            INSERT INTO name_words_stale (contact_id) SELECT new.contact_id WHERE new.contact_id IS NOT old.contact_id;
        END;
        CREATE TRIGGER name_stale_issue_removed AFTER DELETE ON issues
            WHEN EXISTS (SELECT 1 FROM name_words WHERE contact_id = old.contact_id) BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (old.contact_id);
        END;

        CREATE TRIGGER name_stale_event_added AFTER INSERT ON events WHEN new.reason IS NOT NULL AND new.reason != ''
            AND EXISTS (SELECT 1 FROM name_words WHERE contact_id = new.contact_id) BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (new.contact_id);
        END;
        CREATE TRIGGER name_stale_event_changed AFTER UPDATE OF reason, contact_id ON events
            WHEN old.reason IS NOT new.reason OR old.contact_id IS NOT new.contact_id BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (old.contact_id);
            INSERT INTO name_words_stale (contact_id) SELECT new.contact_id WHERE new.contact_id IS NOT old.contact_id;
        END;
        CREATE TRIGGER name_stale_event_removed AFTER DELETE ON events WHEN old.reason IS NOT NULL AND old.reason != ''
            AND EXISTS (SELECT 1 FROM name_words WHERE contact_id = old.contact_id) BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (old.contact_id);
        END;

        CREATE TRIGGER name_stale_people_added AFTER INSERT ON stage_people
            WHEN EXISTS (SELECT 1 FROM name_words WHERE contact_id = new.contact_id) BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (new.contact_id);
        END;
        CREATE TRIGGER name_stale_people_changed AFTER UPDATE OF investigating_officer, independent_person, panel_member_1, panel_member_2,
            panel_member_3, contact_id ON stage_people
            WHEN old.investigating_officer IS NOT new.investigating_officer OR old.independent_person IS NOT new.independent_person
              OR old.panel_member_1 IS NOT new.panel_member_1 OR old.panel_member_2 IS NOT new.panel_member_2
              OR old.panel_member_3 IS NOT new.panel_member_3 OR old.contact_id IS NOT new.contact_id BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (old.contact_id);
            INSERT INTO name_words_stale (contact_id) SELECT new.contact_id WHERE new.contact_id IS NOT old.contact_id;
        END;
        CREATE TRIGGER name_stale_people_removed AFTER DELETE ON stage_people
            WHEN EXISTS (SELECT 1 FROM name_words WHERE contact_id = old.contact_id) BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (old.contact_id);
        END;

        CREATE TRIGGER name_stale_log_added AFTER INSERT ON contact_log
            WHEN EXISTS (SELECT 1 FROM name_words WHERE contact_id = new.contact_id) BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (new.contact_id);
        END;
        CREATE TRIGGER name_stale_log_changed AFTER UPDATE OF with_whom, note, contact_id ON contact_log
            WHEN old.with_whom IS NOT new.with_whom OR old.note IS NOT new.note OR old.contact_id IS NOT new.contact_id BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (old.contact_id);
            INSERT INTO name_words_stale (contact_id) SELECT new.contact_id WHERE new.contact_id IS NOT old.contact_id;
        END;
        CREATE TRIGGER name_stale_log_removed AFTER DELETE ON contact_log
            WHEN EXISTS (SELECT 1 FROM name_words WHERE contact_id = old.contact_id) BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (old.contact_id);
        END;

        CREATE TRIGGER name_stale_letter_added AFTER INSERT ON letters
            WHEN EXISTS (SELECT 1 FROM name_words WHERE contact_id = new.contact_id) BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (new.contact_id);
        END;
        CREATE TRIGGER name_stale_letter_changed AFTER UPDATE OF body, contact_id ON letters
            WHEN old.body IS NOT new.body OR old.contact_id IS NOT new.contact_id BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (old.contact_id);
            INSERT INTO name_words_stale (contact_id) SELECT new.contact_id WHERE new.contact_id IS NOT old.contact_id;
        END;
        CREATE TRIGGER name_stale_letter_removed AFTER DELETE ON letters
            WHEN EXISTS (SELECT 1 FROM name_words WHERE contact_id = old.contact_id) BEGIN
            INSERT INTO name_words_stale (contact_id) VALUES (old.contact_id);
        END;
        """
}

extension Schema {
    /// SQLite's own search tables: the full-text index of contacts and the name index with its
    /// FTS5 tables and stale list. Derived from the record (built again from it), so not copied
    /// by `heard migrate`, and not on PostgreSQL, which has `contacts_search` instead.
    static func isSQLiteIndex(_ table: String) -> Bool { table.hasPrefix("contacts_fts") || table.hasPrefix("name_words") }

    /// FTS5's virtual tables and their shadow tables, whose columns are FTS5's own business.
    static func isFullTextTable(_ table: String) -> Bool { table.hasPrefix("contacts_fts") || table.hasPrefix("name_words_fts") }
}

extension Schema {
    /// A contact log row not surely of the shape Heard writes (v18's index): a direction or kind
    /// it does not know, a cell of another type where text belongs, or a time that is not
    /// `YYYY-MM-DD HH:MM` on a real day. Every row `Store.logEntry` cannot read is among these
    /// (it takes a date alone, or other spellings of the time, too: those it judges itself).
    static let mayBeUnreadableLog = """
        (typeof(direction) != 'text' OR direction NOT IN ('in', 'out')
          OR typeof(kind) != 'text' OR kind NOT IN ('call', 'email', 'letter', 'meeting', 'visit')
          OR typeof(with_whom) NOT IN ('text', 'null') OR typeof(note) NOT IN ('text', 'null')
          OR typeof(recorded_by) NOT IN ('text', 'null')
          OR typeof(at) != 'text' OR length(CAST(at AS BLOB)) != 16 OR substr(at, 11, 1) != ' ' OR substr(at, 14, 1) != ':'
          OR NOT (substr(at, 12, 2) GLOB '[0-1][0-9]' OR substr(at, 12, 2) GLOB '2[0-3]') OR substr(at, 15, 2) NOT GLOB '[0-5][0-9]'
          OR substr(at, 1, 10) NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
          OR substr(at, 6, 2) NOT BETWEEN '01' AND '12' OR substr(at, 9, 2) = '00' OR substr(at, 1, 4) = '0000'
          OR (substr(at, 9, 2) > '28' AND date(substr(at, 1, 10), '+0 days') IS NOT substr(at, 1, 10)))
        """

    /// The contacts Heard cannot read (v18's `contacts_unreadable`, v14's made NUL-proof): what
    /// `Store.unreadableQuery` asks, word for word, written out so that the migration never changes.
    static let mayBeUnreadableContact = """
        kind IS NULL OR kind NOT IN ('complaint', 'compliment', 'enquiry', 'member_enquiry', 'comment') OR (received IS NULL OR typeof(received) != 'text' OR length(CAST(received AS BLOB)) != 10
          OR received NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
          OR substr(received, 6, 2) NOT BETWEEN '01' AND '12' OR substr(received, 9, 2) = '00'
          OR substr(received, 1, 4) = '0000'
          OR (substr(received, 9, 2) > '28' AND date(received, '+0 days') IS NOT received))
        """

    /// The actions Heard cannot read (v18's `actions_unreadable`), as `mayBeUnreadableContact`.
    static let mayBeUnreadableAction = """
        (created IS NULL OR typeof(created) != 'text' OR length(CAST(created AS BLOB)) != 10
          OR created NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
          OR substr(created, 6, 2) NOT BETWEEN '01' AND '12' OR substr(created, 9, 2) = '00'
          OR substr(created, 1, 4) = '0000'
          OR (substr(created, 9, 2) > '28' AND date(created, '+0 days') IS NOT created))
        """

    /// The events Heard cannot read (v18's `events_unreadable`): a kind it does not know or a
    /// date that is not a day. `heard sar` asks before it answers (an event's reason can name
    /// the person: an attack found a SAR saying "we hold no records" past such a row).
    static let mayBeUnreadableEvent = """
        kind IS NULL OR kind NOT IN ('acknowledged', 'extended', 'paused', 'resumed', 'responded', 'next_stage_requested', 'withdrawn', 'mediation', 'not_accepted', 'closed', 'ombudsman_referred', 'ombudsman_decision', 'remedy') OR (date IS NULL OR typeof(date) != 'text' OR length(CAST(date AS BLOB)) != 10
          OR date NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
          OR substr(date, 6, 2) NOT BETWEEN '01' AND '12' OR substr(date, 9, 2) = '00'
          OR substr(date, 1, 4) = '0000'
          OR (substr(date, 9, 2) > '28' AND date(date, '+0 days') IS NOT date))
        """

    /// A letters row not surely readable (v18's index): a stage that is not a whole number from
    /// 1 to 3, a cell of another type where text belongs, or a sent date that is not a real day.
    static let mayBeUnreadableLetter = """
        (typeof(template) NOT IN ('text', 'null') OR typeof(format) NOT IN ('text', 'null')
          OR typeof(body) NOT IN ('text', 'null') OR typeof(recorded_by) NOT IN ('text', 'null')
          OR (stage IS NOT NULL AND (typeof(stage) != 'integer' OR stage NOT BETWEEN 1 AND 3))
          OR typeof(sent) != 'text' OR length(CAST(sent AS BLOB)) != 10
          OR sent NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
          OR substr(sent, 6, 2) NOT BETWEEN '01' AND '12' OR substr(sent, 9, 2) = '00' OR substr(sent, 1, 4) = '0000'
          OR (substr(sent, 9, 2) > '28' AND date(sent, '+0 days') IS NOT sent))
        """
}
