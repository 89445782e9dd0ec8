/// An action as typed on one line of the action plan, before it is saved.
public struct ActionDraft: Equatable, Sendable {
    public var title: String
    public var owner: String?
    /// Nil with `dueGiven` true means "at the appropriate time" (`due:none`, `due:later`).
    public var due: LocalDate?
    /// Whether the line said anything about the due date.
    public var dueGiven: Bool
    public var tags: [String]
    /// The configured spelling of the service area.
    public var serviceArea: String?
    public var caseReference: String?
    public var meeting: String?
    public var resolution: String?

    public init(title: String, owner: String? = nil, due: LocalDate? = nil, dueGiven: Bool = false, tags: [String] = [],
                serviceArea: String? = nil, caseReference: String? = nil, meeting: String? = nil, resolution: String? = nil) {
        self.title = title; self.owner = owner; self.due = due; self.dueGiven = dueGiven; self.tags = tags
        self.serviceArea = serviceArea; self.caseReference = caseReference; self.meeting = meeting; self.resolution = resolution
    }

    /// The action to save, created on `created`. The source is the case, else the meeting.
    public func actionItem(created: LocalDate) -> ActionItem {
        var source: ActionSource?
        if let c = caseReference { source = .caseReference(c) }
        else if let m = meeting { source = .meeting(m, resolution: resolution ?? "") }
        return ActionItem(title: title, owner: owner ?? "", serviceArea: serviceArea ?? "", source: source,
                          created: created, due: due, tags: tags)
    }
}

/// Why a typed action line cannot be saved, and where (1-based character column).
/// Messages name fields and the values of dates, areas and references, never owners.
public struct ActionLineError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var column: Int
    public init(message: String, column: Int) { self.message = message; self.column = column }
    public var description: String { "column \(column): \(message)" }
}

/// The one-line entry of the action plan:
///
///     Present the C&YP voice plan @"Head of Service" due:2022-09-30 #board area:care-leavers
///
/// Syntax, word by word (words are separated by spaces):
///
/// - `@Name` or `@"Name with spaces"`: the owner (one).
/// - `#tag`: a tag (any number; repeats are dropped, ignoring case). A lone `#` is title text.
/// - `key:value` where `key` is made of letters only and the value is not empty: a field.
///   Known keys (any case): `due:` (any `DateInput` form, or `none` / `later` for "at the
///   appropriate time"), `area:` (a configured service area, any case, `-` or `_` for spaces),
///   `case:` (a case reference), `meeting:` and `resolution:` (a board meeting and its
///   resolution number). Any other letters-only key is refused as an unknown field, so a typo
///   (`dua:friday`) is never silently saved as title text.
/// - A known key with nothing straight after its colon (`due: 4/3`) is refused, so the date is
///   not silently kept in the title.
/// - Everything else is title text, kept as typed: `Re:` (nothing after the colon),
///   `https://…` (the value starts with `//`), `v1:2` (the key is not letters only),
///   `bob@example.org`, `"quoted words"`.
///
/// A value after `@` or `key:` may be quoted to hold spaces; inside quotes `\"` is a quote and
/// `\\` a backslash. The closing quote must end the word. Each field may be given once; an action
/// has one source, so `case:` and `meeting:` are not both allowed, and `resolution:` needs a
/// `meeting:`.
public enum ActionLine {
    public static let fieldNames = ["due", "area", "case", "meeting", "resolution"]

    public static func parse(_ line: String, today: LocalDate, calendar: WorkingDayCalendar,
                             reference: ReferenceData) -> Result<ActionDraft, ActionLineError> {
        do {
            return .success(try build(tokens(Array(line)), today: today, calendar: calendar, reference: reference))
        } catch let e as ActionLineError {
            return .failure(e)
        } catch {
            return .failure(ActionLineError(message: "\(error)", column: 1))
        }
    }

    // MARK: - Words

    enum Token: Equatable {
        case word(String, column: Int)
        case owner(String, column: Int)
        case tag(String, column: Int)
        /// `key` lower-cased; columns of the key and of the value.
        case field(key: String, value: String, column: Int, valueColumn: Int)
    }

    static func tokens(_ chars: [Character]) throws -> [Token] {
        var out: [Token] = []
        var i = 0
        let n = chars.count
        func readPlain(_ from: Int) -> (String, Int) {
            var j = from
            while j < n && !chars[j].isWhitespace { j += 1 }
            return (String(chars[from..<j]), j)
        }
        /// Reads a quoted value whose opening quote is at `q`; returns the value and the index after it.
        func readQuoted(_ q: Int) throws -> (String, Int) {
            var j = q + 1
            var value = ""
            while j < n {
                let c = chars[j]
                if c == "\\" && j + 1 < n && (chars[j + 1] == "\"" || chars[j + 1] == "\\") {
                    value.append(chars[j + 1]); j += 2; continue
                }
                if c == "\"" {
                    j += 1
                    if j < n && !chars[j].isWhitespace {
                        throw ActionLineError(message: "text straight after the closing quote; put a space after it", column: j + 1)
                    }
                    return (value, j)
                }
                value.append(c); j += 1
            }
            throw ActionLineError(message: "the quote opened here is not closed; end the value with \"", column: q + 1)
        }
        func readValue(_ from: Int) throws -> (String, Int) {
            if from < n && chars[from] == "\"" { return try readQuoted(from) }
            return readPlain(from)
        }

        while i < n {
            if chars[i].isWhitespace { i += 1; continue }
            let start = i
            let c = chars[i]
            if c == "@" {
                let (value, next) = try readValue(i + 1)
                if value.trimmingSpaces.isEmpty {
                    throw ActionLineError(message: "@ needs the owner's name: @Name or @\"Name with spaces\"", column: start + 1)
                }
                out.append(.owner(value.trimmingSpaces, column: start + 1))
                i = next
            } else if c == "#" {
                let (word, next) = readPlain(i)
                out.append(word.count > 1 ? .tag(String(word.dropFirst()), column: start + 1) : .word(word, column: start + 1))
                i = next
            } else {
                var j = i
                while j < n && chars[j].isLetter { j += 1 }
                let isField = j > i && j + 1 < n && chars[j] == ":" && !chars[j + 1].isWhitespace
                    && !(chars[j + 1] == "/" && j + 2 < n && chars[j + 2] == "/")
                let bareKey = j > i && j < n && chars[j] == ":" && (j + 1 == n || chars[j + 1].isWhitespace)
                if bareKey, case let key = String(chars[i..<j]).lowercased(), fieldNames.contains(key) {
                    throw ActionLineError(message: "\(key): needs its value straight after the colon, e.g. \(key):\(example(key))", column: start + 1)
                }
                if isField {
                    let key = String(chars[i..<j]).lowercased()
                    let (value, next) = try readValue(j + 1)
                    out.append(.field(key: key, value: value, column: start + 1, valueColumn: j + 2))
                    i = next
                } else {
                    let (word, next) = readPlain(i)
                    out.append(.word(word, column: start + 1))
                    i = next
                }
            }
        }
        return out
    }

    private static func example(_ key: String) -> String {
        switch key {
        case "due": return "4/3"
        case "area": return "care-leavers"
        case "case": return "CS-2021-0042"
        case "meeting": return "\"Corporate Parenting Board 2022-07-14\""
        default: return "1"
        }
    }

    static func build(_ tokens: [Token], today: LocalDate, calendar: WorkingDayCalendar, reference: ReferenceData) throws -> ActionDraft {
        var draft = ActionDraft(title: "")
        var words: [String] = []
        var seenTags = Set<String>()
        var firstColumn: [String: Int] = [:]
        var resolutionColumn: Int?

        func once(_ key: String, _ column: Int, _ what: String) throws {
            if firstColumn[key] != nil { throw ActionLineError(message: "a second \(what); an action has one", column: column) }
            firstColumn[key] = column
        }

        for t in tokens {
            switch t {
            case .word(let w, _):
                words.append(w)
            case .tag(let tag, _):
                if seenTags.insert(tag.lowercased()).inserted { draft.tags.append(tag) }
            case .owner(let name, let column):
                try once("owner", column, "owner (@)")
                draft.owner = name
            case .field(let key, let raw, let column, let valueColumn):
                let value = raw.trimmingSpaces
                guard fieldNames.contains(key) else {
                    throw ActionLineError(message: "unknown field '\(key):'; the fields are \(fieldNames.map { $0 + ":" }.joined(separator: ", ")) (to keep the word in the title, leave out the colon)", column: column)
                }
                if value.isEmpty { throw ActionLineError(message: "\(key): has no value", column: valueColumn) }
                switch key {
                case "due":
                    try once(key, column, "due date (due:)")
                    draft.dueGiven = true
                    let lower = value.lowercased()
                    if lower == "none" || lower == "later" { draft.due = nil; break }
                    switch DateInput.parse(value, today: today, calendar: calendar) {
                    case .success(let d): draft.due = d
                    case .failure(let e):
                        throw ActionLineError(message: "due: \(e.description) Or due:none for no date.", column: valueColumn)
                    }
                case "area":
                    try once(key, column, "service area (area:)")
                    guard let area = reference.serviceArea(matching: value) else {
                        throw ActionLineError(message: "area: '\(value)' is not a configured service area; they are \(reference.serviceAreas.joined(separator: ", "))", column: valueColumn)
                    }
                    draft.serviceArea = area
                case "case":
                    try once(key, column, "case (case:)")
                    draft.caseReference = value
                case "meeting":
                    try once(key, column, "meeting (meeting:)")
                    draft.meeting = value
                case "resolution":
                    try once(key, column, "resolution (resolution:)")
                    draft.resolution = value
                    resolutionColumn = column
                default:
                    break
                }
            }
        }
        if let c = firstColumn["case"], let m = firstColumn["meeting"] {
            throw ActionLineError(message: "an action has one source: give case: or meeting:, not both", column: max(c, m))
        }
        if let r = resolutionColumn, draft.meeting == nil {
            throw ActionLineError(message: "resolution: needs meeting:\"…\" to say which meeting passed it", column: r)
        }
        draft.title = words.joined(separator: " ")
        if draft.title.isEmpty {
            throw ActionLineError(message: "an action needs a title: type what is to be done, then @owner, due:, #tags", column: 1)
        }
        return draft
    }

    // MARK: - Completion

    /// Completion for the word being typed when it starts with `@` (owners) or `area:` (service
    /// areas). `cursorAt` counts the characters before the cursor (nil: the end of the line).
    /// `prefix` is the text before the cursor that a candidate replaces (the whole word typed so
    /// far, `@` or `area:` included); candidates are ready to insert, quoted when they hold
    /// spaces. Matching ignores case (and, for areas, `-`/`_` against spaces): names that start
    /// with what was typed come first, then names that contain it, each in the order given.
    /// Any other word gives `("", [])`.
    public static func completions(for line: String, cursorAt: Int?, owners: [String], reference: ReferenceData) -> (prefix: String, candidates: [String]) {
        let chars = Array(line)
        let cursor = min(max(cursorAt ?? chars.count, 0), chars.count)
        var tokenStart = 0
        var inQuote = false
        var i = 0
        while i < cursor {
            let c = chars[i]
            if inQuote {
                if c == "\\" { i += 2; continue }
                if c == "\"" { inQuote = false }
            } else if c.isWhitespace {
                tokenStart = i + 1
            } else if c == "\"" && quoteOpensValue(chars[tokenStart..<i]) {
                inQuote = true
            }
            i += 1
        }
        let word = String(chars[tokenStart..<cursor])
        if word.hasPrefix("@") {
            let fragment = unquotedFragment(word.dropFirst())
            var seen = Set<String>()
            let unique = owners.filter { !$0.trimmingSpaces.isEmpty && seen.insert($0.lowercased()).inserted }
            return (word, ranked(unique, fragment, fold: { $0.lowercased() }).map { "@" + quotedIfNeeded($0) })
        }
        if word.lowercased().hasPrefix("area:") {
            let key = String(word.prefix(5))
            let fragment = unquotedFragment(word.dropFirst(5))
            let fold: (String) -> String = { s in String(s.lowercased().map { $0 == "-" || $0 == "_" ? " " : $0 }) }
            return (word, ranked(reference.serviceAreas, fragment, fold: fold).map { key + quotedIfNeeded($0) })
        }
        return ("", [])
    }

    /// Whether a quote after `before` (the word so far) opens a value: after `@` or `letters:`.
    private static func quoteOpensValue(_ before: ArraySlice<Character>) -> Bool {
        if before.count == 1 && before.first == "@" { return true }
        guard before.count >= 2, before.last == ":" else { return false }
        return before.dropLast().allSatisfy(\.isLetter)
    }

    private static func unquotedFragment(_ s: Substring) -> String {
        guard s.first == "\"" else { return String(s) }
        var out = ""
        var escaped = false
        for c in s.dropFirst() {
            if escaped { out.append(c); escaped = false } else if c == "\\" { escaped = true } else if c != "\"" { out.append(c) }
        }
        return out
    }

    private static func ranked(_ names: [String], _ fragment: String, fold: (String) -> String) -> [String] {
        ChoiceMatch.ranked(fragment, among: names, fold: fold)
    }

    /// `Name` as typed after `@` or `key:`: quoted (with `\"` and `\\` escaped) when it holds
    /// spaces, quotes or backslashes, or is empty.
    public static func quotedIfNeeded(_ s: String) -> String {
        if !s.isEmpty && !s.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "\\" }) { return s }
        var out = "\""
        for c in s {
            if c == "\"" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out + "\""
    }
}
