/// The import and export columns of a case's correspondence, after every other column:
/// `contact_log` and `letters`, one entry a line inside the cell, its fields separated by ` | `.
///
///     contact_log:  2022-06-14 14:30 | in | call | Mrs Patel | Asked for an update
///     letters:      acknowledgement | 1 | 2022-06-14 | docx | # Acknowledgement\n\nDear …
///
/// Inside a field a backslash is `\\`, a line break `\n`, a carriage return `\r` and a bar
/// `\|`, so any text goes there and back unchanged; any other backslash is refused on import
/// (it would otherwise be changed silently). A letter's last field is its text as sent (Markdown). Documents
/// are not in the CSV (their bytes are kept in the database; `heard backup` copies them).
extension ContactCSV {
    /// In export order, after `stageRecordColumns`.
    public static let correspondenceColumns = ["contact_log", "letters"]

    /// The two cells of a case's correspondence.
    public static func correspondenceCells(_ corr: Correspondence) -> [String] {
        var log: [UInt8] = [], letters: [UInt8] = []
        appendCorrespondenceCells(corr, log: &log, letters: &letters)
        return [String(decoding: log, as: UTF8.self), String(decoding: letters, as: UTF8.self)]
    }

    /// `correspondenceCells` as the UTF-8 bytes of each cell, appended to `log` and `letters`:
    /// the export writes them with no string per field, entry or cell on the way (a letter's body
    /// was copied four times: 50,000 letters at 100,000 cases).
    public static func appendCorrespondenceCells(_ corr: Correspondence, log: inout [UInt8], letters: inout [UInt8]) {
        let bar: StaticString = " | "
        func separator(_ out: inout [UInt8]) { bar.withUTF8Buffer { out.append(contentsOf: $0) } }
        for (i, e) in corr.log.enumerated() {
            if i > 0 { log.append(0x0A) }
            log.append(contentsOf: e.at.text.utf8)
            separator(&log)
            log.append(contentsOf: e.direction.rawValue.utf8)
            separator(&log)
            log.append(contentsOf: e.kind.rawValue.utf8)
            separator(&log)
            appendField(e.with, to: &log)
            separator(&log)
            appendField(e.note, to: &log)
        }
        for (i, l) in corr.letters.enumerated() {
            if i > 0 { letters.append(0x0A) }
            appendField(l.template, to: &letters)
            separator(&letters)
            if let stage = l.stage { letters.append(contentsOf: String(stage).utf8) }
            separator(&letters)
            letters.append(contentsOf: l.sent.iso.utf8)
            separator(&letters)
            appendField(l.format, to: &letters)
            separator(&letters)
            appendField(l.body, to: &letters)
        }
    }

    static func escapeField(_ s: String) -> String {
        guard s.utf8.contains(where: isEscaped) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 16)
        appendField(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func isEscaped(_ b: UInt8) -> Bool { b == 0x5C || b == 0x0A || b == 0x0D || b == 0x7C }

    /// A field inside an entry, escaped. Escaped by byte, which is by Unicode scalar here (each
    /// byte escaped is ASCII, and no other scalar's UTF-8 holds an ASCII byte): "\r\n" is one
    /// Character to Swift, and a lone "\r" left raw would end the entry's line when the file is
    /// read back (the whole import refused). Most fields need nothing and are copied whole.
    static func appendField(_ s: String, to out: inout [UInt8]) {
        // The runs between escaped bytes copied whole (a letter's body has a line break every
        // line, and byte by byte it was most of the export's formatting), found a word at a time.
        let copied: Void? = s.utf8.withContiguousStorageIfAvailable { u in
            var start = 0
            var i = ByteScan.first(in: u, from: 0, 0x5C, 0x0A, 0x0D, 0x7C)
            while i < u.count {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                out.append(0x5C)
                out.append(escapedByte(u[i]))
                start = i + 1
                i = ByteScan.first(in: u, from: start, 0x5C, 0x0A, 0x0D, 0x7C)
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start...]))
        }
        if copied != nil { return }
        for b in s.utf8 {
            if isEscaped(b) {
                out.append(0x5C)
                out.append(escapedByte(b))
            } else {
                out.append(b)
            }
        }
    }

    /// What follows the backslash: \\ for a backslash, n for LF, r for CR, | for a bar.
    private static func escapedByte(_ b: UInt8) -> UInt8 {
        switch b {
        case 0x0A: 0x6E
        case 0x0D: 0x72
        default: b
        }
    }

    /// An entry's fields: split at each bar not escaped, each field unescaped, the one space
    /// either side of a separator dropped. A backslash before anything but `\\`, `n`, `r` or `|`
    /// (or at the very end) is an error, returned as `.failure` with the words to show.
    static func splitEntry(_ line: Substring) -> Result<[String], EntryEscapeError> {
        var fields: [String] = []
        var cur = String.UnicodeScalarView()
        var escaped = false
        for u in line.unicodeScalars {
            if escaped {
                switch u {
                case "n": cur.append("\n")
                case "r": cur.append("\r")
                case "\\", "|": cur.append(u)
                default:
                    // Named by its code point when it is not plain printable ASCII.
                    let shown = u.isASCII && u.value >= 0x21 && u.value < 0x7F ? "'\\\(Character(u))'"
                        : "a backslash before U+\(String(u.value, radix: 16, uppercase: true))"
                    return .failure(EntryEscapeError(words: "\(shown) is not an escape Heard writes (\\\\, \\n, \\r or \\|)"))
                }
                escaped = false
            }
            else if u == "\\" { escaped = true }
            else if u == "|" { fields.append(String(cur)); cur = String.UnicodeScalarView() }
            else { cur.append(u) }
        }
        if escaped { return .failure(EntryEscapeError(words: "it ends in a lone backslash (write \\\\ for one)")) }
        fields.append(String(cur))
        return .success(fields.enumerated().map { i, f in
            var s = Substring(f)
            if i > 0, s.hasPrefix(" ") { s = s.dropFirst() }
            if i < fields.count - 1, s.hasSuffix(" ") { s = s.dropLast() }
            return String(s)
        })
    }

    /// A raw line break between entries: LF, CRLF (one Character to Swift) or a lone CR, as a
    /// spreadsheet may save them; a break inside a field is always escaped.
    static func isEntryBreak(_ c: Character) -> Bool { c == "\n" || c == "\r\n" || c == "\r" }

    /// Why an entry's escapes cannot be read.
    public struct EntryEscapeError: Error, Equatable { public var words: String }
}

extension ContactCSV.RowReader {
    /// The `contact_log` and `letters` cells as a correspondence; each bad entry is a problem
    /// naming its column and which entry (never its text).
    /// `contact` is the row's case when it could be read: then nothing may be dated before it
    /// was received, and a letter's stage must be one the case reached (`stagesReached`, asked
    /// only when a letter names a stage past the first: it needs the case's clock).
    mutating func readCorrespondence(today: LocalDate, contact: Contact? = nil, stagesReached: () -> Set<Int> = { [1] }) -> Correspondence {
        var reached: Set<Int>?
        var out = Correspondence()
        for (n, line) in text("contact_log").split(whereSeparator: ContactCSV.isEntryBreak).enumerated() where !String(line).trimmingSpaces.isEmpty {
            let entry = "entry \(n + 1)"
            let f: [String]
            switch ContactCSV.splitEntry(line) {
            case .success(let fields): f = fields
            case .failure(let e): fail("contact_log", "\(entry): \(e.words)"); continue
            }
            guard f.count == 5 else { fail("contact_log", "\(entry): expected 'date [time] | in or out | kind | with | note'"); continue }
            guard let at = LogTime(stored: f[0].trimmingSpaces) else { fail("contact_log", "\(entry): the date is not YYYY-MM-DD or YYYY-MM-DD HH:MM"); continue }
            if at.date > today { fail("contact_log", "\(entry): the date is in the future (today is \(today.iso))"); continue }
            if let c = contact, at.date < c.received { fail("contact_log", "\(entry): the date is before the case was received (\(c.received.iso))"); continue }
            guard let dir = LogDirection(rawValue: f[1].trimmingSpaces.lowercased()) else { fail("contact_log", "\(entry): the direction is in or out"); continue }
            guard let kind = LogKind(rawValue: f[2].trimmingSpaces.lowercased()) else {
                fail("contact_log", "\(entry): the kind is one of \(LogKind.allCases.map(\.rawValue).joined(separator: ", "))"); continue
            }
            if f[3].trimmingSpaces.isEmpty && f[4].trimmingSpaces.isEmpty { fail("contact_log", "\(entry): needs a note or whom it was with"); continue }
            if f[4].utf8.count > LogEntry.maxNoteBytes { fail("contact_log", "\(entry): the note is longer than \(LogEntry.maxNoteWords), the most a note holds"); continue }
            out.log.append(LogEntry(direction: dir, kind: kind, with: f[3], at: at, note: f[4]))
        }
        for (n, line) in text("letters").split(whereSeparator: ContactCSV.isEntryBreak).enumerated() where !String(line).trimmingSpaces.isEmpty {
            let entry = "letter \(n + 1)"
            let f: [String]
            switch ContactCSV.splitEntry(line) {
            case .success(let fields): f = fields
            case .failure(let e): fail("letters", "\(entry): \(e.words)"); continue
            }
            guard f.count == 5 else { fail("letters", "\(entry): expected 'template | stage | date | format | text'"); continue }
            let template = f[0].trimmingSpaces
            guard !template.isEmpty else { fail("letters", "\(entry): the template's name is missing"); continue }
            guard LetterSent.isTemplateName(template) else {
                fail("letters", "\(entry): the template's name is letters, digits, - and _ (as `heard letters` lists them)"); continue
            }
            let stageText = f[1].trimmingSpaces
            var stage: Int?
            if !stageText.isEmpty {
                guard let s = Int(stageText), (1...3).contains(s) else { fail("letters", "\(entry): the stage is 1, 2, 3 or empty"); continue }
                stage = s
                if s > 1, contact != nil {
                    if reached == nil { reached = stagesReached() }
                    guard reached?.contains(s) == true else { fail("letters", "\(entry): the case never reached stage \(s)"); continue }
                }
            }
            guard let sent = LocalDate(iso: f[2].trimmingSpaces) else { fail("letters", "\(entry): the date is not YYYY-MM-DD"); continue }
            if sent > today { fail("letters", "\(entry): the date is in the future (today is \(today.iso))"); continue }
            if let c = contact, sent < c.received { fail("letters", "\(entry): the date is before the case was received (\(c.received.iso))"); continue }
            let formatText = f[3].trimmingSpaces.lowercased()
            let format = formatText.isEmpty ? "md" : formatText
            guard LetterSent.formats.contains(format) else {
                fail("letters", "\(entry): the format is \(LetterSent.formats.joined(separator: ", ")) or empty"); continue
            }
            out.letters.append(LetterSent(template: template, stage: stage, sent: sent, format: format, body: f[4]))
        }
        return out
    }
}
