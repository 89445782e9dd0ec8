import Dispatch
import Foundation
import GRDB
import Synchronization
import HeardCore

/// A run of the contacts a report counts, in the report's order (received, then id), each with
/// the issues and events the figures read, and their contact log entries by contact id.
public struct ReportPiece: Sendable {
    public var contacts: [Contact]
    public var contactLogCounts: [Int64: Int]
    /// Report facts kept for the contacts, by position (empty when none were read): a complaint
    /// with facts here comes without its issues and events (`Store+ReportFacts`).
    public var kept: [ReportFacts?] = []
    /// Whether texts in different forms that Swift holds equal were met by the piece's reader,
    /// this piece or one before it (`Interner.mixedForms`).
    public var mixedForms = false
}

/// The report's record read a piece at a time: `heard report` over ten years held every
/// contact, issue, event and clock of the record at once (190 MB at 100,000 contacts, most of
/// its time spent faulting in and copying that memory). Each piece is counted and let go while
/// the next is read on the other core.
extension Store {
    /// How many contacts a piece holds: big enough that a piece's three reads cost little beside
    /// its rows, small enough that two pieces in flight are a few megabytes.
    public static let reportPieceSize = 2_048

    /// The contacts `reportContacts(relevantTo:)` returns, with the same fields, in the same order,
    /// in pieces of about `size`, handed to `body` on this thread as each is ready, in order. Two
    /// threads of their own read alternate pieces on two connections (reading is most of the work,
    /// and on a server most of it is waiting), once it is known that both see the state the plan
    /// was made from; otherwise one reads them all in one transaction. Every piece is of one state
    /// of the record. An error of a read is thrown here after the pieces before it; an error
    /// `body` throws stops the reads. `parallel: false` keeps to one reader (a caller already
    /// building another report beside this one).
    public func reportPieces(relevantTo period: Period, size: Int = Store.reportPieceSize, parallel: Bool = true,
                             _ body: (ReportPiece) throws -> Void) throws {
        try reportPieces(relevantTo: period, size: size, parallel: parallel, facts: nil, body)
    }

    /// `reportPieces`, with the facts kept under `facts` read in place of the issues and events
    /// of the complaints that have them (nil: every contact whole).
    ///
    /// `beside` is read in the pieces' state, on a reader's connection (the report's learning
    /// points and actions: read in transactions of their own, a report read while another
    /// program wrote counted the contacts of one moment and the learning of another; found by
    /// an attack). With two readers the second reads it before its first piece (the first
    /// reader and the count have work meanwhile); one reader reads it after its last.
    func reportPieces(relevantTo period: Period, size: Int = Store.reportPieceSize, parallel: Bool = true,
                      facts: ReportFactsRead?, stop: (@Sendable () -> Bool)? = nil, beside: (any PiecesStateRead)? = nil,
                      _ body: (ReportPiece) throws -> Void) throws {
        let size = max(1, size)
        // The readers read outside `query`: a file read without locks is asked here whether it
        // changed meanwhile (`SQLiteBackend.checkUnchanged`), as `query` asks after each read.
        if parallel, let readers = try startReaders(period, size: size, facts: facts, beside: beside) {
            try readers.lanes.consume(pieces: readers.pieces, body)
            try (backend as? SQLiteBackend)?.checkUnchanged()
            return
        }
        let lanes = ReportPieceLanes(count: 1)
        lanes.finished.enter()
        Store.onThreadOfItsOwn {
            defer { lanes.finished.leave() }
            let result = Result {
                try self.query { conn in
                    try self.eachReportPiece(conn, period, size: size, facts: facts, stop: stop) { piece in lanes.push(.success(piece), lane: 0) }
                    beside?.read(conn)
                }
            }
            if case .failure(let e) = result { _ = lanes.push(.failure(e), lane: 0) }
            _ = lanes.push(nil, lane: 0)
        }
        try lanes.consume(pieces: nil, body)
        try (backend as? SQLiteBackend)?.checkUnchanged()
    }

    /// Runs `work` on a thread made for it: the readers block while the counter (often itself on
    /// a dispatch queue: the report screen's) waits for them, and on two cores a blocked pool
    /// left them queued behind it for a third of a second (found by an attack).
    static func onThreadOfItsOwn(_ work: @escaping @Sendable () -> Void) {
        let thread = Thread(block: work)
        thread.qualityOfService = .userInitiated
        thread.start()
    }

    /// Makes the plan and starts two readers, each reading every other piece once told both see
    /// the plan's state; nil (the readers stopped) when that cannot be known or is not so.
    /// On a file: SQLite's `data_version`, read on one connection outside any transaction before
    /// the plan and again once both readers' transactions are open, is the same only if no other
    /// connection committed between (any writer, Heard or not). On a server, where each read is a
    /// REPEATABLE READ transaction: the newest audit id each sees (every write Heard makes adds one).
    private func startReaders(_ period: Period, size: Int, facts: ReportFactsRead?, beside: (any PiecesStateRead)?) throws -> ReportPieceReaders? {
        if let file = backend as? SQLiteBackend {
            do {
                return try file.pool.unsafeRead { db -> ReportPieceReaders? in
                    let version = { try Store.dataVersion(db) }
                    let before = try version()
                    // The readers open their connections and transactions while the plan is made
                    // (a connection's first read parses the whole schema: 3-4 ms that came after
                    // the plan, with one core idle). Every transaction here begins after `before`
                    // and before `now`.
                    let readers = launchReaders(period, facts: facts, beside: beside)
                    var plan: ReportPiecePlan?
                    do {
                        try db.inTransaction(.deferred) {
                            plan = try reportPiecePlan(SQLiteConnection(db), period, size: size)
                            return .commit
                        }
                        let open = readers.open()
                        let now = try version()
                        return readers.decide(open && now == before ? plan : nil) ? readers : nil
                    } catch {
                        _ = readers.decide(nil)
                        throw error
                    }
                }
            } catch let e as DatabaseError { throw Store.translate(e, path: file.path) }
        }
        let plan = try query { try reportPiecePlan($0, period, size: size) }
        let readers = launchReaders(period, facts: facts, beside: beside)
        let open = readers.open()
        return readers.decide(open && readers.stamps.withLock { $0.allSatisfy { $0 == plan.stamp } } ? plan : nil) ? readers : nil
    }

    /// Two readers on two connections of their own, each opening its transaction, then waiting
    /// for `decide`: given a plan, they read its pieces; nil, they end without a piece.
    private func launchReaders(_ period: Period, facts: ReportFactsRead?, beside: (any PiecesStateRead)?) -> ReportPieceReaders {
        let readers = ReportPieceReaders()
        for lane in 0..<2 {
            readers.lanes.finished.enter()
            Store.onThreadOfItsOwn {
                defer { readers.lanes.finished.leave() }
                var entered = true
                let result = Result {
                    try self.query { conn in
                        let stamp = try Store.reportStamp(conn)
                        readers.stamps.withLock { $0.append(stamp) }
                        entered = false
                        readers.started.leave()
                        guard let plan = readers.waitForVerdict() else { return }
                        if lane == 1 { beside?.read(conn) }
                        var intern = Interner(ownBytes: false)
                        for k in stride(from: lane, to: plan.count, by: 2) {
                            let piece = try self.reportPiece(conn, plan, k, period, &intern, facts: facts)
                            guard readers.lanes.push(.success(piece), lane: lane) else { return }
                        }
                    }
                }
                if entered { readers.started.leave() }
                if case .failure(let e) = result, readers.verdict.withLock({ $0 ?? nil }) != nil {
                    _ = readers.lanes.push(.failure(e), lane: lane)
                }
            }
        }
        return readers
    }

    /// The newest audit row's id: every write adds one, so two reads that see the same saw the same record.
    static func reportStamp(_ conn: any SQLConnection) throws -> Int {
        try conn.int("SELECT coalesce(max(id), 0) FROM audit") ?? 0
    }

    /// Where each piece starts: the (received, id) of every `size`th contact received in the
    /// period (a walk of the index on `received` alone), and the later contacts, read once.
    /// The walk is SQLite's: each start is the row `size` on from the last (`OFFSET`), so only
    /// the starts come up to Swift. Every row of the period came up one at a time before, three
    /// quarters of the plan's time (18 ms of a ten-year report at 100,000 contacts), all of it
    /// before the readers could begin.
    private func reportPiecePlan(_ conn: any SQLConnection, _ period: Period, size: Int) throws -> ReportPiecePlan {
        let stamp = try Store.reportStamp(conn)
        var starts: [(String, Int64)] = []
        let to = Bound.text(period.to.iso)
        if conn.dialect != .sqlite {
            let step = Bound.int(Int64(max(size, 1)))
            try conn.each(Store.reportPlanServerSQL, [.text(period.from.iso), to, step, to, step]) { r in starts.append((r.text(0), r.int64(1))) }
        } else {
            while true {
                let (sql, arguments): (String, [Bound]) = starts.last.map {
                    (Store.reportPlanNextSQL, [.text($0.0), to, .text($0.0), .int($0.1), .int(Int64(size))])
                } ?? (Store.reportPlanFirstSQL, [.text(period.from.iso), to, .int(Int64(size))])
                var next: (String, Int64)?
                try conn.each(sql, arguments) { r in next = (r.text(0), r.int64(1)) }
                guard let next else { break }
                starts.append(next)
            }
        }
        var intern = Interner(ownBytes: false)
        return ReportPiecePlan(stamp: stamp, starts: starts, later: try reportLaterContacts(conn, period, &intern), size: size)
    }

    /// The same walk on a server, in one statement: each step a round trip of its own cost more
    /// than the step (45 of them, 31 ms of a ten-year report at 100,000 contacts, the readers
    /// waiting; this way 9-13 ms). Each step is at least one row on (`size` ≥ 1), so it ends; it
    /// starts where the last did by the index on (received, id), not at the start of its day.
    static let reportPlanServerSQL = """
        WITH RECURSIVE s(n, received, id) AS (
          SELECT 1, f.received, f.id FROM (\(reportPlanFirstSQL)) AS f
          UNION ALL
          SELECT s.n + 1, x.received, x.id FROM s CROSS JOIN LATERAL (SELECT c.received, c.id FROM contacts AS c
            WHERE (c.received, c.id) >= (s.received, s.id) AND c.received <= ?
            ORDER BY c.received, c.id LIMIT 1 OFFSET ?) AS x)
        SELECT received, id FROM s ORDER BY n
        """

    /// The second piece's start: the row `size` rows into the period, in (received, id) order.
    static let reportPlanFirstSQL = """
        SELECT received, id FROM contacts WHERE received BETWEEN ? AND ? ORDER BY received, id LIMIT 1 OFFSET ?
        """

    /// The next piece's start: the row `size` rows on from a start (which is row 0 here: rows of
    /// its day with a smaller id are before it).
    static let reportPlanNextSQL = """
        SELECT received, id FROM contacts WHERE received >= ? AND received <= ? AND NOT (received = ? AND id < ?)
         ORDER BY received, id LIMIT 1 OFFSET ?
        """

    /// Piece `k` of `plan`: the contacts received in the period from its start to the next
    /// piece's, with the later contacts in that range merged in by (received, id).
    private func reportPiece(_ conn: any SQLConnection, _ plan: ReportPiecePlan, _ k: Int, _ period: Period,
                             _ intern: inout Interner, facts: ReportFactsRead?) throws -> ReportPiece {
        let lower = k > 0 ? plan.starts[k - 1] : nil
        let upper = k < plan.starts.count ? plan.starts[k] : nil
        // One range of the index on `received` (the period's ends would have SQLite walk it from
        // the period's start for every piece), then the rows of the end days outside the piece.
        var sql = "SELECT \(Store.reportContactColumns) FROM contacts WHERE received >= ? AND received <= ?"
        var arguments: [Bound] = [.text(lower?.0 ?? period.from.iso), .text(upper?.0 ?? period.to.iso)]
        if let (received, id) = lower {
            sql += " AND NOT (received = ? AND id < ?)"
            arguments += [.text(received), .int(id)]
        }
        if let (received, id) = upper {
            sql += " AND NOT (received = ? AND id >= ?)"
            arguments += [.text(received), .int(id)]
        }
        // At the piece's size: grown from empty, its contacts were copied some ten times over
        // (31 M instructions of copying in a ten-year report). A piece with a start after it
        // holds that many rows; the last may hold fewer, and is left to grow.
        var page: [Contact] = []
        if upper != nil { page.reserveCapacity(plan.size) }
        func row<R: SQLRow>(_ r: R) { if let c = Store.reportContact(r, &intern) { page.append(consume c) } }
        try conn.each(SQLRead(sql: sql + " ORDER BY received, id", arguments: arguments, cached: true), file: { row($0) }, server: { row($0) })
        func inPiece(_ c: Contact) -> Bool {
            let key = (c.received.iso, c.id ?? 0)
            return (lower.map { key >= $0 } ?? true) && (upper.map { key < $0 } ?? true)
        }
        let later = plan.later.filter(inPiece)
        // Given on with no other owner: the piece places its issues and events into the array
        // itself, and one still held here had every contact copied first.
        let all = Store.merging(page, later)
        page = []
        // The later contacts' rows were read in the plan's transaction, not this one: on a server
        // their facts are not kept (`keptReportFacts`).
        return try reportPiece(conn, all, &intern, facts: facts, readElsewhere: Set(later.compactMap(\.id)))
    }

    /// `a` and `b`, each in (received, id) order, merged in that order.
    static func merging(_ a: [Contact], _ b: [Contact]) -> [Contact] {
        if b.isEmpty { return a }
        var out: [Contact] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            let takeB = j < b.count && (i == a.count || (b[j].received, b[j].id ?? 0) < (a[i].received, a[i].id ?? 0))
            if takeB { out.append(b[j]); j += 1 } else { out.append(a[i]); i += 1 }
        }
        return out
    }

    /// The contacts received outside a period (its ends twice) with a stage, referral, decision
    /// or remedy in it, in (received, id) order: their events by the index of only those (v21).
    static let reportLaterSQL = """
        SELECT \(Store.reportContactColumns) FROM contacts WHERE NOT (received BETWEEN ? AND ?) AND id IN (SELECT contact_id FROM events
            WHERE date BETWEEN ? AND ? AND \(Schema.reportEventKinds))
         ORDER BY received, id
        """

    /// The same contacts found from the other side: those received before the period and after
    /// it, by the index on `received`, each asked for such an event by the index on `contact_id`.
    /// For a period that holds most of the record (ten years of eleven) they are few where its
    /// events are many: 384 contacts to ask against 5,967 events to look up, 0.6 ms against 7.3.
    static let reportLaterOutsideSQL: String = {
        let event = """
            EXISTS (SELECT 1 FROM events e WHERE e.contact_id = contacts.id AND e.date BETWEEN ? AND ? AND e.\(Schema.reportEventKinds))
            """
        return """
            SELECT \(Store.reportContactColumns) FROM contacts WHERE received < ? AND \(event)
            UNION ALL
            SELECT \(Store.reportContactColumns) FROM contacts WHERE received > ? AND \(event)
             ORDER BY received, id
            """
    }()

    /// How many contacts `reportLaterOutsideSQL` would ask about, and how many events
    /// `reportLaterSQL` would look up, each counted to `reportLaterProbe` at most (a walk of an
    /// index: a fraction of a millisecond); and whether the file has the index on the events'
    /// `contact_id` as Heard made it. Without it each contact asked walks the period's events:
    /// a file whose index another program dropped took a ten-year report from 0.46 s to 1.2
    /// (found by an attack), where the events' way does not need it.
    static let reportLaterProbeSQL = """
        SELECT (SELECT count(*) FROM (SELECT 1 FROM contacts WHERE received < ? LIMIT \(reportLaterProbe)))
             + (SELECT count(*) FROM (SELECT 1 FROM contacts WHERE received > ? LIMIT \(reportLaterProbe))),
               (SELECT count(*) FROM (SELECT 1 FROM events WHERE date BETWEEN ? AND ? AND \(Schema.reportEventKinds) LIMIT \(reportLaterProbe))),
               EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'events_contact' AND tbl_name = 'events'
                        AND sql = 'CREATE INDEX events_contact ON events(contact_id)')
        """
    static let reportLaterProbe = 2_000

    /// On a server, the contacts of the period's events looked up one by one by their key: the
    /// events' ids are worked out first (`ARRAY(…)`), so the server cannot choose to read every
    /// contact outside the period and join. It did choose that for a report of two years (the
    /// year and the one before it, as every report reads) at 100,000 contacts: 80,000 rows
    /// read for 50, 22-27 ms, every report; this way 4 ms.
    static let reportLaterServerSQL = """
        SELECT \(Store.reportContactColumns) FROM contacts WHERE id = ANY(ARRAY(SELECT contact_id FROM events
            WHERE date BETWEEN ? AND ? AND \(Schema.reportEventKinds))) AND NOT (received BETWEEN ? AND ?)
         ORDER BY received, id
        """
    /// How many of the period's events `reportLaterServerSQL` would look up, to `reportLaterProbe`.
    static let reportLaterServerProbeSQL = """
        SELECT count(*) FROM (SELECT 1 FROM events WHERE date BETWEEN ? AND ? AND \(Schema.reportEventKinds)
         LIMIT \(reportLaterProbe)) AS e
        """

    /// The read of `reportLaterContacts`: `reportLaterSQL`, or `reportLaterOutsideSQL` where the
    /// probe finds it asks about fewer rows (on a file). On a server, `reportLaterServerSQL` while
    /// the period's events are few (each a lookup: 2,000 cost 6 ms at most), else the server's own
    /// plan (for ten years of eleven it reads the few contacts outside them: 3.5 ms).
    static func reportLaterRead(_ conn: any SQLConnection, _ period: Period) throws -> SQLRead {
        let from = Bound.text(period.from.iso), to = Bound.text(period.to.iso)
        if conn.dialect == .sqlite {
            var outside = Int.max, events = 0, indexed = false
            try conn.each(reportLaterProbeSQL, [from, to, from, to]) { r in (outside, events, indexed) = (r.int(0), r.int(1), r.int(2) == 1) }
            if indexed && outside < events { return SQLRead(sql: reportLaterOutsideSQL, arguments: [from, from, to, to, from, to]) }
        } else if try conn.int(reportLaterServerProbeSQL, [from, to]) ?? reportLaterProbe < reportLaterProbe {
            return SQLRead(sql: reportLaterServerSQL, arguments: [from, to, from, to])
        }
        return SQLRead(sql: reportLaterSQL, arguments: [from, to, from, to])
    }

    /// The few contacts received before or after the period with a stage, referral, decision or
    /// remedy in it, in (received, id) order: from the period's events, or on a file, when the
    /// contacts outside the period are fewer than its events, from those contacts.
    private func reportLaterContacts(_ conn: any SQLConnection, _ period: Period, _ intern: inout Interner) throws -> [Contact] {
        var later: [Contact] = []
        func row<R: SQLRow>(_ r: R) { if let c = Store.reportContact(r, &intern) { later.append(consume c) } }
        try conn.each(Store.reportLaterRead(conn, period), file: { row($0) }, server: { row($0) })
        return later
    }

    /// Reads the pieces on `conn`, handing each to `emit` (false stops); `stop` saying so before
    /// a page is read ends the reads with `CancellationError`.
    private func eachReportPiece(_ conn: any SQLConnection, _ period: Period, size: Int, facts: ReportFactsRead?,
                                 stop: (@Sendable () -> Bool)? = nil, _ emit: (ReportPiece) throws -> Bool) throws {
        if stop?() == true { throw CancellationError() }
        var intern = Interner(ownBytes: false)
        let to = Bound.text(period.to.iso)
        let later = try reportLaterContacts(conn, period, &intern)
        var nextLater = 0
        // The received ones a page at a time from where the last page ended: the index on
        // `received` finds the page's first day, and the rows of that day already read are skipped.
        let pageSQL = """
            SELECT \(Store.reportContactColumns) FROM contacts WHERE received >= ? AND received <= ?
                AND NOT (received = ? AND id <= ?) ORDER BY received, id LIMIT ?
            """
        // The first page has no row before it: no id is smaller than every id (Int64.min is an
        // id too, found by an attack), so it is asked without one.
        let firstSQL = """
            SELECT \(Store.reportContactColumns) FROM contacts WHERE received >= ? AND received <= ?
                ORDER BY received, id LIMIT ?
            """
        var after: (received: String, id: Int64)?
        while true {
            if stop?() == true { throw CancellationError() }
            var page: [Contact] = []
            page.reserveCapacity(size)
            // Rows, not contacts: a row that cannot be read is left out but still takes a place.
            var rows = 0
            let (sql, arguments): (String, [Bound]) = after.map {
                (pageSQL, [.text($0.received), to, .text($0.received), .int($0.id), .int(Int64(size))])
            } ?? (firstSQL, [.text(period.from.iso), to, .int(Int64(size))])
            func row<R: SQLRow>(_ r: R) {
                rows += 1
                if let c = Store.reportContact(r, &intern) { page.append(consume c) }
                after = (r.text(3), r.int64(0))
            }
            try conn.each(SQLRead(sql: sql, arguments: arguments, cached: true), file: { row($0) }, server: { row($0) })
            let last = rows < size
            // The later contacts before this page's end (every one left, after the last page),
            // merged in as the two readers merge theirs.
            var end = nextLater
            while end < later.count
                    && (last || page.last.map { (later[end].received, later[end].id ?? 0) < ($0.received, $0.id ?? 0) } ?? false) {
                end += 1
            }
            let merged = Store.merging(page, Array(later[nextLater..<end]))
            nextLater = end
            if !merged.isEmpty {
                let piece = try reportPiece(conn, merged, &intern, facts: facts)
                guard try emit(piece) else { return }
            }
            if last { return }
        }
    }

    /// A piece's contacts with their issues, events and contact log counts put on them; with
    /// `facts`, the facts kept for its complaints instead of their issues and events.
    private func reportPiece(_ conn: any SQLConnection, _ contacts: consuming [Contact], _ intern: inout Interner,
                             facts: ReportFactsRead?, readElsewhere: Set<Int64> = []) throws -> ReportPiece {
        var contacts = contacts
        let ids = contacts.compactMap(\.id)
        guard let lo = ids.min(), let hi = ids.max() else { return ReportPiece(contacts: contacts, contactLogCounts: [:]) }
        // A range of contact ids when they are dense (the rows of contacts between that are not
        // in the piece are skipped as they are placed), else the ids themselves.
        let span = hi.subtractingReportingOverflow(lo)
        let dense = !span.overflow && span.partialValue < Int64(ids.count) * 4
        let whole: (sql: String, arguments: [Bound]) = dense
            ? (" WHERE contact_id BETWEEN ? AND ?", [.int(lo), .int(hi)])
            : (" WHERE contact_id IN (\(ids.map(String.init).joined(separator: ",")))", [])
        let index = ContactIndex(contacts)
        let complaint = { (id: Int64) in index[id].map { contacts[$0].kind == .complaint } ?? false }
        var scope: (sql: String, arguments: [Bound])? = whole
        var kept: [ReportFacts?] = []
        if let facts {
            let found = try Store.keptReportFacts(conn, facts, lo: lo, hi: hi, wanted: complaint, capacity: contacts.count,
                                                  keeps: { !readElsewhere.contains($0) }, &intern)
            if !found.isEmpty {
                // The issues and events of the complaints left only (the kept categories went
                // through the reader's interner as they were read, as the issues' do; no figure
                // reads a compliment's or enquiry's, `ReportFacts.counted`): none read at all
                // when every complaint's facts were kept (walking the piece's 6,000 issues and
                // 4,000 events for nothing was a fifth of the readers' time). The rows the whole
                // piece's read finds, of the cases left, each by its id as it is read (a row
                // another tool gave the id 1185.25 is case 1185's there too; found by an attack).
                // One pass, each contact read where it lies (a map or a zip over the array copied
                // every Contact whole).
                var rest: [Int64] = []
                kept = contacts.withUnsafeBufferPointer { cs in
                    cs.indices.map { i -> ReportFacts? in
                        guard cs[i].kind == .complaint, let id = cs[i].id else { return nil }
                        if let f = found[id] { return f }
                        rest.append(id)
                        return nil
                    }
                }
                scope = rest.isEmpty ? nil
                    : (whole.sql + " AND " + conn.dialect.isAnyOf("CAST(contact_id AS INTEGER)"), whole.arguments + [Store.idArray(rest)])
            }
        }
        if let scope {
            let rows = try reportAttachments(conn, (scope.sql, scope.arguments, "contact_id, id"), &intern, cached: dense, counted: complaint)
            Store.place(rows, into: &contacts)
        }
        let counts = try Store.contactLogCounts(conn, whole, cached: dense, capacity: contacts.count)
        return ReportPiece(contacts: contacts, contactLogCounts: counts, kept: kept, mixedForms: intern.mixedForms)
    }
}

extension Store {
    /// How many contact log entries each contact in `scope` has, by id: what
    /// `SELECT contact_id, count(*) … GROUP BY contact_id` gives, counted here from the rows in
    /// `contact_id` order (the index's). SQLite made each contact's count a group of its own,
    /// four times the cost of reading the rows (a tenth of a ten-year report's reading). A run
    /// is one value as SQLite groups them: a row another tool stored as 1185.25 is a group
    /// apart from 1185, and, as before, the later group's count is the one kept for 1185.
    /// `capacity`: how many contacts the scope holds, at most (the piece's): the counts are made
    /// at that size, not grown and rehashed as they come (588 times in a ten-year report, 22 M
    /// instructions).
    static func contactLogCounts(_ conn: any SQLConnection, _ scope: (sql: String, arguments: [Bound]), cached: Bool,
                                 capacity: Int = 0) throws -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        counts.reserveCapacity(capacity)
        var run: (id: Int64, real: UInt64?, count: Int)?
        func row<R: SQLRow>(_ r: R) {
            guard !r.isNull(0) else { return }
            let id = r.int64(0)
            let real = r.kind(0) == .real ? r.double(0).bitPattern : nil
            if let current = run {
                if current.id == id && current.real == real { run?.count += 1; return }
                counts[current.id] = current.count
            }
            run = (id, real, 1)
        }
        try conn.each(SQLRead(sql: "SELECT contact_id FROM contact_log\(scope.sql) ORDER BY contact_id", arguments: scope.arguments, cached: cached),
                      file: { row($0) }, server: { row($0) })
        if let current = run { counts[current.id] = current.count }
        return counts
    }
}

/// What the two readers of `reportPieces` share: the state the plan was made from, where each
/// piece starts, and the later contacts.
struct ReportPiecePlan: Sendable {
    var stamp: Int
    var starts: [(String, Int64)]
    var later: [Contact]
    /// The rows of the period a piece holds (the last may hold fewer).
    var size: Int
    /// How many pieces (one more than starts: the first starts at the period's start).
    var count: Int { starts.count + 1 }
}

/// A read made on a report reader's connection, in the state its pieces are read in
/// (`ReadBeside`; `reportPieces` needs no more of it than this).
protocol PiecesStateRead: Sendable {
    func read(_ conn: any SQLConnection)
}

/// A read made on a report reader's connection, in the state its pieces are read in (the
/// report's learning points and actions), and its answer.
final class ReadBeside<T: Sendable>: PiecesStateRead {
    private let work: @Sendable (any SQLConnection) throws -> T
    private let answer = WorkAnswer<T>()

    init(_ work: @escaping @Sendable (any SQLConnection) throws -> T) { self.work = work }

    func read(_ conn: any SQLConnection) { answer.give(Result { try work(conn) }) }

    /// What was read, once `reportPieces` has returned (every way through it that ends without
    /// an error reads it; the last reading when the pieces were read twice).
    func value() throws -> T {
        guard let value = try answer.ifGiven() else { throw StoreError.database("a read beside the report's pieces was not made") }
        return value
    }
}

/// Two readers started by `launchReaders`, waiting to be told whether to read.
final class ReportPieceReaders: Sendable {
    let lanes = ReportPieceLanes(count: 2)
    /// How many pieces the plan decided on has (0 before `decide`).
    var pieces: Int { verdict.withLock { $0 ?? nil }?.count ?? 0 }
    /// What each reader's transaction saw first (the newest audit id).
    let stamps = Mutex<[Int]>([])
    /// Left by each reader once its transaction is open (or it failed to open one).
    let started = DispatchGroup()
    /// The plan to read, or nil (not to read); nil until decided.
    let verdict = Mutex<ReportPiecePlan??>(nil)
    private let told = DispatchSemaphore(value: 0)

    init() {
        for _ in 0..<2 { started.enter() }
    }

    /// Whether both readers opened their transactions (within ten seconds: a pool short of
    /// connections, say, and the pieces are read by one reader instead).
    func open() -> Bool { started.wait(timeout: .now() + 10) == .success && stamps.withLock { $0.count } == 2 }

    /// Tells the readers the plan to read (nil: none); whether they read, once they have ended
    /// when they are not to.
    func decide(_ plan: ReportPiecePlan?) -> Bool {
        verdict.withLock { $0 = .some(plan) }
        told.signal()
        told.signal()
        if plan == nil { lanes.finished.wait() }
        return plan != nil
    }

    /// A reader's wait for `decide`: the plan to read, or nil.
    func waitForVerdict() -> ReportPiecePlan? {
        told.wait()
        return verdict.withLock { $0 ?? nil }
    }
}

/// Pieces read and not yet counted, one queue per reader, at most two waiting in each. Pieces
/// are taken from the queues in turn (reader 0 reads pieces 0, 2, 4, …; reader 1 the others).
final class ReportPieceLanes: Sendable {
    private let queues: Mutex<[[Result<ReportPiece, Error>?]]>
    private let lanes: Int
    private let ready: [DispatchSemaphore]
    private let room: [DispatchSemaphore]
    private let stopped = Mutex(false)
    let finished = DispatchGroup()

    init(count: Int) {
        lanes = count
        queues = Mutex(Array(repeating: [], count: count))
        ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        // Made empty and given their two places after: libdispatch stops the program when a
        // semaphore is freed holding less than it was made with, as a lane stopped early does.
        room = (0..<count).map { _ in
            let s = DispatchSemaphore(value: 0)
            s.signal()
            s.signal()
            return s
        }
    }

    /// Queues an item (nil: the lane's end) once there is room; false when the reads should stop.
    func push(_ item: Result<ReportPiece, Error>?, lane: Int) -> Bool {
        room[lane].wait()
        queues.withLock { $0[lane].append(item) }
        ready[lane].signal()
        return !stopped.withLock { $0 }
    }

    private func take(lane: Int) -> Result<ReportPiece, Error>? {
        ready[lane].wait()
        let item = queues.withLock { $0[lane].removeFirst() }
        room[lane].signal()
        return item
    }

    /// Hands each piece to `body` in order: `pieces` of them taken in turn from the lanes, or
    /// (nil) from lane 0 to its end. The first error, of a read or of `body`, is thrown once
    /// the readers have stopped.
    func consume(pieces: Int?, _ body: (ReportPiece) throws -> Void) throws {
        var failure: Error?
        var k = 0
        while pieces.map({ k < $0 }) ?? true {
            let lane = k % lanes
            guard let item = take(lane: lane) else { break }
            k += 1
            do { try body(try item.get()) } catch {
                failure = error
                break
            }
        }
        stopped.withLock { $0 = true }
        // A reader waiting for room goes on, sees the stop and ends.
        for r in room { r.signal(); r.signal() }
        finished.wait()
        if let failure { throw failure }
    }
}
