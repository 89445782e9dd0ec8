import CLibPQ
import Foundation

/// The PostgreSQL mode (issue 15, "Speed"): each size's SQLite record copied to the server with
/// `heard migrate` into a schema of its own, measured there as on SQLite, then compared figure by
/// figure: PASS where the server's figure is within twice SQLite's (and `/` within one frame).
enum PostgresBench {
    /// A problem with the server (its message, never the URL's password).
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// `url` with any password left out, for printing.
    static func display(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let user = url[scheme.upperBound..<at]
        guard let colon = user.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + String(url[at...])
    }

    /// Runs `sql` on a connection of its own to `server`.
    static func execute(_ server: String, _ sql: String) throws {
        guard let conn = PQconnectdb(server) else { throw Failure(description: "libpq: out of memory") }
        defer { PQfinish(conn) }
        guard PQstatus(conn) == CONNECTION_OK else {
            throw Failure(description: "cannot connect to \(display(server)): \(String(cString: PQerrorMessage(conn)))")
        }
        PQsetNoticeProcessor(conn, { _, _ in }, nil)   // "drop cascades to …" is noise here
        let r = PQexec(conn, sql)
        defer { PQclear(r) }
        let status = PQresultStatus(r)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw Failure(description: "\(sql): \(String(cString: PQerrorMessage(conn)))")
        }
    }

    /// Creates (afresh) the schema `name` on `server` and returns the URL that opens it: its
    /// search_path, with `public` after it for the extensions (unaccent).
    static func schema(_ server: String, _ name: String) throws -> String {
        try execute(server, "DROP SCHEMA IF EXISTS \(name) CASCADE")
        try execute(server, "CREATE SCHEMA \(name)")
        return url(server, name)
    }

    /// The URL that opens the schema `name` on `server`.
    static func url(_ server: String, _ name: String) -> String {
        server + (server.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(name)%2Cpublic"
    }

    /// Sets the schema at `url` up as a team's server is set up (`heard init --postgres`: the
    /// roles, their rights and the rules that make the server the audit's authority), so that
    /// what is measured is what a council runs (the rules stamp every audit row and check each
    /// transaction at COMMIT). A login that may not create roles measures without them, and says so.
    static func setUpTeam(_ heard: String, _ url: String, env: [String: String], size: Int, figures: Figures, quietly: Bool = false) {
        let run = Measure.spawn(heard, ["init", "--postgres", url], env: env)
        if run.status != 0 {
            figures.note(size, "PostgreSQL: measured WITHOUT the team's roles and rules (heard init --postgres failed: the login may need CREATEROLE)")
        } else if !quietly {
            figures.note(size, "PostgreSQL: set up as a team's server (heard init --postgres: roles, rights, the audit's rules)")
        }
    }

    /// Drops the schema `name` and all it holds (quietly: the figures are what matter here).
    static func drop(_ server: String, _ name: String) { try? execute(server, "DROP SCHEMA IF EXISTS \(name) CASCADE") }

    /// A figure's name without its " (min of N)": the measure, whatever the number of runs.
    static func measure(_ name: String) -> Substring {
        name.range(of: " (min of ").map { name[..<$0.lowerBound] } ?? name[...]
    }

    /// The comparison for one size: every budgeted SQLite figure beside the server's, with the
    /// ratio and its verdict. Figures are the fastest of their runs on a shared machine.
    static func compare(size: Int, figures: Figures) -> (text: String, pass: Int, fail: Int) {
        var out = "\nPostgreSQL beside SQLite at \(size): every budget within twice its SQLite figure; / within one frame (16 ms)\n"
        out += "   size  measure                                              SQLite   PostgreSQL    ratio  verdict\n"
        var pass = 0, fail = 0
        let server = figures.all.filter { $0.size == size && $0.database == "postgres" }
        for s in figures.all where s.size == size && s.database == "sqlite" && s.budget != nil && s.unit != .times {
            // The same measure, however many runs each took (a server import runs once).
            guard let p = server.first(where: { measure($0.name) == measure(s.name) }) else { continue }
            let ratio = s.value > 0 ? p.value / s.value : .infinity
            let ok: Bool
            if s.name.hasPrefix("/ keystroke") { ok = !p.failed && p.value <= 0.016 }
            else { ok = !p.failed && !s.failed && ratio <= 2 }
            if ok { pass += 1 } else { fail += 1 }
            let label = s.name.count >= 50 ? s.name : s.name + String(repeating: " ", count: 50 - s.name.count)
            out += String(format: "%7d  ", size) + label + " " + s.unit.format(s.value) + "  " + s.unit.format(p.value)
                + String(format: "  %6.2f×  ", ratio) + (ok ? "PASS" : "FAIL") + "\n"
        }
        out += "\(pass) PASS, \(fail) FAIL of \(pass + fail)\n"
        return (out, pass, fail)
    }
}
