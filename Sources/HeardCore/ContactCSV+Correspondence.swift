/// The import and export columns of a case's correspondence, after every other column:
/// `contact_log` and `letters`, one entry a line inside the cell, its fields separated by ` | `.
///
///     contact_log:  2022-06-14 14:30 | in | call | Mrs Patel | Asked for an update
///     letters:      acknowledgement | 1 | 2022-06-14 | docx | # Acknowledgement\n\nDear …
///
/// Inside a field a backslash is `\\`, a line break `\n` and a bar `\|`, so any text goes
/// there and back unchanged. A letter's last field is its text as sent (Markdown). Documents
/// are not in the CSV (their bytes are kept in the database; `heard backup` copies them).
extension ContactCSV {
    /// In export order, after `stageRecordColumns`.
    public static let correspondenceColumns = ["contact_log", "letters"]

    /// The two cells of a case's correspondence.
    public static func correspondenceCells(_ corr: Correspondence) -> [String] {
        let log = corr.log.map { e in
            [e.at.text, e.direction.rawValue, e.kind.rawValue, escapeField(e.with), escapeField(e.note)].joined(separator: " | ")
        }
        let letters = corr.letters.map { l in
            [escapeField(l.template), l.stage.map(String.init) ?? "", l.sent.iso, escapeField(l.format), escapeField(l.body)].joined(separator: " | ")
        }
        return [log.joined(separator: "\n"), letters.joined(separator: "\n")]
    }

    static func escapeField(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "|", with: "\\|")
    }

    /// An entry's fields: split at each bar not escaped, each field unescaped, the one space
    /// either side of a separator dropped.
    static func splitEntry(_ line: Substring) -> [String] {
        var fields: [String] = []
        var cur = ""
        var escaped = false
        for ch in line {
            if escaped { cur.append(ch == "n" ? "\n" : ch); escaped = false }
            else if ch == "\\" { escaped = true }
            else if ch == "|" { fields.append(cur); cur = "" }
            else { cur.append(ch) }
        }
        if escaped { cur.append("\\") }
        fields.append(cur)
        return fields.enumerated().map { i, f in
            var s = Substring(f)
            if i > 0, s.hasPrefix(" ") { s = s.dropFirst() }
            if i < fields.count - 1, s.hasSuffix(" ") { s = s.dropLast() }
            return String(s)
        }
    }
}

extension ContactCSV.RowReader {
    /// The `contact_log` and `letters` cells as a correspondence; each bad entry is a problem
    /// naming its column and which entry (never its text).
    mutating func readCorrespondence(today: LocalDate) -> Correspondence {
        var out = Correspondence()
        for (n, line) in text("contact_log").split(separator: "\n").enumerated() where !String(line).trimmingSpaces.isEmpty {
            let f = ContactCSV.splitEntry(line)
            let entry = "entry \(n + 1)"
            guard f.count == 5 else { fail("contact_log", "\(entry): expected 'date [time] | in or out | kind | with | note'"); continue }
            guard let at = LogTime(stored: f[0].trimmingSpaces) else { fail("contact_log", "\(entry): the date is not YYYY-MM-DD or YYYY-MM-DD HH:MM"); continue }
            if at.date > today { fail("contact_log", "\(entry): the date is in the future (today is \(today.iso))"); continue }
            guard let dir = LogDirection(rawValue: f[1].trimmingSpaces.lowercased()) else { fail("contact_log", "\(entry): the direction is in or out"); continue }
            guard let kind = LogKind(rawValue: f[2].trimmingSpaces.lowercased()) else {
                fail("contact_log", "\(entry): the kind is one of \(LogKind.allCases.map(\.rawValue).joined(separator: ", "))"); continue
            }
            if f[3].trimmingSpaces.isEmpty && f[4].trimmingSpaces.isEmpty { fail("contact_log", "\(entry): needs a note or whom it was with"); continue }
            out.log.append(LogEntry(direction: dir, kind: kind, with: f[3], at: at, note: f[4]))
        }
        for (n, line) in text("letters").split(separator: "\n").enumerated() where !String(line).trimmingSpaces.isEmpty {
            let f = ContactCSV.splitEntry(line)
            let entry = "letter \(n + 1)"
            guard f.count == 5 else { fail("letters", "\(entry): expected 'template | stage | date | format | text'"); continue }
            let template = f[0].trimmingSpaces
            guard !template.isEmpty else { fail("letters", "\(entry): the template's name is missing"); continue }
            let stageText = f[1].trimmingSpaces
            var stage: Int?
            if !stageText.isEmpty {
                guard let s = Int(stageText), (1...3).contains(s) else { fail("letters", "\(entry): the stage is 1, 2, 3 or empty"); continue }
                stage = s
            }
            guard let sent = LocalDate(iso: f[2].trimmingSpaces) else { fail("letters", "\(entry): the date is not YYYY-MM-DD"); continue }
            if sent > today { fail("letters", "\(entry): the date is in the future (today is \(today.iso))"); continue }
            out.letters.append(LetterSent(template: template, stage: stage, sent: sent, format: f[3].trimmingSpaces.isEmpty ? "md" : f[3].trimmingSpaces, body: f[4]))
        }
        return out
    }
}
