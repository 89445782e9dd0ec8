extension Store {
    /// Whether `--db` / `HEARD_DB` names a PostgreSQL server rather than a SQLite file.
    public static func isServerURL(_ path: String) -> Bool {
        PostgresURL.isURL(path)
    }

    /// Why `path` is neither a file path nor a server's URL, or nil: a URL of another scheme (a
    /// misspelt `postgresq://user:secret@host/db`) or a libpq `key=value` string. Said without the
    /// path's secrets: it was taken as a file name, and "no such database file" echoed it whole,
    /// password and all (found by a trial).
    public static func notAPathOrURL(_ path: String) -> String? {
        if let colon = path.range(of: "://"), !PostgresURL.isURL(path) {
            let scheme = path[..<colon.lowerBound]
            if let first = scheme.first, first.isASCII, first.isLetter,
               scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }) {
                let shown = PostgresURL.redactAll(path).0
                return "\(shown): not a database Heard can open: a PostgreSQL server's URL begins postgresql:// or postgres://, and a file is named by its path; nothing was changed."
            }
        }
        let words = path.split(separator: " ")
        let keys = ["host=", "hostaddr=", "dbname=", "user=", "password=", "port=", "service="]
        if !path.contains("/"), words.contains(where: { w in keys.contains { w.lowercased().hasPrefix($0) } }) {
            return "A PostgreSQL server is named by a postgresql:// URL (postgresql://USER@HOST/DATABASE), not a key=value connection string; nothing was changed."
        }
        return nil
    }
}
