import Foundation
import HeardCore

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
        // What is shown of it: control characters out, and any `user:secret@` without the secret.
        func shown(_ p: String) -> String {
            let clean = TextSanitiser.clean(p, allowLineBreaks: false).0
            guard let re = try? NSRegularExpression(pattern: ":[^/@\\s]*@") else { return clean }
            return re.stringByReplacingMatches(in: clean, range: NSRange(clean.startIndex..., in: clean), withTemplate: "@")
        }
        // A name with a space, tab or line break at an end, or a control character (a pasted
        // URL with a space before it was taken as a file and made one, named with its password).
        let trimmed = path.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed != path || path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "'\(shown(path))': the database's name begins or ends with a space or holds a control character; give it without; nothing was changed."
        }
        // `postgres:/…`, `postgresql:u:p@h`, `postgresql//…`: a server's URL mistyped, never a file.
        if !PostgresURL.isURL(path), path.range(of: #"^postgres(ql)?[:;/]"#, options: [.regularExpression, .caseInsensitive]) != nil || path.range(of: #"^[^/\s:@]+:[^/\s@]+@"#, options: .regularExpression) != nil {
            return "\(shown(path)): not a database Heard can open: a PostgreSQL server's URL begins postgresql:// or postgres://, and a file is named by its path; nothing was changed."
        }
        if let colon = path.range(of: "://"), !PostgresURL.isURL(path) {
            let scheme = path[..<colon.lowerBound]
            if let first = scheme.first, first.isASCII, first.isLetter,
               scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }) {
                return "\(shown(PostgresURL.redactAll(path).0)): not a database Heard can open: a PostgreSQL server's URL begins postgresql:// or postgres://, and a file is named by its path; nothing was changed."
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
