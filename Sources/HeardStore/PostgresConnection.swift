import CLibPQ
import Foundation

/// One libpq connection (synchronous), speaking portable SQL: `?` numbered `$1…`, values sent as
/// text for the server to type (bytea as binary), results read as text by column type.
/// Inside a transaction, a statement whose result nobody reads waits in `queue` and goes with the
/// next one that returns rows, or with COMMIT, in one round trip (`PostgresPipeline.swift`).
/// `@unchecked Sendable`: it is used by one thread at a time, held either by the backend's pool
/// (under its lock) or by the one transaction that took it from there.
final class PostgresConnection: SQLConnection, @unchecked Sendable {
    let handle: OpaquePointer
    let url: PostgresURL
    /// Prepared statements of this connection by SQL text (`cached: true`).
    var prepared: [String: String] = [:]
    /// The number of the next prepared statement's name (never reused, even after a failed prepare).
    var nextPrepared = 1
    /// The `$n` form of each SQL text seen, with its parameter count.
    private var rewritten: [String: (sql: String, count: Int)] = [:]
    var savepoints = 0
    /// Rows changed by the last INSERT, UPDATE or DELETE the server answered.
    var lastChanges = 0
    /// Statements sent later, with the next that returns rows (in order).
    var queue: [PostgresPending] = []
    /// The values of the statements in `queue` (counted from when it was last empty).
    var queuedValues = 0
    /// How many times the queue was sent: a savepoint knows whether its own start was.
    var flushes = 0
    /// The error of queued statements sent when `changes` was read (a getter cannot throw): the
    /// next statement, savepoint or transaction end throws it, as the statement's own.
    var deferredError: Error?
    /// The failure of the transaction's opening statements, sent with its first statement (the
    /// writers' lock's "busy", a lost connection): the transaction's error until it rolls back.
    var openingError: Error?
    /// Whether a read's COMMIT was sent and its answer not yet read (`commitWithoutWaiting`).
    var commitInFlight = false
    /// Round trips to the server so far (each answer waited for), for tests and measurements.
    var roundTrips = 0
    /// Answers of queries read ahead (`readAhead`), in the order asked, each taken once by the
    /// `each` that asks for it; let go at the next write, savepoint's end or transaction's end.
    var readAheadAnswers: [(read: SQLRead, result: OpaquePointer?)] = []
    /// Writes and reads sent and not yet answered (`writeAhead`): read before anything else
    /// is sent (`landFlight`).
    var flight: PostgresFlight?

    var dialect: SQLDialect { .postgres }

    /// Connects; a server that cannot be reached or refuses the login is `PostgresError` with
    /// libpq's reason (which names the host and port, never the password).
    init(_ url: PostgresURL, connectTimeout: Int = 10) throws {
        self.url = url
        handle = try PostgresConnection.connect(url, applicationName: "heard", connectTimeout: connectTimeout)
    }

    /// A libpq connection to `url`, notices silenced (an extension already there, … are not the
    /// user's business); a refusal is `PostgresError` with libpq's reason, the password taken out.
    /// Parameters after `dbname` (the URL, expanded) override the URL's; those before are defaults.
    static func connect(_ url: PostgresURL, applicationName: String, connectTimeout: Int = 10) throws -> OpaquePointer {
        // A network that drops under an open connection is found in about half a minute, not the
        // quarter of an hour TCP gives it by default, so a save waiting on it ends with a message:
        // keepalive probes after 10 s idle, every 5 s, three lost, and sent data unacknowledged
        // for 30 s (found by a trial; a server that stops answering on a local socket is not caught).
        let keys = ["connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
                    "application_name", "dbname", "client_encoding"]
        let values = [String(connectTimeout), "1", "10", "5", "3", "30000", applicationName, url.connectionString, "UTF8"]
        let cKeys = keys.map { strdup($0) }, cValues = values.map { strdup($0) }
        defer { (cKeys + cValues).forEach { free($0) } }
        // libpq is loaded on first use (CLibPQ): without it a SQLite file still works, and a
        // server URL says what is missing instead of libpq's NULL, "out of memory".
        guard heard_pq_available() != 0 else {
            throw PostgresError(sqlState: nil, message: "PostgreSQL's client library (libpq.so.5) is not installed on this machine; install it (Debian: apt-get install libpq5) to use a postgresql:// database")
        }
        var kp: [UnsafePointer<CChar>?] = cKeys.map { UnsafePointer($0) } + [nil]
        var vp: [UnsafePointer<CChar>?] = cValues.map { UnsafePointer($0) } + [nil]
        guard let h = kp.withUnsafeMutableBufferPointer({ k in
            vp.withUnsafeMutableBufferPointer { v in PQconnectdbParams(k.baseAddress, v.baseAddress, 1) }
        }) else { throw PostgresError(sqlState: nil, message: "out of memory") }
        guard PQstatus(h) == CONNECTION_OK else {
            let why = url.scrub(PostgresError.wordedConnectFailure(PostgresConnection.firstLine(PQerrorMessage(h))))
            PQfinish(h)
            throw PostgresError(sqlState: nil, message: why.isEmpty ? "the server cannot be reached" : why)
        }
        PQsetNoticeProcessor(h, { _, _ in }, nil)
        return h
    }

    deinit {
        dropReadAhead()
        PQfinish(handle)
    }

    /// Whether libpq has seen the connection fail (the server went away, the network dropped).
    var isBroken: Bool { PQstatus(handle) != CONNECTION_OK }

    /// Whether a transaction is open (or failed and not yet rolled back).
    var inTransaction: Bool {
        let s = PQtransactionStatus(handle)
        return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE
    }

    /// The server's process id (tests end it to show that a lost connection is replaced).
    var serverProcessID: Int32 { PQbackendPID(handle) }

    func execute(_ sql: String, _ arguments: [Bound]) throws {
        if let e = openingError ?? deferredError { throw e }
        if arguments.isEmpty && sql.contains(";") {
            // Several statements separated by `;` (schema scripts): the simple protocol.
            dropReadAhead()
            try flush()
            try runNow(sql)
            return
        }
        try enqueue(sql, arguments, cached: false)
    }

    /// The server itself refuses a statement that changed another number of rows (a division by
    /// zero, said as `otherwise`): a count checked by the client as the answers came could not
    /// stop the COMMIT sent in the same round trip, and the command's other writes were committed
    /// (found by the test of a version moved in a one-command step).
    func executeExpecting(_ sql: String, _ arguments: [Bound], changes count: Int, otherwise: Error) throws {
        if let e = openingError ?? deferredError { throw e }
        let checked = "WITH heard_changed AS (\(sql) RETURNING 1) SELECT 1 / CASE WHEN count(*) = \(count) THEN 1 ELSE 0 END FROM heard_changed"
        try enqueue(checked, arguments, cached: true, otherwise: otherwise)
    }

    /// `executeCached` without a round trip of its own: queued like `execute`, prepared once.
    func executeCached(_ sql: String, _ arguments: [Bound]) throws {
        if let e = openingError ?? deferredError { throw e }
        try enqueue(sql, arguments, cached: true)
    }

    /// Runs `sql` (one or several statements, no parameters) at once, outside the queue.
    func runNow(_ sql: String) throws {
        try landFlight()
        roundTrips += 1
        let r = PQexec(handle, sql)
        defer { PQclear(r) }
        try check(r)
        noteChanges(r)
    }

    /// The `$n` form of `sql`, refused when it does not take as many values as given.
    func numbered(_ sql: String, _ arguments: [Bound]) throws -> String {
        let numbered: (sql: String, count: Int)
        if let known = rewritten[sql] { numbered = known } else {
            numbered = PostgresPlaceholders.rewrite(sql)
            rewritten[sql] = numbered
        }
        guard numbered.count == arguments.count else {
            throw StoreError.database("\(arguments.count) values given for \(numbered.count) parameters")
        }
        return numbered.sql
    }

    func each(_ sql: String, _ arguments: [Bound], cached: Bool, _ body: (any SQLRow) throws -> Void) throws {
        try eachRow(sql, arguments, cached: cached) { try body($0) }
    }

    /// `each`, the row given as its own type (`SQLConnection.each(_:file:server:)`).
    func eachRow(_ sql: String, _ arguments: [Bound], cached: Bool, _ body: (PostgresRow) throws -> Void) throws {
        if let e = openingError ?? deferredError { throw e }
        // An INSERT, UPDATE or DELETE without RETURNING has no rows for `body`: it waits in the
        // queue as `execute`'s do (the store's version check and status write are written so).
        if PostgresConnection.returnsNoRows(sql) {
            try enqueue(sql, arguments, cached: cached)
            return
        }
        let result: OpaquePointer?
        // Its answer may be on its way (`writeAhead`).
        if let f = flight, f.reads.contains(where: { $0.sql == sql && $0.arguments == arguments }) { try landFlight() }
        if let i = readAheadAnswers.firstIndex(where: { $0.read.sql == sql && $0.read.arguments == arguments }) {
            result = readAheadAnswers.remove(at: i).result
        } else {
            // A statement that is no plain SELECT may change what the answers kept say.
            if !readAheadAnswers.isEmpty && !PostgresConnection.isPlainSelect(sql) { dropReadAhead() }
            let statement = PostgresPending(sql: try numbered(sql, arguments), original: sql, arguments: arguments, cached: cached)
            // What waits goes first, with this statement, in one round trip.
            result = try send(statement)
        }
        defer { PQclear(result) }
        let rows = PQntuples(result)
        var row = PostgresRow(result: result, row: 0)
        for i in 0..<rows {
            row.row = i
            try body(row)
        }
    }

    /// Sends what waits and every query of `reads` not already answered, in one round trip, and
    /// keeps their answers for the `each` that asks for each (the same SQL and values). A read
    /// the server refuses is thrown here, as `each` would have thrown it, and nothing is kept.
    func readAhead(_ reads: @autoclosure () throws -> [SQLRead]) throws {
        if let e = openingError ?? deferredError { throw e }
        var wanted: [SQLRead] = []
        for r in try reads() where !PostgresConnection.returnsNoRows(r.sql) && PostgresConnection.isPlainSelect(r.sql)
            && !wanted.contains(r) && !readAheadAnswers.contains(where: { $0.read == r }) { wanted.append(r) }
        // One query alone costs its round trip either way.
        guard wanted.count > 1 else { return }
        let statements = try wanted.map {
            PostgresPending(sql: try numbered($0.sql, $0.arguments), original: $0.sql, arguments: $0.arguments, cached: $0.cached)
        }
        let answers = try pipeline(queue + statements, keeping: statements.count)
        readAheadAnswers += zip(wanted, answers).map { ($0, $1) }
    }

    /// Lets go of the answers read ahead and not asked for.
    func dropReadAhead() {
        flight?.keepAnswers = false
        for a in readAheadAnswers { PQclear(a.result) }
        readAheadAnswers.removeAll()
    }

    /// Whether `sql` is a SELECT (not a WITH, which may hold a DELETE … RETURNING).
    static func isPlainSelect(_ sql: String) -> Bool {
        sql.drop(while: { $0 == " " || $0 == "\n" || $0 == "\t" }).prefix(7).uppercased() == "SELECT "
    }

    /// Whether `sql` is an INSERT, UPDATE or DELETE without RETURNING (no rows whatever it does);
    /// anything else (a SELECT, a WITH, a RETURNING anywhere, even in a string) is taken to return rows.
    static func returnsNoRows(_ sql: String) -> Bool {
        let head = sql.drop(while: { $0 == " " || $0 == "\n" || $0 == "\t" }).prefix(7).uppercased()
        guard head == "UPDATE " || head == "INSERT " || head == "DELETE " else { return false }
        return sql.range(of: "RETURNING", options: .caseInsensitive) == nil
    }

    /// The name of `statement`'s prepared form, and whether it must be prepared first (the name
    /// is taken now, so that the same SQL twice in one pipeline is prepared once).
    func preparedName(_ statement: PostgresPending) -> (name: String, new: Bool) {
        if let known = prepared[statement.original] { return (known, false) }
        let name = "heard_\(nextPrepared)"
        nextPrepared += 1
        prepared[statement.original] = name
        return (name, true)
    }

    /// Calls `body` with the statement's parameters as libpq takes them: text for the server to
    /// type, bytea as binary bytes (NULs included) with their length.
    static func withParameters<T>(_ arguments: [Bound],
                                  _ body: (Int32, [Oid], [UnsafePointer<CChar>?], [Int32], [Int32]) -> T) -> T {
        var values: [UnsafeMutablePointer<CChar>?] = []
        var lengths: [Int32] = [], formats: [Int32] = [], types: [Oid] = []
        defer { values.forEach { free($0) } }
        for a in arguments {
            switch a {
            case .null:
                values.append(nil); lengths.append(0); formats.append(0); types.append(0)
            case .text(let s):
                values.append(strdup(s)); lengths.append(0); formats.append(0); types.append(0)
            case .int(let n):
                values.append(strdup(String(n))); lengths.append(0); formats.append(0); types.append(0)
            case .double(let d):
                values.append(strdup(PostgresConnection.text(d))); lengths.append(0); formats.append(0); types.append(0)
            case .blob(let d):
                let p = malloc(max(d.count, 1))?.assumingMemoryBound(to: CChar.self)
                d.withUnsafeBytes { raw in if let p, let b = raw.baseAddress { memcpy(p, b, d.count) } }
                values.append(p); lengths.append(Int32(d.count)); formats.append(1); types.append(PostgresType.bytea)
            }
        }
        let pointers: [UnsafePointer<CChar>?] = values.map { $0.map { UnsafePointer($0) } }
        return body(Int32(arguments.count), types, pointers, lengths, formats)
    }

    /// Sends one statement alone and waits for its result, prepared once per connection when `cached`.
    func run(_ statement: PostgresPending) throws -> OpaquePointer? {
        try landFlight()
        let result: OpaquePointer?
        roundTrips += 1
        if statement.cached {
            let (name, new) = preparedName(statement)
            if new {
                roundTrips += 1
                let types = PostgresConnection.withParameters(statement.arguments) { _, types, _, _, _ in types }
                let r = PQprepare(handle, name, statement.sql, Int32(statement.arguments.count), types)
                defer { PQclear(r) }
                do { try check(r) } catch { prepared[statement.original] = nil; throw error }
            }
            result = PostgresConnection.withParameters(statement.arguments) { n, _, values, lengths, formats in
                PQexecPrepared(handle, name, n, values, lengths, formats, 0)
            }
        } else {
            result = PostgresConnection.withParameters(statement.arguments) { n, types, values, lengths, formats in
                PQexecParams(handle, statement.sql, n, types, values, lengths, formats, 0)
            }
        }
        do { try check(result) } catch { PQclear(result); throw statement.explain(error) }
        noteChanges(result)
        return result
    }

    /// Throws the server's refusal in `result` (or the connection's, when there is no result).
    func check(_ result: OpaquePointer?) throws {
        guard let result else { throw failure(nil) }
        let status = PQresultStatus(result)
        if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY { return }
        throw failure(result)
    }

    func failure(_ result: OpaquePointer?) -> PostgresError {
        let field = { (code: UInt8) -> String? in
            guard let result, let p = PQresultErrorField(result, Int32(code)) else { return nil }
            return String(cString: p)
        }
        let state = field(UInt8(ascii: "C"))
        var message = field(UInt8(ascii: "M")) ?? PostgresConnection.firstLine(PQerrorMessage(handle))
        if message.isEmpty { message = "the connection to the server was lost" }
        if state == nil && isBroken { message = "the connection to the server was lost: \(message)" }
        // A data exception quotes the value it could not take ('invalid input syntax for type
        // bigint: "Mary Smith"'): the message keeps what went wrong, not the value (an attack).
        if state?.hasPrefix("22") == true, let quote = message.range(of: ": \"") { message = String(message[..<quote.lowerBound]) }
        var error = PostgresError(sqlState: state, message: url.scrub(message))
        error.inFunction = field(UInt8(ascii: "W")) != nil
        return error
    }

    /// Keeps the count of rows an INSERT, UPDATE or DELETE changed (not a SELECT's row count).
    func noteChanges(_ result: OpaquePointer?) {
        guard let result, let status = PQcmdStatus(result) else { return }
        let verb = String(cString: status).prefix(while: { $0 != " " })
        guard verb == "INSERT" || verb == "UPDATE" || verb == "DELETE" || verb == "MERGE" else { return }
        lastChanges = Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// A double as PostgreSQL reads it back exactly (Swift's shortest round-trip digits).
    static func text(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        return "\(d)"
    }

    static func firstLine(_ p: UnsafePointer<CChar>?) -> String {
        guard let p else { return "" }
        let s = String(cString: p).trimmingCharacters(in: .whitespacesAndNewlines)
        return s.split(separator: "\n").first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? s
    }
}

/// The type OIDs Heard reads (pg_type.h).
enum PostgresType {
    static let bool: Oid = 16, bytea: Oid = 17, int8: Oid = 20, int2: Oid = 21, int4: Oid = 23, oid: Oid = 26
    static let float4: Oid = 700, float8: Oid = 701, numeric: Oid = 1700
}

/// One row of a libpq result, read by the column's type.
struct PostgresRow: SQLRow {
    let result: OpaquePointer?
    var row: Int32
    /// The result's number of columns and each column's type, asked of libpq once a result, not
    /// once a cell (each ask is two calls through the loader: a twentieth of an export's reading).
    let columnCount: Int32
    private let types: [Oid]

    init(result: OpaquePointer?, row: Int32) {
        self.result = result
        self.row = row
        columnCount = PQnfields(result)
        types = (0..<max(columnCount, 0)).map { PQftype(result, $0) }
    }

    /// Column `i`'s type; InvalidOid (0) for a column that is not there, as libpq says.
    private func type(_ i: Int32) -> Oid { i >= 0 && i < columnCount ? types[Int(i)] : 0 }

    func kind(_ i: Int32) -> SQLKind {
        if isNull(i) { return .null }
        switch type(i) {
        case PostgresType.int2, PostgresType.int4, PostgresType.int8, PostgresType.bool, PostgresType.oid: return .integer
        case PostgresType.float4, PostgresType.float8, PostgresType.numeric: return .real
        case PostgresType.bytea: return .blob
        default: return .text
        }
    }

    func isNull(_ i: Int32) -> Bool { PQgetisnull(result, row, i) != 0 }

    /// The cell's bytes as libpq holds them, up to the first NUL as `String(cString:)` reads
    /// them (a server's text never holds one); nil for NULL or a column that is not there.
    /// libpq gives a NULL as an empty text, so only an empty one is asked whether it is NULL.
    private func cell(_ i: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard i >= 0, i < columnCount, let p = PQgetvalue(result, row, i) else { return nil }
        if p.pointee == 0 && isNull(i) { return nil }
        return UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p))
    }

    /// The cell's text as the server sent it (nil for NULL).
    private func raw(_ i: Int32) -> String? { cell(i).map { String(decoding: $0, as: UTF8.self) } }

    func int64(_ i: Int32) -> Int64 {
        // Read from the bytes where they are a plain integer (every id, version and count): a
        // String made for each was a tenth of reading a server's rows.
        guard let b = cell(i) else { return 0 }
        if type(i) == PostgresType.bool { return b.count == 1 && b[0] == UInt8(ascii: "t") ? 1 : 0 }
        if let n = PostgresRow.plainInteger(b) { return n }
        let s = String(decoding: b, as: UTF8.self)
        if let n = Int64(s) { return n }
        // numeric (sum of integers), or a number written as text, as SQLite converts it.
        if let d = Double(s.trimmingCharacters(in: .whitespaces)), d.isFinite, d > -9.2e18, d < 9.2e18 { return Int64(d) }
        return 0
    }

    func double(_ i: Int32) -> Double {
        guard let s = raw(i) else { return 0 }
        if type(i) == PostgresType.bool { return s == "t" ? 1 : 0 }
        return Double(s) ?? 0
    }

    func text(_ i: Int32) -> String {
        guard let s = raw(i) else { return "" }
        switch type(i) {
        case PostgresType.bool: return s == "t" ? "1" : "0"
        case PostgresType.bytea: return String(decoding: PostgresRow.bytea(s), as: UTF8.self)
        default: return s
        }
    }

    /// A text column's bytes as libpq holds them (what `text` copies); other types through `text`.
    func withTextBytes<R>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // (A column that is not there has no type, and no bytes: `cell` gives nil.)
        let t = type(i)
        guard t != PostgresType.bool, t != PostgresType.bytea else {
            var s = text(i)
            return s.withUTF8(body)
        }
        return body(cell(i) ?? UnsafeBufferPointer(start: nil, count: 0))
    }

    /// The value of an optional sign and one to eighteen ASCII digits (no such number overflows),
    /// as `Int64(String)` reads them; nil for anything else, which goes the general way.
    static func plainInteger(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0, negative = false
        if let first = b.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            i = 1
        }
        let digits = b.count - i
        guard digits >= 1, digits <= 18 else { return nil }
        var n: Int64 = 0
        while i < b.count {
            let d = b[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            n = n * 10 + Int64(d)
            i += 1
        }
        return negative ? -n : n
    }

    func blob(_ i: Int32) -> Data {
        if type(i) == PostgresType.bytea { return withBlobBytes(i) { Data($0) } }
        guard let s = raw(i) else { return Data() }
        return Data(s.utf8)
    }

    /// A bytea cell's bytes decoded from the cell's text where it lies (`byteaBytes`): decoded
    /// through a String into Data a byte at a time, each kept report fact (54,000 of them in a
    /// ten-year report) cost 40,000 instructions, most of the report's time on the client.
    func withBlobBytes<R>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard type(i) == PostgresType.bytea else { return blob(i).withUnsafeBytes { body($0.bindMemory(to: UInt8.self)) } }
        guard let c = cell(i) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return PostgresRow.withByteaBytes(c, body)
    }

    /// bytea's text form, `\x` and two hex digits a byte (the server's default output).
    static func bytea(_ s: String) -> Data {
        var s = s
        return s.withUTF8 { withByteaBytes($0) { Data($0) } }
    }

    /// `bytea` of the text's UTF-8 bytes: anything not in the hex form as it is; the hex digits
    /// up to the first that is not one.
    static func byteaBytes(_ u: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        withByteaBytes(u) { Array($0) }
    }

    /// `body` given `byteaBytes(u)`, decoded into memory of the call's own (on the stack when
    /// small) by a table, a pair of digits at a time: a kept report fact was an array made and
    /// freed, and a branch per digit, 1,900 instructions each (an eighth of a report reader's).
    static func withByteaBytes<R>(_ u: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard u.count >= 2, u[0] == UInt8(ascii: "\\"), u[1] == UInt8(ascii: "x") else { return body(u) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max((u.count - 2) / 2, 1)) { out in
            hexDigits.withUnsafeBufferPointer { digit in
                guard let from = u.baseAddress, let to = out.baseAddress, let value = digit.baseAddress else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
                var i = 2, k = 0
                while i + 1 < u.count {
                    let hi = value[Int(from[i])], lo = value[Int(from[i + 1])]
                    if (hi | lo) > 0x0F { break }
                    to[k] = hi << 4 | lo
                    k += 1
                    i += 2
                }
                return body(UnsafeBufferPointer(start: to, count: k))
            }
        }
    }

    /// Each byte's value as a hex digit, 0xFF for a byte that is none.
    private static let hexDigits: [UInt8] = (0...255).map { c in
        switch UInt8(c) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt8(c) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt8(c) - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt8(c) - UInt8(ascii: "A") + 10
        default: return 0xFF
        }
    }
}
