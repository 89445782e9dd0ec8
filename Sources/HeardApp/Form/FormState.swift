import HeardCore
import TerminalUI

/// How a form field takes its value.
public enum FieldKind: Equatable, Sendable {
    /// Free text.
    case text
    /// Long free text: ctrl-o opens $VISUAL / $EDITOR (ctrl-e is end of line, as in every shell).
    case longText
    /// A date in any DateInput form.
    case date
    /// One of a closed list (matched by prefix on Tab).
    case choice([String])
    /// Free text with suggestions from known values (completion source name).
    case suggest(String)
    /// Several of a closed list separated by `;` (categories).
    case multiChoice([String])
    /// The action plan's one-line entry: completion on `@owner` and `area:`.
    case actionLine
}

/// One field of a form.
public struct FormField: Equatable, Sendable {
    public var key: String
    public var label: String
    public var kind: FieldKind
    public var input: TextInputState
    public var required: Bool
    public var error: String?
    public var hidden = false
    /// Text with line breaks (from the editor): the one-line input shows it flattened.
    public var multiline: String?
    /// The value the form opened with (the record's, a default, or one carried over).
    public var initial: String
    /// The value was carried over from the previous entry: marked so until it is changed.
    public var carried = false
    /// A short note shown inside the field when it leaves room ("latest 2026-12-14"): a label
    /// long enough to carry it is cut at 80 columns.
    public var hint: String?
    /// The user changed the text in this form (typed, completed, or edited it).
    public var touched = false

    /// Whether entering the field selects its text so the first key typed replaces it: only a
    /// value the form was opened with, untouched and without a problem. Text the user typed, or
    /// is correcting, is never thrown away by one keystroke.
    public var selectsOnFocus: Bool { !touched && error == nil && !input.text.isEmpty && input.text == initial }

    /// Whether the field still shows the value carried over from the previous entry.
    public var showsCarriedValue: Bool { carried && !input.text.isEmpty && input.text == initial }

    public init(_ key: String, _ label: String, _ kind: FieldKind, value: String = "", required: Bool = false) {
        self.key = key; self.label = label; self.kind = kind; self.required = required
        self.initial = value
        self.input = TextInputState(text: value.contains("\n") ? FormField.flatten(value) : value)
        if value.contains("\n") { multiline = value }
    }

    public var value: String { (multiline ?? input.text).trimmingSpaces }

    /// Sets the text, keeping line breaks for the value.
    public mutating func setText(_ text: String) {
        multiline = text.contains("\n") ? text : nil
        input.setText(text.contains("\n") ? FormField.flatten(text) : text)
    }

    static func flatten(_ s: String) -> String { s.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ↵ ") }

    /// `flatten` undone: the text with a line break for each " ↵ ", nil when there is none.
    static func unflatten(_ s: String) -> String? {
        s.contains(" ↵ ") ? s.replacingOccurrences(of: " ↵ ", with: "\n") : nil
    }
}

/// A form: fields reached with Tab and Shift-Tab, completion from known values, Enter saves.
public struct FormState: Equatable, Sendable {
    public var title: String
    public var fields: [FormField]
    public var focus = 0
    /// Known values by completion source ("officer", "team", "person", "advocate", "owner").
    public var sources: [String: [String]] = [:]
    /// The council's lists, for completions that need them (service areas in action lines).
    public var reference: ReferenceData = .default
    /// Something was typed: Esc asks before throwing it away.
    public var dirty = false
    public var confirmingDiscard = false
    /// A form-level problem (the store refused the save), shown above the hints.
    public var problem: String?
    /// Enter met a value not on its known list: the form asks before it saves.
    public var newValueQuestion: NewValueQuestion?
    /// Values the user said are new, by field key (asked once per value).
    public var confirmedNew: [String: String] = [:]
    /// Lines under the fields saying how what is typed reads (the contact log's line), or its
    /// problem; `previewProblemAt` is where in the focused field the problem is (characters).
    public var preview: [String] = []
    public var previewProblemAt: Int?
    /// The preview no longer describes the text: a long line's preview is read once the batch
    /// of typed (or pasted) keys is handled, not again after every key (`ContactLogForm.settle`).
    public var previewStale = false

    public init(title: String, fields: [FormField], sources: [String: [String]] = [:]) {
        self.title = title; self.fields = fields; self.sources = sources
        focus = fields.firstIndex { !$0.hidden } ?? 0
    }

    public subscript(key: String) -> String {
        get { fields.first { $0.key == key }?.value ?? "" }
        set {
            guard let i = fields.firstIndex(where: { $0.key == key }) else { return }
            // A value that changes is no longer the one a mark was about.
            if fields[i].value != newValue.trimmingSpaces { fields[i].error = nil }
            fields[i].setText(newValue)
        }
    }

    /// The focused field was just entered: the first character typed replaces its text.
    public var fresh = true

    /// The next character typed replaces the focused field's text (shown selected).
    public var replacesOnType: Bool { fresh && focused?.selectsOnFocus == true }

    public mutating func setError(_ key: String, _ message: String?) {
        if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].error = message }
    }

    public mutating func setHidden(_ key: String, _ hidden: Bool) {
        if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].hidden = hidden }
    }

    public mutating func focus(on key: String) {
        if let i = fields.firstIndex(where: { $0.key == key }) { focus = i; fresh = true }
    }

    var focused: FormField? { fields.indices.contains(focus) ? fields[focus] : nil }

    /// Candidates for the focused field's current text, best first.
    public func candidates(for field: FormField) -> [String] {
        let options: [String]
        var typed = field.input.text
        switch field.kind {
        case .choice(let o): options = o
        case .suggest(let source): options = sources[source] ?? []
        case .multiChoice(let o):
            options = o
            typed = String(typed.split(separator: ";", omittingEmptySubsequences: false).last ?? "")
        case .actionLine:
            return ActionLine.completions(for: typed, cursorAt: nil, owners: sources["owner"] ?? [], reference: reference).candidates
        default: return []
        }
        if normaliseWord(typed).isEmpty { return field.kind == .text ? [] : Array(options.prefix(8)) }
        return Array(ChoiceMatch.ranked(typed, among: options).prefix(8))
    }

    /// The text the suggestion would complete to, if it adds anything.
    public func suggestion(for field: FormField) -> String? {
        guard let first = candidates(for: field).first else { return nil }
        let typed = field.input.text
        if case .actionLine = field.kind {
            // Candidates come formatted (`@"Head of Service"`, `area:"Care Leavers"`).
            let (prefix, _) = ActionLine.completions(for: typed, cursorAt: nil, owners: sources["owner"] ?? [], reference: reference)
            guard !prefix.isEmpty, typed.hasSuffix(prefix), first != prefix else { return nil }
            return String(typed.dropLast(prefix.count)) + first + " "
        }
        if case .multiChoice = field.kind {
            let parts = typed.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            guard let last = parts.last, !last.trimmingSpaces.isEmpty, normaliseWord(last) != normaliseWord(first) else { return nil }
            return (parts.dropLast().map { $0.trimmingSpaces } + [first]).joined(separator: "; ")
        }
        if typed.trimmingSpaces.isEmpty || normaliseWord(typed) == normaliseWord(first) { return nil }
        return first
    }

    /// Accepts the focused field's suggestion (Tab does this before moving on). In a list of
    /// several (categories), every item typed short is completed, not only the last.
    public mutating func acceptSuggestion() {
        guard let f = focused else { return }
        if case .multiChoice(let options) = f.kind {
            let parts = f.input.text.split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            let done = parts.map { part -> String in
                if let exact = options.first(where: { normaliseWord($0) == normaliseWord(part) }) { return exact }
                return ChoiceMatch.best(part, among: options) ?? part
            }
            let joined = done.joined(separator: "; ")
            if !parts.isEmpty && joined != f.input.text { fields[focus].setText(joined); fields[focus].touched = true; fields[focus].error = nil }
            return
        }
        guard let s = suggestion(for: f) else { return }
        fields[focus].setText(s)
        fields[focus].touched = true
        fields[focus].error = nil
    }

    /// Checks the focused field's closed-list value, naming the problem.
    public mutating func validateFocused() {
        guard let f = focused else { return }
        // A mark set by the save (an email, a date the procedure refuses) stays while the value
        // is the one it was about: any edit clears it, so an error still here is still true.
        fields[focus].error = FormState.problem(f) ?? f.error
    }

    static func problem(_ f: FormField) -> String? {
        let v = f.value
        if v.isEmpty { return f.required ? "\(f.label) is required" : nil }
        switch f.kind {
        case .choice(let o):
            return o.contains { normaliseWord($0) == normaliseWord(v) } ? nil : "'\(v)' is not one of: \(o.prefix(6).joined(separator: ", "))\(o.count > 6 ? ", …" : "")"
        case .multiChoice(let o):
            for part in v.split(separator: ";") where !String(part).trimmingSpaces.isEmpty {
                if !o.contains(where: { normaliseWord($0) == normaliseWord(String(part)) }) { return "'\(String(part).trimmingSpaces)' is not one of the \(f.label.lowercased()) (separate several with ;)" }
            }
            return nil
        default: return nil
        }
    }

    /// Moves focus to the next (or previous) visible field.
    public mutating func move(_ delta: Int) {
        guard !fields.isEmpty else { return }
        var i = focus
        for _ in 0..<fields.count {
            i = (i + delta + fields.count) % fields.count
            if !fields[i].hidden { focus = i; fresh = true; return }
        }
    }

    /// Moves focus to the first (or last) visible field.
    public mutating func move(toEnd: Bool) {
        let visible = fields.indices.filter { !fields[$0].hidden }
        if let i = toEnd ? visible.last : visible.first { focus = i; fresh = true }
    }

    /// The outcome of a key for the form.
    public enum KeyResult: Equatable, Sendable { case handled, save, cancel, openEditor(String), unhandled }

    /// Handles a key: Tab/Shift-Tab and arrows move, Enter saves, Esc cancels (asking if dirty),
    /// PgUp/PgDn go to the first/last field, ctrl-o opens the editor on long text, anything else
    /// edits the focused field (Home, End, ctrl-a, ctrl-e and the word moves included).
    public mutating func handle(_ key: Key) -> KeyResult {
        if confirmingDiscard {
            confirmingDiscard = false
            return key == .char("y") || key == .char("Y") ? .cancel : .handled
        }
        if let q = newValueQuestion { return answerNewValue(q, key) }
        switch key {
        case .tab:
            acceptSuggestion(); validateFocused(); move(1)
        case .backTab:
            validateFocused(); move(-1)
        case .down:
            validateFocused(); move(1)
        case .up:
            validateFocused(); move(-1)
        case .enter:
            acceptSuggestionIfExactPrefix()
            return .save
        case .escape:
            if dirty { confirmingDiscard = true; return .handled }
            return .cancel
        case .ctrl("o"):
            if let f = focused { return .openEditor(f.key) }
        case .pageUp:
            validateFocused(); move(toEnd: false)
        case .pageDown:
            validateFocused(); move(toEnd: true)
        default:
            guard fields.indices.contains(focus) else { return .unhandled }
            // Edited in place and compared by its characters: a copy of the field and its text
            // on every key made a 100 KB paste quadratic.
            // Like a selected field: typing over a value just entered replaces it.
            // Only a value the form opened with is replaced (FormField.selectsOnFocus).
            let replacing = fresh && fields[focus].selectsOnFocus
            if case .paste(let pasted, _) = key, fields[focus].kind == .longText, fields[focus].multiline == nil,
               pasted.contains(where: \.isNewline) {
                pasteLines(pasted, replacing: replacing)
                return .handled
            }
            var cleared = false
            if replacing, key.isPrintable || key.isPaste, !fields[focus].input.characters.isEmpty {
                // A key the field does not take (ctrl-s, F5) leaves the selection as it was.
                var trial = TextInputState()
                guard trial.handle(key) else { return .unhandled }
                fields[focus].input.setText("")
                cleared = true
            }
            let edit = fields[focus].input.edit(key)
            guard edit != .unhandled else { return .unhandled }
            fresh = false
            if edit == .changed || cleared {
                // Text with line breaks edited on its one line keeps the breaks its ↵ stand for
                // (they were saved as "↵"); cleared, it has none.
                let breaks = cleared || fields[focus].multiline == nil ? nil : FormField.unflatten(fields[focus].input.text)
                dirty = true; fields[focus].error = nil; problem = nil; fields[focus].multiline = breaks
                fields[focus].touched = true
            }
            return .handled
        }
        return .handled
    }

    /// A paste with line breaks into a long text field keeps them (as the editor's text does);
    /// every other field takes a paste as one line (`TextInputState`).
    mutating func pasteLines(_ pasted: String, replacing: Bool) {
        let input = fields[focus].input
        let before = replacing ? "" : String(input.characters[..<input.cursor])
        let after = replacing ? "" : String(input.characters[input.cursor...])
        fields[focus].setText(before + BracketedPaste.text(pasted, keepingLines: true) + after)
        fresh = false
        dirty = true; fields[focus].error = nil; problem = nil
        fields[focus].touched = true
    }

    /// On Enter, a closed-list field with a unique prefix match takes it.
    mutating func acceptSuggestionIfExactPrefix() {
        guard let f = focused else { return }
        switch f.kind {
        case .choice, .multiChoice: acceptSuggestion()
        default: break
        }
    }

    /// Validates every visible field; focuses the first with a problem. True when all are fine.
    public mutating func validateAll() -> Bool {
        var first: Int?
        for i in fields.indices where !fields[i].hidden {
            fields[i].error = FormState.problem(fields[i])
            if fields[i].error != nil && first == nil { first = i }
        }
        if let first { focus = first; fresh = true; return false }
        return true
    }

    /// The canonical spelling of a closed-list value.
    public func canonical(_ key: String) -> String {
        guard let f = fields.first(where: { $0.key == key }) else { return "" }
        if case .choice(let o) = f.kind { return o.first { normaliseWord($0) == normaliseWord(f.value) } ?? f.value }
        return f.value
    }
}
