import Foundation
import GRDB
import HeardCore

/// A case's correspondence (migration v9): the contact log, letters recorded as sent, and the
/// documents kept with it. Each addition is one store command (one transaction, one audit row
/// under the case's reference, one undo step). Adding to a case's correspondence does not bump
/// the case's version: it is an append that cannot conflict with an edit of the case.
extension Store {
    static let logEntity = AuditEntity.other("contact_log")
    static let letterEntity = AuditEntity.other("letter")
    static let documentEntity = AuditEntity.other("document")

    /// The default largest document Heard keeps (`[documents] max_size_mb` overrides it).
    public static let defaultDocumentLimit = 20 * 1024 * 1024

    // MARK: - Reading

    /// The correspondence of one case (documents without their bytes).
    public func correspondence(contactID: Int64) throws -> Correspondence {
        try query { try loadCorrespondence($0, contactID: contactID) }
    }

    func loadCorrespondence(_ conn: any SQLConnection, contactID: Int64) throws -> Correspondence {
        try loadCorrespondence(conn, contactIDs: [contactID])[contactID] ?? Correspondence()
    }

    /// The three queries of `loadCorrespondence`, for the cases condition `which` picks (on `contact_id`).
    static func correspondenceReads(_ which: String, _ args: [Bound], cached: Bool) -> (SQLRead, SQLRead, SQLRead) {
        (SQLRead(sql: "SELECT contact_id, \(Store.logColumns) FROM contact_log WHERE \(which) ORDER BY contact_id, at, id",
                 arguments: args, cached: cached),
         SQLRead(sql: "SELECT contact_id, \(Store.letterColumns) FROM letters WHERE \(which) ORDER BY contact_id, sent, id",
                 arguments: args, cached: cached),
         SQLRead(sql: "SELECT contact_id, id, name, size, type, added, sha256, added_by FROM documents WHERE \(which) ORDER BY contact_id, id",
                 arguments: args, cached: cached))
    }

    /// The queries of one case's correspondence (`loadCorrespondence(_:contactID:)`).
    static func correspondenceReads(contactID: Int64) -> [SQLRead] {
        let (a, b, c) = correspondenceReads("contact_id = ?", [.int(contactID)], cached: true)
        return [a, b, c]
    }

    /// The correspondence of each case of `contactIDs` (at most a thousand or so: their rows are
    /// held at once), each read as for one case: three statements for all of them, so that a
    /// subject access search that lists 880 cases asks the server three times, not three times
    /// per case. A case with none has an empty one.
    func loadCorrespondence(_ conn: any SQLConnection, contactIDs: [Int64]) throws -> [Int64: Correspondence] {
        var out: [Int64: Correspondence] = [:]
        guard !contactIDs.isEmpty else { return out }
        for id in contactIDs { out[id] = Correspondence() }
        // One case, or several in one argument (`SQLDialect.isAnyOf`): statements kept prepared.
        let (which, args): (String, [Bound]) = contactIDs.count == 1
            ? ("contact_id = ?", [.int(contactIDs[0])]) : (conn.dialect.isAnyOf("contact_id"), [Store.idArray(contactIDs)])
        let one = contactIDs.count == 1
        // Whose row: the one case's, else its contact_id (an integer for every row an IN list matches).
        func owner(_ r: [SQLValue]) -> Int64? { one ? contactIDs[0] : r[0].int64 }
        // Rows another tool wrote that Heard cannot read are counted, not shown as something
        // they are not (1970-01-01, "in | call") and never decoded in a way that traps.
        let (logRead, letterRead, documentRead) = Store.correspondenceReads(which, args, cached: true)
        for r in try conn.rows(logRead) {
            guard let id = owner(r), out[id] != nil else { continue }
            if let e = Store.logEntry(r, from: 1) { out[id]?.log.append(e) } else { out[id]?.unreadable += 1 }
        }
        for r in try conn.rows(letterRead) {
            guard let id = owner(r), out[id] != nil else { continue }
            if let l = Store.letterSent(r, from: 1) { out[id]?.letters.append(l) } else { out[id]?.unreadable += 1 }
        }
        // A document keeps its place (its number is how it is fetched): a cell of the wrong kind reads as empty.
        for r in try conn.rows(documentRead) {
            guard let id = owner(r), out[id] != nil else { continue }
            var c = CellReader(r)
            let type = c.text(4)
            let number = (out[id]?.documents.count ?? 0) + 1
            out[id]?.documents.append(DocumentInfo(id: c.integer(1), number: number, name: c.text(2), size: c.integer(3).map { Int($0) } ?? 0,
                                                   type: type.isEmpty ? "application/octet-stream" : type,
                                                   added: LocalDate(iso: c.text(5)),
                                                   sha256: c.text(6), addedBy: c.text(7)))
        }
        return out
    }

    /// A document's bytes, by its number on the case (1 for the first added).
    public func document(contactID: Int64, number: Int) throws -> (info: DocumentInfo, data: Data) {
        try query { conn in
            let docs = try loadCorrespondence(conn, contactID: contactID).documents
            guard number >= 1, number <= docs.count, let id = docs[number - 1].id else {
                // Refused rather than "not found", so the message says what there is.
                throw StoreError.refused(docs.isEmpty ? "There is no document \(number): the case has no documents."
                                                      : "There is no document \(number): the case has documents 1 to \(docs.count).")
            }
            guard let data = try Store.documentBytes(conn, id: id) else { throw StoreError.notFound("document \(number)") }
            return (docs[number - 1], data)
        }
    }

    /// How many documents the database keeps (all cases), for `heard backup`'s line.
    public func documentCount() throws -> Int {
        try query { try $0.int("SELECT count(*) FROM documents") ?? 0 }
    }

    /// The bytes of document row `id`, or nil when there is no such row (or its cell is NULL).
    static func documentBytes(_ conn: any SQLConnection, id: Int64) throws -> Data? {
        var data: Data?
        try conn.each("SELECT data FROM documents WHERE id = ?", [.int(id)]) { r in
            if !r.isNull(0) { data = r.blob(0) }
        }
        return data
    }

    // MARK: - Writing

    /// Adds a line to a case's contact log.
    @discardableResult
    public func addLogEntry(_ entry: LogEntry, to contactID: Int64) throws -> LogEntry {
        try write { try addLogEntry(entry, to: contactID, in: $0) }
    }

    /// `addLogEntry` as part of the transaction `tx`.
    @discardableResult
    public func addLogEntry(_ entry: LogEntry, to contactID: Int64, in tx: Transaction) throws -> LogEntry {
        try tx.command {
            let reference = try referenceTakingData(contactID, tx.sql)
            var e = entry
            e.with = LogEntry.cleanWith(e.with)
            e.note = Self.cleanNote(e.note)
            e.recordedBy = actor
            if e.note.isEmpty && e.with.isEmpty { throw StoreError.refused("A contact log entry needs a note or whom it was with.") }
            // A contact before the case was received is a typing slip, however it came in.
            let received = try tx.sql.text("SELECT received FROM contacts WHERE id = ?", [.int(contactID)]).flatMap { LocalDate(iso: $0) }
            if let r = LogTimeInput.refusal(e.at, now: nil, received: received) { throw StoreError.refused(r.why + ".") }
            if e.note.utf8.count > LogEntry.maxNoteBytes {
                throw StoreError.refused("A contact log note is at most \(LogEntry.maxNoteWords); this one is \(DocumentInfo.sizeWords(e.note.utf8.count)). Keep a longer text as a document (heard document add).")
            }
            e.id = try tx.sql.insert("""
                INSERT INTO contact_log (contact_id, direction, kind, with_whom, at, note, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [.int(contactID), .text(e.direction.rawValue), .text(e.kind.rawValue), .text(e.with), .text(e.at.text), .text(e.note), .text(e.recordedBy)])
            var ch = Changes()
            ch.add("direction", nil, e.direction.rawValue); ch.add("kind", nil, e.kind.rawValue)
            ch.add("with", nil, e.with.isEmpty ? nil : e.with); ch.add("at", nil, e.at.text); ch.add("note", nil, e.note.isEmpty ? nil : e.note)
            try audit(tx, Store.logEntity, id: e.id, reference: reference, parent: contactID, .create, changes: ch)
            return e
        }
    }

    /// Records a letter as sent on a case.
    @discardableResult
    public func recordLetter(_ letter: LetterSent, on contactID: Int64) throws -> LetterSent {
        try write { try recordLetter(letter, on: contactID, in: $0) }
    }

    /// `recordLetter` as part of the transaction `tx` (with the acknowledgement or response it
    /// fills in, when the officer says so: one step).
    @discardableResult
    public func recordLetter(_ letter: LetterSent, on contactID: Int64, in tx: Transaction) throws -> LetterSent {
        try tx.command {
            let reference = try referenceTakingData(contactID, tx.sql)
            var l = letter
            l.template = MoveRequest.clean(l.template)
            l.body = Store.lineFeeds(l.body)
            l.recordedBy = actor
            guard !l.template.isEmpty else { throw StoreError.refused("A letter needs its template's name.") }
            l.id = try tx.sql.insert("""
                INSERT INTO letters (contact_id, template, stage, sent, format, body, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [.int(contactID), .text(l.template), .int(l.stage), .text(l.sent.iso), .text(l.format), .text(l.body), .text(l.recordedBy)])
            var ch = Changes()
            ch.add("template", nil, l.template); ch.add("stage", nil, l.stage.map(String.init)); ch.add("sent", nil, l.sent.iso)
            ch.add("format", nil, l.format)
            try audit(tx, Store.letterEntity, id: l.id, reference: reference, parent: contactID, .create, changes: ch)
            return l
        }
    }

    /// Keeps a file with a case: its bytes inside the database, with its name (without any
    /// folder), size, type and SHA-256. Refused, changing nothing, above `limit` bytes or empty,
    /// or when the case keeps the same bytes already (the same file attached twice), unless `again`.
    @discardableResult
    public func addDocument(named name: String, data: Data, type: String? = nil, added: LocalDate, to contactID: Int64,
                            limit: Int = Store.defaultDocumentLimit, again: Bool = false) throws -> DocumentInfo {
        try write { try addDocument(named: name, data: data, type: type, added: added, to: contactID, limit: limit, again: again, in: $0) }
    }

    /// `addDocument` as part of the transaction `tx`.
    @discardableResult
    public func addDocument(named name: String, data: Data, type: String? = nil, added: LocalDate, to contactID: Int64,
                            limit: Int = Store.defaultDocumentLimit, again: Bool = false, in tx: Transaction) throws -> DocumentInfo {
        try tx.command {
            let reference = try referenceTakingData(contactID, tx.sql)
            let base = MoveRequest.clean(String(name.split(separator: "/").last ?? ""))
            guard !base.isEmpty else { throw StoreError.refused("A document needs a file name.") }
            guard !data.isEmpty else { throw StoreError.refused("\(base) is empty; nothing to keep.") }
            guard data.count <= limit else {
                throw StoreError.refused("\(base) is \(DocumentInfo.sizeWords(data.count)); the limit is \(DocumentInfo.sizeWords(limit)) ([documents] max_size_mb in config.toml).")
            }
            let kind = type ?? DocumentTypes.guess(base)
            let sha = SHA256.hex(data)
            if !again, let same = try tx.sql.row("""
                SELECT d.name, (SELECT count(*) FROM documents e WHERE e.contact_id = d.contact_id AND e.id <= d.id)
                FROM documents d WHERE d.contact_id = ? AND d.sha256 = ? ORDER BY d.id LIMIT 1
                """, [.int(contactID), .text(sha)]) {
                var c = CellReader(same)
                let sameName = c.text(0), number = c.integer(1) ?? 0
                throw StoreError.refused("The same file is already document \(number) (\(sameName)) on this case; not kept twice.")
            }
            let id = try tx.sql.insert("""
                INSERT INTO documents (contact_id, name, size, type, added, sha256, added_by, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [.int(contactID), .text(base), .int(data.count), .text(kind), .text(added.iso), .text(sha), .text(actor), .blob(data)])
            let number = try tx.sql.int("SELECT count(*) FROM documents WHERE contact_id = ? AND id <= ?", [.int(contactID), .int(id)]) ?? 1
            var ch = Changes()
            ch.add("name", nil, base); ch.add("size", nil, String(data.count)); ch.add("type", nil, kind); ch.add("added", nil, added.iso); ch.add("sha256", nil, sha)
            try audit(tx, Store.documentEntity, id: id, reference: reference, parent: contactID, .create, changes: ch)
            return DocumentInfo(id: id, number: number, name: base, size: data.count, type: kind, added: added, sha256: sha, addedBy: actor)
        }
    }

    /// An anonymised case takes no new personal data: its contact log, letters, documents and
    /// fields would otherwise hold names again that no disposal would ever remove.
    /// With `step`, the refusal is of a step in the procedure (a move, a finding, an issue): an
    /// anonymised case's course is over (`anonymisedStepRefusal`).
    func refuseIfAnonymised(_ conn: any SQLConnection, contactID: Int64, step: Bool = false) throws {
        var found: [SQLValue]?
        try conn.each(Store.anonymisedRead(contactID)) { r in if found == nil { found = r.values } }
        guard let row = found, row[1].int64 == 1 else { return }
        let reference = row[0].text, on = Store.shownDay(row[2].text)
        throw StoreError.refused(step ? Store.anonymisedStepRefusal(reference: reference, on: on)
                                      : Store.anonymisedRefusal(reference: reference, on: on))
    }

    /// Why an anonymised case takes no change of its own.
    static func anonymisedRefusal(reference: String?, on: String?) -> String {
        CaseProtection.anonymised(reference, on: on) + ": it takes no new personal data; nothing was changed."
    }

    /// Why an anonymised case takes no further step (`CaseProtection.stepRefusal`), as refused.
    public static func anonymisedStepRefusal(reference: String?, on: String?) -> String {
        CaseProtection.stepRefusal(reference: reference, anonymisedOn: on) + "; nothing was changed."
    }

    /// Why an action is not newly linked to an anonymised case.
    static func anonymisedActionRefusal(reference: String?, on: String?) -> String {
        CaseProtection.anonymised(reference, on: on) + ": its course is over, so no new action is linked to it; nothing was changed."
    }

    /// The query of `refuseIfAnonymised`.
    static func anonymisedRead(_ contactID: Int64) -> SQLRead {
        SQLRead(sql: "SELECT reference, \(Store.anonymisedColumns()) FROM contacts WHERE id = ?", arguments: [.int(contactID)])
    }

    /// Whether a case is anonymised (1 or 0), then the day it was: read as the retention list and
    /// the record's protection read them (`anonymised != 0`), so a value another tool wrote (2,
    /// text) is anonymised to every check alike. Its day goes through `shownDay`.
    static func anonymisedColumns(of table: String = "") -> String {
        "CASE WHEN \(table)anonymised != 0 THEN 1 ELSE 0 END, \(table)anonymised_on"
    }

    /// `anonymised_on` as a refusal may say it: a day, else nothing (another tool's text there,
    /// a name say, is never repeated).
    static func shownDay(_ stored: String?) -> String? { stored.flatMap { LocalDate(iso: $0)?.iso } }

    /// The reference of a case that may take new correspondence: found, and not anonymised.
    func referenceTakingData(_ contactID: Int64, _ conn: any SQLConnection) throws -> String {
        let reference = try referenceOf(contactID, conn)
        try refuseIfAnonymised(conn, contactID: contactID)
        return reference
    }

    /// A case's reference by id, or not found.
    func referenceOf(_ contactID: Int64, _ conn: any SQLConnection) throws -> String {
        guard let r = try conn.text("SELECT reference FROM contacts WHERE id = ?", [.int(contactID)]) else {
            throw StoreError.notFound("contact #\(contactID)")
        }
        return r
    }

    /// A note keeps its line breaks (it may be several paragraphs) and loses every other control
    /// character and the spaces around it.
    static func cleanNote(_ s: String) -> String {
        TextSanitiser.clean(lineFeeds(s), allowLineBreaks: true).0.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// CRLF and a lone CR as LF: a stored note or letter has one kind of line break, so a CR
    /// cannot end an entry's line in the export (and make the file unimportable) or redraw a terminal line.
    static func lineFeeds(_ s: String) -> String {
        // By Unicode scalar: to Swift "\r\n" is one Character, which Character-wise searches treat apart from "\r".
        guard s.unicodeScalars.contains("\r") else { return s }
        var out = String.UnicodeScalarView()
        var afterCR = false
        for u in s.unicodeScalars {
            if u == "\r" { out.append("\n"); afterCR = true; continue }
            if !(u == "\n" && afterCR) { out.append(u) }
            afterCR = false
        }
        return String(out)
    }
}

/// Media types for the files a complaints team keeps, from the name's ending.
public enum DocumentTypes {
    static let byExtension: [String: String] = [
        "pdf": "application/pdf", "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt": "application/vnd.oasis.opendocument.text", "rtf": "application/rtf", "txt": "text/plain", "md": "text/markdown",
        "html": "text/html", "htm": "text/html", "eml": "message/rfc822", "msg": "application/vnd.ms-outlook",
        "csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "tif": "image/tiff", "tiff": "image/tiff",
        "heic": "image/heic", "mp3": "audio/mpeg", "m4a": "audio/mp4", "wav": "audio/wav", "zip": "application/zip",
    ]

    /// A file's own name: not empty, no `/` (nor NUL), and not `.` or `..` — what Heard saves a
    /// document under, so a row another tool wrote cannot steer the save into another folder.
    public static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }

    /// `type/subtype` in the characters RFC 6838 allows, nothing else (no parameters, no markup).
    public static func isMediaType(_ type: String) -> Bool {
        let parts = type.split(separator: "/", omittingEmptySubsequences: false)
        func token(_ s: Substring) -> Bool {
            guard let first = s.first, first.isASCII, first.isLetter || first.isNumber, s.count <= 127 else { return false }
            return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$&-^_.+".contains($0)) }
        }
        return parts.count == 2 && token(parts[0]) && token(parts[1])
    }

    /// `complaint.PDF` → `application/pdf`; anything unknown → `application/octet-stream`.
    public static func guess(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "application/octet-stream" }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}
