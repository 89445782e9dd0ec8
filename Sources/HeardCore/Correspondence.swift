/// A case's correspondence: the contact log (calls, emails, letters, meetings and visits, each a
/// line), the letters Heard made and the officer sent, and the documents kept with the case
/// (table `contact_log`, `letters` and `documents`, migration v9). Loaded for one case at a time
/// (the detail screen, `heard show`, a letter, the digest's cases), never for the 100,000-row paths.
public struct Correspondence: Hashable, Sendable {
    /// The contact log, oldest first (by `at`, then as recorded).
    public var log: [LogEntry]
    /// Letters recorded as sent, oldest first.
    public var letters: [LetterSent]
    /// Documents attached, in the order they were added (`number` 1, 2, …).
    public var documents: [DocumentInfo]
    /// Contact log and letters rows another tool wrote that Heard cannot read (a date, kind or
    /// stage it does not know, a cell of the wrong type): not shown, but said (`heard check` names them).
    public var unreadable = 0

    public init(log: [LogEntry] = [], letters: [LetterSent] = [], documents: [DocumentInfo] = []) {
        self.log = log; self.letters = letters; self.documents = documents
    }

    public var isEmpty: Bool { log.isEmpty && letters.isEmpty && documents.isEmpty }
}

/// Which way a contact went: from the complainant (or anyone) to the council, or from it.
public enum LogDirection: String, Vocabulary, Codable {
    case incoming = "in"
    case outgoing = "out"
    public var label: String { self == .incoming ? "in" : "out" }
}

/// How the contact was made.
public enum LogKind: String, Vocabulary, Codable {
    case call, email, letter, meeting, visit
    public var label: String { rawValue }
}

/// When a contact happened: a date, and the time of day when it is known (minutes after midnight).
/// Written `2022-03-04 14:30`, or `2022-03-04` alone; it sorts by that text.
public struct LogTime: Hashable, Comparable, Sendable {
    public var date: LocalDate
    /// Minutes after midnight, 0..<1440; nil when only the day is known.
    public var minutes: Int?

    public init(date: LocalDate, minutes: Int? = nil) {
        self.date = date
        self.minutes = minutes.flatMap { (0..<1440).contains($0) ? $0 : nil }
    }

    /// `2022-03-04 14:30` or `2022-03-04`.
    public var text: String {
        guard let m = minutes else { return date.iso }
        // The export writes a million of these at 100,000 cases: the day's ten bytes and the
        // time's six, not three strings put together (`clock`'s text, byte for byte).
        var out = ""
        out.reserveCapacity(16)
        date.appendISO(to: &out)
        let zero = UInt8(ascii: "0"), h = m / 60, mm = m % 60
        guard (0..<24).contains(h) else { return out + " " + Self.clock(m) }
        let time: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0x20, zero + UInt8(h / 10), zero + UInt8(h % 10), 0x3A,
                                                                zero + UInt8(mm / 10), zero + UInt8(mm % 10))
        withUnsafeBytes(of: time) { out += String(decoding: $0, as: UTF8.self) }
        return out
    }

    /// `14:30`, or nil when only the day is known.
    public var clockText: String? { minutes.map(Self.clock) }

    static func clock(_ m: Int) -> String {
        let h = m / 60, mm = m % 60
        return (h < 10 ? "0" : "") + "\(h):" + (mm < 10 ? "0" : "") + "\(mm)"
    }

    /// Reads `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` (as stored); nil for anything else.
    public init?(stored text: String) {
        // What Heard stores, `YYYY-MM-DD HH:MM` in digits, read from its bytes (a million rows
        // at 100,000 cases, read by the export and again by its check); anything else, the
        // general way below, which gives the same for these.
        var s = text
        let fast = s.withUTF8 { u -> LogTime?? in
            guard u.count == 16, u[10] == 0x20, u[13] == 0x3A else { return .none }
            func digit(_ i: Int) -> Int? { (0x30...0x39).contains(u[i]) ? Int(u[i] - 0x30) : nil }
            guard let h1 = digit(11), let h2 = digit(12), let m1 = digit(14), let m2 = digit(15) else { return .none }
            guard let d = LocalDate(isoUTF8: UnsafeBufferPointer(rebasing: u[0..<10])) else { return .some(nil) }
            let h = h1 * 10 + h2, m = m1 * 10 + m2
            guard h < 24, m < 60 else { return .some(nil) }
            return .some(LogTime(date: d, minutes: h * 60 + m))
        }
        if let fast {
            guard let t = fast else { return nil }
            self = t
            return
        }
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count), let d = LocalDate(iso: parts[0]) else { return nil }
        if parts.count == 1 { self.init(date: d); return }
        guard let m = Self.minutes(parts[1]) else { return nil }
        self.init(date: d, minutes: m)
    }

    /// `14:30`, `9:05` → minutes after midnight; nil unless a real time of day.
    public static func minutes(_ s: Substring) -> Int? {
        let hm = s.split(separator: ":", omittingEmptySubsequences: false)
        guard hm.count == 2, (1...2).contains(hm[0].count), hm[1].count == 2,
              hm[0].allSatisfy(\.isASCII), hm[1].allSatisfy(\.isASCII),
              let h = Int(hm[0]), let m = Int(hm[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }

    public static func < (a: LogTime, b: LogTime) -> Bool {
        a.date != b.date ? a.date < b.date : (a.minutes ?? -1) < (b.minutes ?? -1)
    }
}

/// One line of the contact log.
public struct LogEntry: Hashable, Sendable {
    /// The row's id (nil before it is saved).
    public var id: Int64?
    public var direction: LogDirection
    public var kind: LogKind
    /// With whom (a name or a role: "Mrs Patel", "school"); may be empty.
    public var with: String
    public var at: LogTime
    /// What was said or done; may run to several lines.
    public var note: String
    /// Who recorded it (the audit's actor at the time).
    public var recordedBy: String

    public init(id: Int64? = nil, direction: LogDirection, kind: LogKind, with: String = "", at: LogTime, note: String, recordedBy: String = "") {
        self.id = id; self.direction = direction; self.kind = kind; self.with = with; self.at = at; self.note = note; self.recordedBy = recordedBy
    }

    /// Whom a contact was with, as kept: one line, trimmed, without the `@` the one-line form
    /// marks a name with, so `--with @school`, `@school` on the screen and `school` are one name.
    public static func cleanWith(_ s: String) -> String {
        var t = MoveRequest.clean(s)
        while t.hasPrefix("@") { t = String(t.dropFirst()).trimmingSpaces }
        return t
    }

    /// "call in from Mrs Patel: asked for an update" / "email out to school".
    public var words: String {
        var t = "\(kind.label) \(direction.label)"
        if !with.isEmpty { t += (direction == .incoming ? " from " : " to ") + with }
        if !note.isEmpty { t += ": " + Self.firstLine(note) }
        return t
    }

    /// The most a note may hold, in UTF-8 bytes: a page or two of text is a note; more is a
    /// document (`heard document add`), which keeps its own bytes.
    public static let maxNoteBytes = 64 * 1024
    /// "64 KB", for the messages that refuse a longer note.
    public static var maxNoteWords: String { "\(maxNoteBytes / 1024) KB" }
    /// How much of a note's first line `words` repeats: a confirmation, not the note again.
    static let firstLineLimit = 100

    /// The note's first line, cut at `firstLineLimit` characters with "…".
    static func firstLine(_ note: String) -> String {
        let first = note.split(separator: "\n", omittingEmptySubsequences: true).first ?? ""
        return first.count <= firstLineLimit ? String(first) : String(first.prefix(firstLineLimit)) + "…"
    }
}

/// A letter recorded as sent: which template, for which stage, when, and the text as sent
/// (Markdown, after the officer's edits), so the record shows what the complainant received.
public struct LetterSent: Hashable, Sendable {
    public var id: Int64?
    /// The template's name (`acknowledgement`, `stage1-response`, or a council's own).
    public var template: String
    /// The stage it was sent for (nil for a compliment or enquiry).
    public var stage: Int?
    public var sent: LocalDate
    /// The format it was saved in (md, html, docx); informational.
    public var format: String
    /// The letter's text as sent, in Markdown.
    public var body: String
    public var recordedBy: String

    public init(id: Int64? = nil, template: String, stage: Int?, sent: LocalDate, format: String = "md", body: String, recordedBy: String = "") {
        self.id = id; self.template = template; self.stage = stage; self.sent = sent; self.format = format; self.body = body; self.recordedBy = recordedBy
    }

    /// The formats a letter is saved in.
    public static let formats = ["md", "html", "docx"]

    /// A letter's name as Heard's and a council's templates are named (the file's name without
    /// `.mustache`, as LetterBook accepts it): ASCII letters, digits, `-` and `_`, at most 64, so
    /// it never names a path. (Upper case too: a council's `Custom.mustache` must survive an export and import.)
    public static func isTemplateName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.count <= 64
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }

    /// "Letter sent: acknowledgement (stage 1)".
    public var words: String {
        "Letter sent: " + LetterCatalogue.title(template) + (stage.map { " (stage \($0))" } ?? "")
    }
}

/// A file kept with a case, without its bytes (those are read only when extracted).
public struct DocumentInfo: Hashable, Sendable {
    public var id: Int64?
    /// Its place on the case: 1 for the first added (`heard document get REF 1`).
    public var number: Int
    /// The file's own name, without any folder.
    public var name: String
    public var size: Int
    /// A media type guessed from the name (`application/pdf`), or `application/octet-stream`.
    public var type: String
    /// The day it was added; nil when the row (written by another tool) holds no day Heard
    /// can read: said as such, never as 1 January 1970.
    public var added: LocalDate?
    /// SHA-256 of the bytes, lower-case hex.
    public var sha256: String
    public var addedBy: String

    public init(id: Int64? = nil, number: Int, name: String, size: Int, type: String, added: LocalDate?, sha256: String, addedBy: String = "") {
        self.id = id; self.number = number; self.name = name; self.size = size; self.type = type; self.added = added; self.sha256 = sha256; self.addedBy = addedBy
    }

    /// The name a save offers by default: the last part of the stored name (another tool may
    /// have stored `../../x`), without control characters; `document-N` when none is left.
    public var saveName: String {
        let base = name.split(separator: "/").last.map(String.init) ?? ""
        let clean = TextSanitiser.clean(base, allowLineBreaks: false).0.trimmingSpaces
        return clean.isEmpty || clean == "." || clean == ".." ? "document-\(number)" : clean
    }

    /// "2. complaint-letter.pdf (application/pdf, 48 KB)".
    public var words: String { "\(number). \(name) (\(type), \(Self.sizeWords(size)))" }

    /// 512 → "512 bytes", 48_000 → "47 KB", 3_500_000 → "3.3 MB".
    public static func sizeWords(_ n: Int) -> String {
        if n < 1024 { return "\(n) byte" + (n == 1 ? "" : "s") }
        if n < 1024 * 1024 { return "\((n + 512) / 1024) KB" }
        let tenths = (n * 10 + 512 * 1024) / (1024 * 1024)
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}
