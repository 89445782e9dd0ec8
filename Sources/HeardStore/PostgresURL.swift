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
        // libpq knows the scheme in lower case only: `POSTGRESQL://` would be read as a
        // key=value string and sent to the default socket (found by a trial).
        let scheme = path.range(of: "://")!
        connectionString = path[..<scheme.lowerBound].lowercased() + path[scheme.lowerBound...]
        let (display, password) = PostgresURL.redact(path)
        self.display = display
        self.password = password
    }

    /// The URL without its password, and the password: `postgresql://user:secret@host/db` gives
    /// `postgresql://user@host/db`; `?password=secret` (and `sslpassword=`) is dropped from the query.
    static func redact(_ url: String) -> (String, String?) {
        let (display, secrets) = redactAll(url)
        // The password as libpq reads it: decoded (each secret comes decoded, then as written).
        return (display, secrets.first { $0.removingPercentEncoding == $0 } ?? secrets.first)
    }

    /// The URL without any secret, and every secret as it may appear in a message: decoded and
    /// as written (libpq quotes a password it cannot decode as written). The user part ends at
    /// the LAST '@' before the query, so a password with an unencoded '/', '?' or '@' in it is
    /// still taken whole rather than read as a host or a path and shown.
    static func redactAll(_ url: String) -> (String, [String]) {
        guard let scheme = url.range(of: "://") else { return (url, []) }
        let head = url[..<scheme.upperBound]
        var rest = Substring(url[scheme.upperBound...])
        var secrets: [String] = []
        func keep(_ raw: Substring) {
            let written = String(raw)
            if let decoded = written.removingPercentEncoding, !decoded.isEmpty { secrets.append(decoded) }
            if !written.isEmpty { secrets.append(written) }
        }
        let queryStart = rest.firstIndex(of: "?") ?? rest.endIndex
        // `u:Sec?ret@host`: no '@' before the '?', but a "user:" that is no "host:port" before it.
        let firstPart = rest[..<(rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex)]
        let looksLikeUser = firstPart.firstIndex(of: ":").map { !firstPart[firstPart.index(after: $0)...].allSatisfy(\.isNumber) } ?? false
        var userEnd = rest[..<queryStart].lastIndex(of: "@") ?? (looksLikeUser ? rest.lastIndex(of: "@") : nil)
        // `u:Sec@ret?x@host`: a password before that '@' and another '@' after the '?' may be one
        // password holding both; hide up to the last '@' (a host shown wrong beats a secret shown).
        if let at = userEnd, rest[..<at].contains(":"), let last = rest.lastIndex(of: "@"), last > at, queryStart < last {
            userEnd = last
        }
        if let at = userEnd {
            let userinfo = rest[..<at]
            if let colon = userinfo.firstIndex(of: ":") {
                keep(userinfo[userinfo.index(after: colon)...])
                rest = rest[..<colon] + rest[at...]
            }
        }
        var out = String(head) + rest
        if let q = out.firstIndex(of: "?") {
            let base = out[..<q]
            var kept: [Substring] = []
            for item in out[out.index(after: q)...].split(separator: "&", omittingEmptySubsequences: false) {
                let lower = item.lowercased()
                if let name = ["password=", "sslpassword="].first(where: { lower.hasPrefix($0) }) {
                    keep(item.dropFirst(name.count))
                } else {
                    kept.append(item)
                }
            }
            out = String(base) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        }
        return (out, secrets)
    }

    /// `text` with every secret of the URL taken out wherever it appears (a message from libpq
    /// or the server, which may quote the URL or a part of it). libpq may also quote a piece of
    /// a password it misread as a host or a port (`u:Sec/ret@h` gives port "Sec"): a quoted value
    /// holding any piece of a secret is hidden whole.
    func scrub(_ text: String) -> String {
        let secrets = PostgresURL.redactAll(connectionString).1.filter { !$0.isEmpty }
        var out = text
        // Longest first, so a secret that contains another is taken out whole.
        for secret in secrets.sorted(by: { $0.count > $1.count }) {
            out = out.replacingOccurrences(of: secret, with: "********")
        }
        let pieces = Set(secrets.flatMap { $0.split(whereSeparator: { "@/?:#&=".contains($0) }) }.map(String.init).filter { $0.count >= 2 })
        guard !pieces.isEmpty else { return out }
        let parts = out.split(separator: "\"", omittingEmptySubsequences: false)
        // Odd-numbered parts are inside quotes.
        return parts.enumerated().map { i, part in
            i % 2 == 1 && pieces.contains(where: { part.contains($0) }) ? "********" : String(part)
        }.joined(separator: "\"")
    }
}
