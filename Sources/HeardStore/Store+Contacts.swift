import Foundation
import HeardCore

extension Store {
    // MARK: - Reading

    static let contactColumns = """
        id, reference, kind, received, channel, service_area, team, procedure, complainant_name, complainant_role,
        cyp, advocate, subject_child, summary, officer, events_date, acceptance_decision, legal_hold, version
        """ + ", " + peopleColumns

    /// Columns of `eventColumns`, read by position (a name lookup per cell costs more than the row).
    static let eventColumns = "id, contact_id, kind, date, stage, new_due, reason, outcome, satisfied, ombudsman_decision, remedy, amount_pence"

    static let issueColumns = "id, contact_id, category, detail, finding1, finding2, finding3, position, finding1_text, finding2_text, finding3_text"

    /// `contactColumns` with the free text left out (empty in its place, so positions hold).
    static let contactColumnsWithoutText = """
        id, reference, kind, received, channel, service_area, team, procedure, '', complainant_role,
        cyp, advocate, '', '', officer, events_date, '', legal_hold, version
        """ + ", " + peopleColumnsWithoutText

    static let issueColumnsWithoutText = "id, contact_id, category, '', finding1, finding2, finding3, position, '', '', ''"

    /// Contacts matching `whereSQL` with their issues and events, in received order.
    /// Without `freeText`, names, summaries, the subject child and issue details stay empty
    /// (the report reads none of them, and they are most of what loading costs).
    /// `byID`: in id order instead (the export, which places a batch itself, saves SQLite a sort).
    /// Each row's texts keep their own bytes (a case read to be changed is written back whole),
    /// unless `firstForms`: the report's reading, where canonically equivalent texts take the
    /// form met first.
    func loadContacts(_ conn: any SQLConnection, where whereSQL: String = SQLDialect.always, arguments: [Bound] = [],
                      freeText: Bool = true, byID: Bool = false, firstForms: Bool = false, cached keep: Bool = false) throws -> [Contact] {
        var interner = Interner(ownBytes: !firstForms)
        // One contact by id is read for every case a bulk change or an undo touches: its three
        // statements are kept prepared (the others are built with values in their text, but
        // for a caller's `keep`: the export's batches, each a range bound to the same text).
        let cached = keep || whereSQL == "id = ?"
        if cached, arguments.count == 1, case .int(let id) = arguments[0] { try conn.readAhead(Store.caseReads(id: id, freeText: freeText)) }
        var contacts = try contactRows(conn, where: whereSQL, arguments: arguments, freeText: freeText, cached: cached, byID: byID,
                                       &interner)
        if contacts.isEmpty { return [] }
        let ids = contacts.compactMap(\.id)
        let scope = Store.attachmentScope(minID: ids.min() ?? 0, maxID: ids.max() ?? 0, count: ids.count, where: whereSQL, arguments: arguments)
        let index = ContactIndex(contacts)
        var placing = IssuePlacing()
        try eachIssue(conn, scope, freeText: freeText, cached: cached, &interner) { contactID, position, issue in
            if let i = index[contactID] { placing.place(issue, position: position, in: &contacts, at: i) }
        }
        try eachEvent(conn, scope, cached: cached) { contactID, event in
            if let i = index[contactID] { contacts[i].events.append(event) }
        }
        // Stage people are names: read with the free text only (the report reads none).
        if freeText { try loadStagePeople(conn, scope, cached: cached, into: &contacts, index: { index[$0] }) }
        return contacts
    }

    /// The queries `loadContacts` makes for the one case `id` (`where: "id = ?"`), to be read
    /// ahead: on a server their four round trips become one.
    static func caseReads(id: Int64, freeText: Bool) -> [SQLRead] {
        loadReads(where: "id = ?", arguments: [.int(id)], expecting: id...id, count: 1, freeText: freeText, cached: true)
    }

    /// The queries `loadContacts(where:arguments:freeText:)` makes when it finds `count` contacts
    /// with ids from `expecting`'s bounds (another answer: its own queries, asked as they come).
    static func loadReads(where whereSQL: String, arguments: [Bound], expecting ids: ClosedRange<Int64>, count: Int,
                          freeText: Bool, cached: Bool, byID: Bool = false) -> [SQLRead] {
        let scope = attachmentScope(minID: ids.lowerBound, maxID: ids.upperBound, count: count, where: whereSQL, arguments: arguments)
        let reads = [contactsRead(where: whereSQL, arguments: arguments, freeText: freeText, cached: cached, byID: byID),
                     issuesRead(scope, freeText: freeText, cached: cached), eventsRead(scope, cached: cached)]
        return freeText ? reads + [stagePeopleRead(scope, cached: cached)] : reads
    }

    /// The contact rows of `contactRows`.
    static func contactsRead(where whereSQL: String, arguments: [Bound], freeText: Bool, cached: Bool, byID: Bool = false) -> SQLRead {
        let columns = freeText ? Store.contactColumns : Store.contactColumnsWithoutText
        return SQLRead(sql: "SELECT \(columns) FROM contacts WHERE \(whereSQL) ORDER BY \(byID ? "id" : "received, id")", arguments: arguments,
                       cached: cached)
    }

    /// The contact rows alone, in received order.
    func contactRows(_ conn: any SQLConnection, where whereSQL: String, arguments: [Bound], freeText: Bool, cached: Bool = false,
                     byID: Bool = false, _ intern: inout Interner) throws -> [Contact] {
        var contacts: [Contact] = []
        func row<R: SQLRow>(_ r: R) { if let c = Store.contact(r, &intern) { contacts.append(consume c) } }
        try conn.each(Store.contactsRead(where: whereSQL, arguments: arguments, freeText: freeText, cached: cached, byID: byID),
                      file: { row($0) }, server: { row($0) })
        return contacts
    }

    /// The contact in a row read with `contactColumns` (or a list of the same places), nil when
    /// its kind or received date cannot be read (a date stored as a BLOB too, though its bytes
    /// spell a day: `notADay`, and so `heard check` and every "left out" line, call it unreadable).
    static func contact<R: SQLRow>(_ r: R, _ intern: inout Interner) -> Contact? {
        guard let kind = Words.word(r, 2, Words.contactKind), r.kind(3) == .text, let received = LocalDate(iso: r.text(3)) else { return nil }
        var c = Contact(id: r.int64(0), reference: r.text(1), kind: kind, received: received,
                        channel: Words.word(r, 4, Words.channel), serviceArea: intern.text(r, 5), team: intern.text(r, 6),
                        procedure: Words.word(r, 7, Words.procedure), complainantName: r.text(8),
                        complainantRole: Words.word(r, 9, Words.role), isChildOrYoungPerson: r.int(10) != 0,
                        advocate: intern.text(r, 11), subjectChild: r.text(12), summary: r.text(13), officer: intern.text(r, 14),
                        eventsDate: r.optionalText(15).flatMap { LocalDate(iso: $0) }, acceptanceDecision: r.text(16),
                        version: r.isNull(18) ? 1 : r.int(18), legalHold: r.int(17) != 0)
        // Column 19 on: the people (v7), set only where a row has any.
        if let p = Store.fastPeople(r, from: 19, &intern) { c.people = p }
        return c
    }

    /// Which issues and events to read for the contacts matching `whereSQL`: a range of ids when
    /// they are dense (a period's contacts were mostly logged together; rows of others in the
    /// range are skipped when placed), else the query again as a list of ids.
    static func attachmentScope(minID: Int64, maxID: Int64, count: Int, where whereSQL: String,
                                arguments: [Bound]) -> (sql: String, arguments: [Bound]) {
        // One case (a save, `heard show`): its key alone. A server plans a range afresh each time it
        // runs (its generic plan guesses many rows), an equality once for the session.
        if minID == maxID && count <= 1 { return ("contact_id = ?", [.int(minID)]) }
        let span = maxID.subtractingReportingOverflow(minID)
        if !span.overflow && span.partialValue < Int64(count) * 4 { return ("contact_id BETWEEN ? AND ?", [.int(minID), .int(maxID)]) }
        return ("contact_id IN (SELECT id FROM contacts WHERE \(whereSQL))", arguments)
    }

    /// The query of `eachIssue`.
    static func issuesRead(_ scope: (sql: String, arguments: [Bound]), freeText: Bool, cached: Bool) -> SQLRead {
        let issueColumns = freeText ? Store.issueColumns : Store.issueColumnsWithoutText
        return SQLRead(sql: "SELECT \(issueColumns) FROM issues WHERE \(scope.sql) ORDER BY contact_id, id", arguments: scope.arguments, cached: cached)
    }

    /// Issues in the index's order (contact, then id: no sort), with their positions.
    func eachIssue(_ conn: any SQLConnection, _ scope: (sql: String, arguments: [Bound]), freeText: Bool, cached: Bool = false,
                   _ intern: inout Interner, _ body: (Int64, Int, ComplaintIssue) -> Void) throws {
        func row<R: SQLRow>(_ r: R) {
            var findings = StageFindings()
            for n in 1...3 { if let f = Words.word(r, Int32(3 + n), Words.finding) { findings[n] = f } }
            var texts: [Int: String] = [:]
            for n in 1...3 { if let t = r.optionalText(Int32(7 + n)), !t.isEmpty { texts[n] = t } }
            body(r.int64(1), r.int(7), ComplaintIssue(id: r.int64(0), category: intern.text(r, 2), detail: r.text(3), findings: findings,
                                                      findingTexts: texts))
        }
        try conn.each(Store.issuesRead(scope, freeText: freeText, cached: cached), file: { row($0) }, server: { row($0) })
    }

    /// The query of `eachEvent`.
    static func eventsRead(_ scope: (sql: String, arguments: [Bound]), cached: Bool) -> SQLRead {
        SQLRead(sql: "SELECT \(Store.eventColumns) FROM events WHERE \(scope.sql) ORDER BY contact_id, id", arguments: scope.arguments, cached: cached)
    }

    func eachEvent(_ conn: any SQLConnection, _ scope: (sql: String, arguments: [Bound]), cached: Bool = false,
                   _ body: (Int64, CaseEvent) -> Void) throws {
        func row<R: SQLRow>(_ r: R) { if let e = Store.fastEvent(r) { body(r.int64(1), e) } }
        try conn.each(Store.eventsRead(scope, cached: cached), file: { row($0) }, server: { row($0) })
    }

    /// The event in a row read with `eventColumns` (nil when its kind or date cannot be read).
    static func fastEvent<R: SQLRow>(_ r: R) -> CaseEvent? {
        // Words read from the cells' bytes (`Words`): a String and a switch over them per cell
        // was a tenth of reading an export's rows.
        guard let kind = Words.word(r, 2, Words.eventKind), let date = LocalDate(iso: r.text(3)) else { return nil }
        return CaseEvent(id: r.int64(0), kind: kind, date: date, stage: r.optionalInt(4),
                         newDue: r.optionalText(5).flatMap { LocalDate(iso: $0) }, reason: r.text(6),
                         outcome: Words.word(r, 7, Words.outcome),
                         satisfied: r.optionalInt(8).map { $0 != 0 },
                         ombudsmanDecision: Words.word(r, 9, Words.decision),
                         remedy: Words.word(r, 10, Words.remedy), amountPence: r.storedInt(11))
    }

    /// The contacts with these ids, in the order given (those no longer on file left out): one
    /// read for them all, where a read each took 20 s for 100,000.
    public func contacts(ids: [Int64]) throws -> [Contact] {
        if ids.isEmpty { return [] }
        let list = ids.map(String.init).joined(separator: ",")
        let found = try query { try loadContacts($0, where: "id IN (\(list))") }
        let byID = Dictionary(found.map { ($0.id ?? -1, $0) }, uniquingKeysWith: { a, _ in a })
        return ids.compactMap { byID[$0] }
    }

    /// Every contact, with issues and events.
    public func allContacts() throws -> [Contact] { try query { try loadContacts($0) } }

    /// One contact by id.
    public func contact(id: Int64) throws -> Contact {
        try query { conn in try contact(id: id, conn) }
    }

    /// One contact by id on `conn`; a row that is there but that Heard cannot read (another
    /// tool wrote a kind or received date it does not know) is said as such, not as missing.
    func contact(id: Int64, _ conn: SQLConnection) throws -> Contact {
        if let c = try loadContacts(conn, where: "id = ?", arguments: [.int(id)]).first { return c }
        guard let ref = try conn.rows("SELECT reference FROM contacts WHERE id = ?", [.int(id)]).first else {
            throw StoreError.notFound("contact #\(id)")
        }
        let name = ref.first?.text.map { TextSanitiser.clean($0, allowLineBreaks: false).0 } ?? "#\(id)"
        throw StoreError.refused("\(name) (contact #\(id)) has a kind or received date Heard cannot read, so it cannot be shown or changed; "
                                 + "'heard check' lists such rows: correct it with the tool that wrote it, or restore the file from a backup.")
    }

    /// One contact by reference (case-insensitive).
    public func contact(reference: String) throws -> Contact {
        let match = dialect.equalsIgnoringCase("reference")
        guard let c = try query({ try loadContacts($0, where: match, arguments: [.text(reference.trimmingSpaces)]) }).first else {
            throw StoreError.notFound("case \(reference.trimmingSpaces)")
        }
        return c
    }

    /// Contacts a report for `period` needs: received in it, or with a later stage, referral or
    /// decision dated in it.
    public func contacts(relevantTo period: Period, freeText: Bool = true) throws -> [Contact] {
        try query { conn in
            try loadContacts(conn, where: Store.relevantSQL, arguments: Store.relevantArguments(period), freeText: freeText,
                             firstForms: true)
        }
    }

    /// Contacts a report of `period` counts: received in it, or escalated, referred, decided
    /// or remedied in it.
    static let relevantSQL = """
        (received BETWEEN ? AND ?) OR id IN (SELECT contact_id FROM events WHERE date BETWEEN ? AND ?
            AND \(Schema.reportEventKinds))
        """

    static func relevantArguments(_ period: Period) -> [Bound] {
        [.text(period.from.iso), .text(period.to.iso), .text(period.from.iso), .text(period.to.iso)]
    }

    /// What the annual report reads for `period`: the contacts relevant to it without their free
    /// text (no figure reads a name or a summary), its learning points, the actions created in it.
    /// Read as `reportPieces` reads them (pieces of `pieceSize`) and put together: the whole
    /// record of a period at once, for a caller that needs the contacts themselves. The report
    /// itself counts the pieces as they come (`report`).
    public func reportInput(for period: Period, today: LocalDate, pieceSize: Int = Store.reportPieceSize) throws -> ReportInput {
        var contacts: [Contact] = []
        var counts: [Int64: Int] = [:]
        let extras = ReadBeside { [self] conn in
            (try learningPoints(conn, caseReference: nil, in: period), try self.actions(conn, createdIn: period))
        }
        try reportPieces(relevantTo: period, size: pieceSize, facts: nil, beside: extras) { piece in
            contacts += piece.contacts
            counts.merge(piece.contactLogCounts) { a, _ in a }
        }
        let (learning, actions) = try extras.value()
        var input = ReportInput(contacts: contacts, learning: learning, actions: actions)
        input.contactLogCounts = counts
        return input
    }

    /// The annual report `options` describe (the period beside its comparison, as
    /// `AnnualReport.build` makes it), its record read a piece at a time and each piece counted
    /// while the next is read: memory stays a few pieces, whatever the period.
    /// Complaints are counted from the report facts the file keeps where it has them, and the
    /// facts worked out are kept for the next report (`Store+ReportFacts`); `keptFacts: false`
    /// reads every issue and event and keeps nothing.
    public func report(_ options: ReportOptions, pieceSize: Int = Store.reportPieceSize, keptFacts: Bool = true) throws -> ReportGroup {
        let extras = reportExtras(options.loadRange)
        var count = ReportCount(options)
        let keep = try countReport(options, range: options.loadRange, pieceSize: pieceSize, parallel: true, keptFacts: keptFacts,
                                   beside: extras) { piece, fresh in
            count.add(piece.contacts, kept: piece.kept, contactLogCounts: piece.contactLogCounts, fresh: &fresh)
        } again: {
            count = ReportCount(options)
        }
        keep()
        let (learning, actions) = try extras.value()
        return count.report(learning: learning, actions: actions)
    }

    /// The learning points and actions of a report over `period`, read by one of its readers in
    /// the state its contacts are read in, beside the count (they were a tenth of a ten-year
    /// report's time read after it; and read in transactions of their own, a report taken while
    /// another program wrote mixed two moments: found by an attack).
    private func reportExtras(_ period: Period) -> ReadBeside<([LearningPoint], [ActionItem])> {
        ReadBeside { [self] conn in (try learningPoints(conn, caseReference: nil, in: period), try reportActions(conn, createdIn: period)) }
    }

    /// One period's figures alone (`AnnualReport.figures`), read and counted as `report` does.
    /// `parallel: false` reads with one reader, for a caller building another period beside it.
    /// `stop`, asked before each piece is counted, ends the work with `CancellationError` when
    /// it says so (figures built ahead that no one wants any more: the report screen's).
    /// `ready` is given the figures before the facts worked out are kept (a screen can show them:
    /// keeping 6,000 complaints' facts was 30 ms of a year's first build), then they are returned.
    public func reportFigures(_ options: ReportOptions, period: Period, pieceSize: Int = Store.reportPieceSize,
                              parallel: Bool = true, keptFacts: Bool = true,
                              stop: (@Sendable () -> Bool)? = nil, ready: ((ReportGroup) -> Void)? = nil) throws -> ReportGroup {
        let extras = reportExtras(period)
        var figures = PeriodFigures(options, period: period)
        let keep = try countReport(options, range: period, pieceSize: pieceSize, parallel: parallel, keptFacts: keptFacts, stop: stop,
                                   beside: extras) { piece, fresh in
            if stop?() == true { throw CancellationError() }
            figures.add(piece.contacts, kept: piece.kept, contactLogCounts: piece.contactLogCounts, fresh: &fresh)
        } again: {
            figures = PeriodFigures(options, period: period)
        }
        let (learning, actions) = try extras.value()
        let group = figures.report(learning: learning, actions: actions)
        ready?(group)
        keep()
        return group
    }

    /// Reads the pieces of `range` and hands each to `count`, with kept facts where the file has
    /// them; returns the keeping of the facts worked out, for the caller to run when it will (its
    /// mark was taken before the reading, so a change to the file since keeps nothing). When texts
    /// in mixed forms were met and kept facts were counted, what they print could differ from a
    /// count without them (`Store+ReportFacts`): `again` starts the count over, and every piece
    /// is read whole.
    private func countReport(_ options: ReportOptions, range: Period, pieceSize: Int, parallel: Bool, keptFacts: Bool,
                             stop: (@Sendable () -> Bool)? = nil, beside: any PiecesStateRead,
                             _ count: (ReportPiece, inout [FreshReportFacts]?) throws -> Void, again: () -> Void) throws -> () -> Void {
        let key = keptFacts ? reportFactsKey(options) : nil
        let keeping = key != nil ? reportFactsKeeping() : nil
        var fresh: [FreshReportFacts]? = keeping != nil ? [] : nil
        var mixed = false, usedKept = false
        try reportPieces(relevantTo: range, size: pieceSize, parallel: parallel,
                         facts: key.map { ReportFactsRead(key: $0, today: options.today, stamps: keeping?.stamps) }, stop: stop, beside: beside) { piece in
            mixed = mixed || piece.mixedForms
            usedKept = usedKept || piece.kept.contains { $0 != nil }
            try count(piece, &fresh)
        }
        if mixed && usedKept {
            again()
            var none: [FreshReportFacts]?
            try reportPieces(relevantTo: range, size: pieceSize, parallel: parallel, facts: nil, stop: stop, beside: beside) { try count($0, &none) }
            return {}
        }
        guard !mixed, let key, let keeping, let fresh else { return {} }
        return { self.keepReportFacts(fresh, key: key, keeping) }
    }

    public func contactCount() throws -> Int { try query { try $0.int("SELECT count(*) FROM contacts") ?? 0 } }

}

extension Store {
    /// Case ids the full-text index finds for `text` (FTS5, prefix match on each word), every one
    /// of them. What the screens and `heard cases --search` match is `CaseSearch`; this reads the
    /// index itself, so that `check` and the tests can see that it follows every change.
    public func indexSearch(_ text: String) throws -> [Int64] {
        if dialect == .postgres { return try postgresIndexSearch(text) }
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { "\"" + $0.replacingOccurrences(of: "\"", with: "") + "\"*" }
        guard !words.isEmpty else { return [] }
        return try query { conn in
            try conn.ints("SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?", [.text(words.joined(separator: " "))])
        }
    }
}

/// One String per distinct value (service areas, teams, officers and categories repeat).
struct Interner {
    private var seen: [String: String] = [:]
    /// Whether a text was given another's form: two texts Swift holds equal (canonically
    /// equivalent) in different bytes were met, and the one met later took the first's.
    private(set) var mixedForms = false
    /// Whether each text keeps its own bytes: only byte-identical texts are shared, never two
    /// canonically equivalent ones. Everything but the report keeps them: the export writes every
    /// row as stored whatever order it reads rows in, and a case read to be changed is written back
    /// whole (both found by attacks). The report (`ownBytes: false`) prints a group in the form
    /// met first, as it always has.
    let ownBytes: Bool

    init(ownBytes: Bool = true) { self.ownBytes = ownBytes }

    mutating func callAsFunction(_ s: String) -> String {
        if ownBytes { return s }
        if let x = seen[s] {
            if !mixedForms && !Self.sameBytes(x, s) { mixedForms = true }
            return x
        }
        seen[s] = s
        return s
    }

    /// The String of column `i` as `callAsFunction(r.text(i))` gives it, found by the cell's
    /// bytes: no String made and hashed per cell (service areas, teams, officers, categories
    /// repeat across 100,000 rows; hashing each String was a twentieth of reading an export).
    mutating func text<R: SQLRow>(_ r: R, _ i: Int32) -> String {
        r.withTextBytes(i) { self(bytes: $0) }
    }

    /// Whether two Strings hold the same UTF-8 (not only equal, as canonically equivalent ones are).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }.flatMap { $0 } ?? a.utf8.elementsEqual(b.utf8)
    }

    /// The distinct values met as bytes: each with its bytes' hash, and the String made of them.
    private var values: [(hash: UInt64, bytes: [UInt8], string: String)] = []
    /// Where each value is in `values` (-1: empty), by its hash; a power of two long.
    private var slots = [Int32](repeating: -1, count: 64)

    /// The String of a column's UTF-8 bytes (made as `SQLRow.text` makes it, invalid bytes
    /// repaired), `callAsFunction(_:)`'s for that String, found again by the bytes themselves: a String made and
    /// hashed for every cell was a tenth of the report's reading (a million cells in ten years).
    mutating func callAsFunction(bytes u: UnsafeBufferPointer<UInt8>) -> String {
        guard !u.isEmpty else { return "" }
        let h = Self.hash(u)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 {
            let v = values[Int(slots[i])]
            if v.hash == h && v.bytes.count == u.count && v.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, u.baseAddress!, u.count) == 0 }) {
                return v.string
            }
            i = (i + 1) & mask
        }
        // New bytes: their String, or the one met first that Swift holds equal to it (canonically
        // equivalent: "Café" with é as one character or two), as `callAsFunction(_:)` gives it,
        // so the report prints the form it always printed (found by an attack).
        let made = String(decoding: u, as: UTF8.self)
        let s = ownBytes ? made : self(made)
        slots[i] = Int32(values.count)
        values.append((h, Array(u), s))
        if values.count * 2 > slots.count {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for (n, v) in values.enumerated() {
                var j = Int(truncatingIfNeeded: v.hash) & mask
                while slots[j] >= 0 { j = (j + 1) & mask }
                slots[j] = Int32(n)
            }
        }
        return s
    }
}

extension Interner {
    /// The bytes' hash for the interner's table, eight bytes at a time (a byte at a time was
    /// most of interning a ten-year report's 300,000 categories).
    @inline(__always)
    static func hash(_ u: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(u.count)
        guard let base = u.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var p = 0
        while p + 8 <= u.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            p += 8
        }
        while p < u.count {
            h = (h ^ UInt64(u[p])) &* 0x100_0000_01b3
            p += 1
        }
        h = (h ^ (h >> 32)) &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 31)
    }
}

/// Where each contact is in a loaded array: a table by id when the ids are dense, else a dictionary.
struct ContactIndex {
    private var minID: Int64 = 0
    private var table: [Int32] = []
    private var byID: [Int64: Int]?

    init(_ contacts: [Contact]) {
        let ids = contacts.map { $0.id ?? -1 }
        guard let lo = ids.min(), let hi = ids.max() else { return }
        let span = hi.subtractingReportingOverflow(lo)
        if !span.overflow && span.partialValue < Int64(contacts.count) * 4 {
            minID = lo
            table = [Int32](repeating: -1, count: Int(span.partialValue) + 1)
            for (i, id) in ids.enumerated() { table[Int(id - lo)] = Int32(i) }
        } else {
            byID = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    subscript(id: Int64) -> Int? {
        if let byID { return byID[id] }
        let k = id.subtractingReportingOverflow(minID)
        guard !k.overflow, k.partialValue >= 0, k.partialValue < Int64(table.count) else { return nil }
        let p = table[Int(k.partialValue)]
        return p < 0 ? nil : Int(p)
    }
}

/// Puts each contact's issues in their order by position as they come in id order (almost
/// always already in it): issues arrive grouped by contact.
struct IssuePlacing {
    private var current = -1
    private var places: [Int] = []

    mutating func place(_ issue: ComplaintIssue, position: Int, in contacts: inout [Contact], at i: Int) {
        if i != current { current = i; places.removeAll(keepingCapacity: true) }
        var at = places.count
        while at > 0 && places[at - 1] > position { at -= 1 }
        places.insert(position, at: at)
        contacts[i].issues.insert(issue, at: at)
    }
}
