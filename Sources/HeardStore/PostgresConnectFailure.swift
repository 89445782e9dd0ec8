import Foundation

extension PostgresError {
    /// libpq's first line about a connection that failed, in words that say what to look at.
    /// libpq writes `connection to server at "HOST" (ADDR), port N failed: REASON`, and its
    /// REASON for an address that answers but is no PostgreSQL server (a web server, a port
    /// forwarded elsewhere) is about SSL or authentication ("received invalid response to SSL
    /// negotiation: H"), which sends the user to look at certificates instead of at the address.
    /// Reasons that say the server was not reached are worded as such, keeping the place (host
    /// and port, or socket) and libpq's own reason in brackets; any other line (a login refused,
    /// a database that does not exist) is the server's word and is left as it is.
    static func wordedConnectFailure(_ line: String) -> String {
        let prefix = "connection to server "
        guard line.hasPrefix(prefix), let cut = line.range(of: " failed: ") else { return line }
        let place = String(line[line.index(line.startIndex, offsetBy: prefix.count)..<cut.lowerBound])
        let reason = String(line[cut.upperBound...]).trimmingCharacters(in: .whitespaces)
        let lower = reason.lowercased()
        let unreached = "the server cannot be reached: "
        if lower.hasPrefix("received invalid response to ssl negotiation") || lower.hasPrefix("expected authentication request from server")
            || lower.hasPrefix("received invalid response") || lower.hasPrefix("invalid message") {
            return unreached + "what answers \(place) is not a PostgreSQL server; check the host and port (\(reason))"
        }
        if lower.hasPrefix("server closed the connection unexpectedly") || lower.contains("connection reset by peer") {
            return unreached + "what answers \(place) closed the connection without answering as a PostgreSQL server; check the host and port (\(reason))"
        }
        if lower.hasPrefix("timeout expired") {
            return unreached + "nothing answered \(place) in time; check the host, the port and the network (\(reason))"
        }
        if lower.hasPrefix("connection refused") {
            return unreached + "nothing is listening \(place); is the server running there? (\(reason))"
        }
        if lower.hasPrefix("no such file or directory"), place.hasPrefix("on socket") {
            return unreached + "no server is listening \(place); is the server running? (\(reason))"
        }
        if lower.hasPrefix("no route to host") || lower.hasPrefix("network is unreachable") || lower.hasPrefix("host is unreachable") {
            return unreached + "\(place) cannot be reached from here; check the host and the network (\(reason))"
        }
        // libpq's own words name no way to give one (a trial).
        if lower.hasPrefix("fe_sendauth: no password supplied") {
            return "the server \(place) asks for a password and none was given: set PGPASSWORD, or put it in ~/.pgpass (mode 0600) for this host, port, database and user (\(reason))"
        }
        return line
    }
}
