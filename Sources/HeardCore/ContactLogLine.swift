/// The contact log's one-line entry, read as the officer types it:
/// `[in|out] [call|email|letter|meeting|visit] ["With whom" | @word | @"two words"] [DATE] [HH:MM] [:] note`,
/// e.g. `out call "Mrs Patel" yesterday 14:30 chased the stage 1 response` or
/// `in email @school: asked for the report`. Direction and kind may come in either order and
/// default to in and call; the time defaults to now. A note that starts with what the officer did
/// (`called back at 3pm`, `emailed the school`) says the kind and "out" by that verb, and keeps
/// the verb; `received …`/`got …` says "in" (and the kind when a word such as email follows). One reading for the screen's `l` (and its
/// live preview) and anything else that takes a contact in a line.
public enum ContactLogLine {
    /// What the line says, before the time is fixed (`whenText` empty means now).
    public struct Draft: Equatable, Sendable {
        public var direction: LogDirection = .incoming
        public var kind: LogKind = .call
        public var with = ""
        /// The date and time as typed ("yesterday 14:30"); empty for now.
        public var whenText = ""
        public var note = ""
        /// Where the note starts in the line (characters), for an editor that replaces it.
        public var noteStart = 0
        public init() {}
    }

    /// Reads `text`; `now` fixes what "now", "today" and "yesterday" mean and is the time when
    /// none is given; `received` (the case's), when given, is the earliest day a contact can have.
    public static func parse(_ text: String, now: LogTime, calendar: WorkingDayCalendar, received: LocalDate? = nil) -> Result<LogEntry, ContactLogLineError> {
        switch read(text, now: now, calendar: calendar, received: received) {
        case .failure(let e): return .failure(e)
        case .success(let d):
            let at: LogTime
            switch LogTimeInput.parse(d.whenText, now: now, calendar: calendar, received: received) {
            case .success(let t): at = t
            case .failure(let e): return .failure(ContactLogLineError(offset: 0, message: e.description))
            }
            return .success(LogEntry(direction: d.direction, kind: d.kind, with: d.with, at: at, note: d.note))
        }
    }

    /// The parts of the line, each checked; the time is checked but left as typed.
    public static func read(_ text: String, now: LogTime, calendar: WorkingDayCalendar, received: LocalDate? = nil) -> Result<Draft, ContactLogLineError> {
        let chars = Array(text)
        var i = 0
        var d = Draft()
        func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }
        /// The next bare word (up to a space), without moving.
        func peekWord() -> (String, Int) {
            var j = i
            while j < chars.count, chars[j] != " ", chars[j] != "\t", chars[j] != "\n" { j += 1 }
            return (String(chars[i..<j]), j)
        }
        /// A trailing colon ends the head (`@school:`); it is not part of the word.
        func stripColon(_ w: String) -> (String, Bool) { w.hasSuffix(":") ? (String(w.dropLast()), true) : (w, false) }

        var headEnded = false
        var sawDirection = false, sawKind = false
        skipSpaces()
        // Direction and kind, in either order, each at most once.
        while !headEnded, i < chars.count {
            let (raw, end) = peekWord()
            let (word, colon) = stripColon(raw)
            let w = word.lowercased()
            if !sawDirection, let dir = direction(w) { d.direction = dir; sawDirection = true }
            else if !sawKind, let k = kind(w) { d.kind = k; sawKind = true }
            else { break }
            i = end
            headEnded = colon
            skipSpaces()
        }
        // With whom: "quoted", @word or @"quoted".
        if !headEnded, i < chars.count, chars[i] == "\"" || chars[i] == "@" {
            let start = i
            let at = chars[i] == "@"
            if at { i += 1 }
            if i < chars.count, chars[i] == "\"" {
                let open = i
                i += 1
                var name = ""
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\n" { break }
                    name.append(chars[i]); i += 1
                }
                guard i < chars.count, chars[i] == "\"" else {
                    return .failure(ContactLogLineError(offset: open, message: "the quote opened here is not closed: end the name with \""))
                }
                i += 1
                d.with = name.trimmingSpaces
                if i < chars.count, chars[i] == ":" { i += 1; headEnded = true }
            } else {
                let (raw, end) = peekWord()
                let (word, colon) = stripColon(raw)
                i = end
                d.with = word
                headEnded = colon
            }
            if d.with.isEmpty {
                // Say what was typed: empty quotes are not a bare @.
                let quoted = start + (at ? 1 : 0) < chars.count && chars[start + (at ? 1 : 0)] == "\""
                return .failure(ContactLogLineError(offset: start, message: quoted
                    ? "the quotes hold no name: \"Mrs Patel\", or leave them out"
                    : "@ needs a name after it: @school or @\"Mrs Patel\""))
            }
            skipSpaces()
        }
        // When: a date word or date, then a time of day; either may be left out.
        var when: [String] = []
        var whenAt = i
        if !headEnded, i < chars.count {
            let (raw, end) = peekWord()
            let (word, colon) = stripColon(raw)
            if looksLikeDate(word) {
                whenAt = i
                if case .failure(let e) = DateInput.parse(word, today: now.date, calendar: calendar) {
                    return .failure(ContactLogLineError(offset: i, message: "'\(word)' is not a date: \(e.why)"))
                }
                when.append(word)
                i = end
                headEnded = colon
                skipSpaces()
            }
        }
        if !headEnded, i < chars.count {
            let (raw, end) = peekWord()
            let (word, colon) = stripColon(raw)
            if looksLikeTime(word) {
                if when.isEmpty { whenAt = i }
                guard LogTime.typedMinutes(Substring(word)) != nil else {
                    return .failure(ContactLogLineError(offset: i, message: "'\(word)' is not a time of day (like 14:30 or 2:30pm)"))
                }
                when.append(word)
                i = end
                headEnded = colon
                skipSpaces()
            }
        }
        d.whenText = when.joined(separator: " ")
        if !d.whenText.isEmpty, case .failure(let e) = LogTimeInput.parse(d.whenText, now: now, calendar: calendar, received: received) {
            return .failure(ContactLogLineError(offset: whenAt, message: e.why))
        }
        // A colon or dash on its own ends the head too (`in email @school : asked`).
        if !headEnded, i < chars.count, chars[i] == ":" || chars[i] == "-" || chars[i] == "—",
           i + 1 == chars.count || chars[i + 1] == " " || chars[i + 1] == "\n" {
            i += 1
        }
        skipSpaces()
        d.noteStart = i
        d.note = trimmed(chars[i...])
        // The note's first word may say what happened; the head's own words win.
        let verbs = d.note.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).prefix(4)
            .map { String($0.lowercased().filter { !",.;:!".contains($0) }) }
        if let first = verbs.first {
            if let k = pastTense(first) {
                if !sawKind { d.kind = k }
                if !sawDirection { d.direction = .outgoing }
            } else if first == "received" || first == "got" {
                if !sawDirection { d.direction = .incoming }
                if !sawKind, let k = verbs.dropFirst().lazy.compactMap({ kind($0) }).first { d.kind = k }
            }
        }
        if d.note.isEmpty && d.with.isEmpty {
            return .failure(ContactLogLineError(offset: chars.count, message: "say what was said or done, or with whom (\"Mrs Patel\" or @school)"))
        }
        return .success(d)
    }

    /// The same entry written as a line this parser reads back (for a note edited in `$EDITOR`,
    /// which replaces the note after the head).
    public static func head(_ text: String, noteStart: Int) -> String {
        trimmed(Array(text).prefix(noteStart)[...])
    }

    /// Without spaces, tabs and line breaks at either end (HeardCore has no Foundation).
    static func trimmed(_ c: ArraySlice<Character>) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = c.firstIndex(where: { !blank($0) }), let last = c.lastIndex(where: { !blank($0) }) else { return "" }
        return String(c[first...last])
    }

    static func direction(_ w: String) -> LogDirection? {
        switch w {
        case "in", "incoming", "from": return .incoming
        case "out", "outgoing", "to": return .outgoing
        default: return nil
        }
    }

    static func kind(_ w: String) -> LogKind? {
        if let k = LogKind(rawValue: w) { return k }
        switch w {
        case "phone": return .call
        case "e-mail", "mail": return .email
        default: return nil
        }
    }

    /// What the officer did, by a past-tense verb at the note's start (the note keeps the verb).
    static func pastTense(_ w: String) -> LogKind? {
        switch w {
        case "called", "rang", "phoned", "telephoned": return .call
        case "emailed", "e-mailed": return .email
        case "wrote", "posted": return .letter
        case "met": return .meeting
        case "visited": return .visit
        default: return nil
        }
    }

    /// A word meant as a date: a date word, `2022-03-04`, `4/3`, `+2d`, `-3wd`.
    static func looksLikeDate(_ w: String) -> Bool {
        let lower = w.lowercased()
        if ["today", "yesterday", "tomorrow"].contains(lower) { return true }
        guard let first = lower.first, lower.contains(where: \.isNumber) else { return false }
        if first == "+" || (first == "-" && lower.count > 1) { return lower.dropFirst().first?.isNumber == true }
        guard first.isNumber, lower.contains("/") || lower.contains("-") else { return false }
        return lower.allSatisfy { $0.isNumber || $0 == "/" || $0 == "-" }
    }

    /// A word meant as a time of day: `14:30`, `9.30`, `2:30pm`, `3pm`.
    static func looksLikeTime(_ w: String) -> Bool { LogTime.looksLikeTypedTime(Substring(w)) }
}

/// Why a contact line could not be read: the problem and where it is in the line (characters).
public struct ContactLogLineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Characters from the start of the line to the problem.
    public var offset: Int
    public var message: String
    public init(offset: Int, message: String) { self.offset = offset; self.message = message }
    public var description: String { message }
}

extension LogEntry {
    /// The entry as it will read in the log, with its time: "2022-03-04 14:30 call out to Mrs Patel: chased".
    public var preview: String { at.text + "  " + words }
}
