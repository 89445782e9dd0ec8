import Foundation

/// Where a PostgreSQL record lives: the URL as given (handed to libpq, which also reads
/// `PGPASSWORD` and `~/.pgpass`) and the same URL without its password, the only form that
/// appears in a message, a log or `Store.path`.
struct PostgresURL: Sendable, Equatable {
    /// The URL as given, password included: for libpq only.
    let connectionString: String
    /// The URL with any password removed (from the user part and from a `password=` parameter).
    let display: String
    /// The password written in the URL, if any (removed from anything libpq says, in case it echoes it).
    let password: String?

    /// Whether `path` names a PostgreSQL server rather than a file.
    static func isURL(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// The URL `path`, or nil when it is a file path.
    init?(_ path: String) {
        guard PostgresURL.isURL(path) else { return nil }
        connectionString = path
        let (display, password) = PostgresURL.redact(path)
        self.display = display
        self.password = password
    }

    /// The URL without its password, and the password: `postgresql://user:secret@host/db` gives
    /// `postgresql://user@host/db`; `?password=secret` is dropped from the query.
    static func redact(_ url: String) -> (String, String?) {
        guard let scheme = url.range(of: "://") else { return (url, nil) }
        let head = url[..<scheme.upperBound]
        var rest = Substring(url[scheme.upperBound...])
        var password: String?
        // The authority ends at the first '/' or '?' (a '@' in a password must be percent-encoded).
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            if let colon = userinfo.firstIndex(of: ":") {
                password = String(userinfo[userinfo.index(after: colon)...]).removingPercentEncoding
                rest = rest[..<colon] + rest[at...]
            }
        }
        var out = String(head) + rest
        if let q = out.firstIndex(of: "?") {
            let base = out[..<q]
            var kept: [Substring] = []
            for item in out[out.index(after: q)...].split(separator: "&", omittingEmptySubsequences: false) {
                if item.lowercased().hasPrefix("password=") {
                    password = String(item.dropFirst("password=".count)).removingPercentEncoding
                } else {
                    kept.append(item)
                }
            }
            out = String(base) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        }
        return (out, password.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// `text` with the password taken out wherever it appears (a message from libpq or the server).
    func scrub(_ text: String) -> String {
        guard let password, !password.isEmpty else { return text }
        return text.replacingOccurrences(of: password, with: "********")
    }
}
