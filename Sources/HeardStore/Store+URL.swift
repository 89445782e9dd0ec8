extension Store {
    /// Whether `--db` / `HEARD_DB` names a PostgreSQL server rather than a SQLite file.
    public static func isServerURL(_ path: String) -> Bool {
        PostgresURL.isURL(path)
    }
}
