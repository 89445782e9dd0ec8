/// Opening a store on PostgreSQL, and what it does differently there.
extension Store {
    /// Refuses a schema Heard did not make or a newer Heard's; creates the tables in an empty one.
    func preparePostgres() throws {
        // One read transaction for what a record at the current version is asked at every
        // opening (a round trip each for BEGIN and COMMIT saved twice over); others ask again below.
        let opening = try backend.read { conn -> (state: PostgresSchema.State, missing: [String]?, writerRow: Bool?, nameIndex: Bool?) in
            let o = try PostgresSchema.opening(conn, missingToo: true)
            guard o.state == .version(PostgresSchema.version) else { return (o.state, nil, nil, nil) }
            return (o.state, o.missing, o.writerRow, o.nameIndex)
        }
        switch opening.state {
        case .foreign:
            throw StoreError.refused("\(path): this database already holds tables that Heard did not create; it was left untouched. Give Heard an empty database or schema of its own.")
        case .version(let v) where v > PostgresSchema.version:
            throw StoreError.newerVersion(path)
        case .version(let v):
            // Not when opened read-only, which changes nothing in the record: read as it is, as
            // any login but the owner's reads it (found by a trial: `--read-only` upgraded it).
            if v < PostgresSchema.version, !options.readOnly, try upgradePostgres() { serverUpgrade.withLock { $0 = v } }
            let missing = try opening.missing ?? backend.read { try PostgresSchema.missing(in: $0) }
            if !missing.isEmpty { throw try missingOrUnreadable(missing) }
            if let server = backend as? PostgresBackend, let writerRow = opening.writerRow {
                server.writerRow.store(writerRow, ordering: .relaxed)
                server.nameIndex.store(opening.nameIndex ?? false, ordering: .relaxed)
                return
            }
        case .empty:
            // As a missing file is: only a command that makes a record (import, demo, init) makes one.
            if options.readOnly || !options.create {
                throw StoreError.refused("\(path): this database holds no Heard record yet. Run 'heard import FILE.csv --db URL' to start one there; nothing was changed.")
            }
            // Two Heards opening an empty database at once: the writers' lock lets one create it.
            try backend.write { conn in
                if try PostgresSchema.state(conn) == .empty { try PostgresSchema.create(conn) }
            }
        }
        if let server = backend as? PostgresBackend {
            let (writerRow, nameIndex) = try server.read { conn in
                (try conn.int(PostgresBackend.hasWriterRow) == 1, try conn.int(PostgresSchema.hasNameIndex) == 1)
            }
            server.writerRow.store(writerRow, ordering: .relaxed)
            server.nameIndex.store(nameIndex, ordering: .relaxed)
        }
    }

    /// What a record at the current version that lacks `missing` (as `PostgresSchema.missing`
    /// names them) is said to be: the catalogue lists only the columns the login may use, so a
    /// table whose rights were taken from the login's role is there but unseen, which was said as
    /// a damaged database to restore from a backup (found by a trial). Such tables are named as
    /// the role's to be granted again by the tables' owner.
    private func missingOrUnreadable(_ missing: [String]) throws -> StoreError {
        // Every table and column there, whatever the login may use, named as `missing` names them.
        let present = Set(try backend.read { conn in
            try conn.texts("""
                SELECT 'table ' || c.relname FROM pg_catalog.pg_class c
                WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema()) AND c.relkind IN ('r', 'v', 'f', 'p')
                UNION ALL
                SELECT 'column ' || c.relname || '.' || a.attname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
                WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema()) AND c.relkind IN ('r', 'v', 'f', 'p')
                  AND a.attnum > 0 AND NOT a.attisdropped
                """)
        })
        let unseen = missing.filter(present.contains)
        guard !unseen.isEmpty else { return StoreError.incomplete(path, missing) }
        let tables = Array(Set(unseen.map { item -> String in
            let name = String(item.drop(while: { $0 != " " }).dropFirst())
            return item.hasPrefix("column ") ? String(name.split(separator: ".").first ?? "") : name
        })).sorted()
        let owner = (try? backend.read { try PostgresSchema.tablesOwner($0) }) ?? "?"
        let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? " and \(tables.count - 5) more" : "")
        return StoreError.refused("your database role (\(databaseRole ?? "?")) may not read \(tables.count == 1 ? "table" : "tables") \(shown) of \(path), though \(tables.count == 1 ? "it is" : "they are") there: its rights were taken away. The role that owns Heard's tables (\(owner)) grants Heard's roles their rights again with 'heard init --postgres'; nothing was changed.")
    }

    /// A schema made by an older Heard (v12, v13, v14) is brought to v15 by its owner when opened, under the
    /// advisory lock older Heards write under, and gains the role rules when its roles were set up
    /// (`heard init --postgres` does the same). Another login leaves it as it is: its writers keep
    /// the advisory lock until the owner opens it (stop every Heard first: one still running from
    /// before keeps the advisory lock while the upgraded take the row).
    /// True when it upgraded (this login is a member of the tables' owner).
    private func upgradePostgres() throws -> Bool {
        // Asked first in a read: a write takes the writers' row, which a manager may not, and an
        // attack found every manager command refused on a v13 schema its owner had not opened.
        guard try backend.read({ try PostgresSchema.ownsSchema($0) }) else { return false }
        try Store.waitingForQuiet(path) { try backend.write { conn in
            let roles = try conn.int("SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname IN ('heard_officer', 'heard_manager', 'heard_admin')") ?? 0
            let setUp = try conn.int(PostgresRoles.stampsWho) ?? 0
            // Kept as the set-up `heard check` compares with, but what departed before and still does.
            _ = try PostgresRoles.remaking(conn, always: roles == 3 && setUp > 0) {
                try PostgresSchema.upgrade(conn)
                if roles == 3 && setUp > 0 { _ = try PostgresRoles.install(conn) }
            }
        } }
        try notePostgresStamps()
        return true
    }

    /// `fileIsBusy` on PostgreSQL: whether another session holds the writers' row (v13), else
    /// this record's writers' advisory lock now (its two 32-bit keys show in pg_locks as classid, objid and objsubid 2; the lock
    /// is the database's, so its own database only).
    func postgresWriterIsBusy() -> Bool {
        if let server = backend as? PostgresBackend, server.writerRow.load(ordering: .relaxed) { return server.writerRowIsBusy() }
        let held = try? backend.read { conn in
            try conn.int("""
                SELECT count(*) FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND granted
                AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
                AND classid = CAST(? AS BIGINT) AND objid = coalesce((SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema()), CAST(0 AS OID))
                AND objsubid = 2 AND pid <> pg_backend_pid()
                """, [.int(PostgresBackend.writeLock)])
        }
        return (held ?? nil ?? 0) > 0
    }

    /// `indexSearch` on PostgreSQL: contacts whose words, accent- and case-folded, begin with
    /// each word of `text` (as FTS5's prefix query does on SQLite), in id order.
    func postgresIndexSearch(_ text: String) throws -> [Int64] {
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard !words.isEmpty else { return [] }
        // Each word folded as the index folds it, quoted as one lexeme, matched as a prefix.
        let match = words.map { _ in
            "s.words @@ to_tsquery('simple', quote_literal(heard_fold(CAST(? AS TEXT))) || ':*')"
        }.joined(separator: " AND ")
        return try query { conn in
            try conn.ints("SELECT s.contact_id FROM contacts_search s WHERE \(match) ORDER BY s.contact_id", words.map { .text($0) })
        }
    }
}

extension Store {
    /// The URL as shown (no password) when `path` names a PostgreSQL database or schema that holds
    /// no Heard record yet, else nil (a file, or a server with a record). Asked without opening a
    /// store, which would create the schema: `heard import --dry-run` changes nothing, so it checks
    /// its file against an empty record elsewhere and says this one is empty.
    public static func emptyServer(_ path: String) throws -> String? {
        guard let url = PostgresURL(path) else { return nil }
        let server = try PostgresBackend(url: url, busyTimeout: 1)
        defer { server.close() }
        return try server.read { try PostgresSchema.state($0) } == .empty ? url.display : nil
    }
}
