import HeardCore
import TerminalUI

/// The filter panel (`F`): one line per filter, left/right to change the value, or type a few
/// letters of the value wanted (with 40 officers, → reached the last after 40 presses).
public struct FilterPanelState: Equatable, Sendable {
    public var filters: ListFilters
    public var focus = 0
    var serviceAreas: [String]
    var officers: [String]
    /// What has been typed on the focused filter to find its value; empty when nothing is.
    var typed = ""
    /// The filters as they were when the typing began: Esc puts them back.
    var beforeTyping: ListFilters?
    /// The text the last key typed would have made, when no value matched it.
    var unmatched: String?

    static let fields = ["State", "Stage", "Service area", "Officer", "Kind", "C&YP", "Legal hold"]

    /// What each filter's values are, in the words of the messages ("no officer matches").
    static let nouns = ["state", "stage", "service area", "officer", "kind", "C&YP value", "legal hold value"]

    init(filters: ListFilters, serviceAreas: [String], officers: [String]) {
        self.filters = filters; self.serviceAreas = serviceAreas; self.officers = officers
    }

    func value(_ i: Int) -> String {
        let (labels, chosen) = choices(i)
        return labels.indices.contains(chosen) ? labels[chosen] : "any"
    }

    /// Filter `i`'s values as shown, in order ("any" first where the filter may be left open),
    /// and which of them is chosen now.
    func choices(_ i: Int) -> (labels: [String], chosen: Int) {
        func optional<T: Equatable>(_ values: [T], _ label: (T) -> String, _ current: T?) -> ([String], Int) {
            (["any"] + values.map(label), current.flatMap { values.firstIndex(of: $0).map { $0 + 1 } } ?? 0)
        }
        switch i {
        case 0: return (StateFilter.allCases.map(\.rawValue), StateFilter.allCases.firstIndex(of: filters.state) ?? 0)
        case 1: return optional([1, 2, 3], { "stage \($0)" }, filters.stage)
        case 2: return optional(serviceAreas, { $0 }, filters.serviceArea)
        case 3: return optional(officers, { $0 }, filters.officer)
        case 4: return optional(ContactKind.allCases, \.label, filters.kind)
        case 5: return optional([true, false], { $0 ? "yes" : "no" }, filters.childOrYoungPerson)
        default: return optional([true, false], { $0 ? "yes" : "no" }, filters.legalHold)
        }
    }

    /// Chooses filter `i`'s value at `index` of `choices(i).labels`.
    mutating func choose(_ i: Int, _ index: Int) {
        func pick<T>(_ values: [T]) -> T? { index > 0 && index <= values.count ? values[index - 1] : nil }
        switch i {
        case 0: if StateFilter.allCases.indices.contains(index) { filters.state = StateFilter.allCases[index] }
        case 1: filters.stage = pick([1, 2, 3])
        case 2: filters.serviceArea = pick(serviceAreas)
        case 3: filters.officer = pick(officers)
        case 4: filters.kind = pick(ContactKind.allCases)
        case 5: filters.childOrYoungPerson = pick([true, false])
        default: filters.legalHold = pick([true, false])
        }
    }

    /// The values of the focused filter that `text` matches, best first, by the rule a form's
    /// choice field completes by (`ChoiceMatch`); "any" last, so "a" finds Adoption before it.
    func matches(_ text: String) -> [Int] {
        let labels = choices(focus).labels
        let anyFirst = focus != 0
        let order = anyFirst ? Array(labels.indices.dropFirst()) + [0] : Array(labels.indices)
        return ChoiceMatch.rankedIndices(text, among: order.map { labels[$0] }).map { order[$0] }
    }

    /// Steps the focused filter through its values, "any" included; while a name is typed,
    /// through the values it matches only.
    mutating func step(_ delta: Int) {
        let (labels, chosen) = choices(focus)
        let order = typed.isEmpty ? Array(labels.indices) : matches(typed)
        guard !order.isEmpty else { return }
        let i = order.firstIndex(of: chosen) ?? 0
        choose(focus, order[((i + delta) % order.count + order.count) % order.count])
        unmatched = nil
    }

    /// One more character of the value wanted: the focused filter takes the best value it
    /// matches. A character that leaves nothing matching is not kept (it is said instead), so
    /// a slip of the finger never throws the choice away.
    mutating func type(_ c: Character) {
        if typed.isEmpty && c.isWhitespace { return }
        find(typed + String(c))
    }

    /// Pasted text, as the value wanted: the typing so far and the paste (line breaks as spaces,
    /// spaces at either end dropped) find the value together, or nothing changes and the panel
    /// says no value matches. A paste is one value, never keys: its newline applied the filter.
    mutating func paste(_ pasted: String) {
        let text = (typed + BracketedPaste.text(pasted)).trimmingSpaces
        guard !text.isEmpty else { return }
        find(text)
    }

    /// `text` as the typing now: the focused filter takes the best value it matches, or, when
    /// none does, the typing stays as it was and the footer says so.
    private mutating func find(_ text: String) {
        guard let best = matches(text).first else { unmatched = text; return }
        if typed.isEmpty { beforeTyping = filters }
        typed = text
        unmatched = nil
        choose(focus, best)
    }

    /// Takes back the last character typed; with none left, the value from before the typing.
    mutating func deleteBackward() {
        unmatched = nil
        guard !typed.isEmpty else { return }
        typed.removeLast()
        if typed.isEmpty {
            if let before = beforeTyping { filters = before }
            beforeTyping = nil
        } else if let best = matches(typed).first {
            choose(focus, best)
        }
    }

    /// Keeps the value found and forgets the typing (moving to another filter, applying).
    mutating func keepTyped() { typed = ""; beforeTyping = nil; unmatched = nil }

    /// Puts back the value from before the typing (Esc while typing).
    mutating func cancelTyped() {
        if let before = beforeTyping { filters = before }
        keepTyped()
    }

    /// The panel's last line: what the typing found, or how to start it.
    func footer(unicode: Bool) -> (text: String, role: Role) {
        let noun = Self.nouns.indices.contains(focus) ? Self.nouns[focus] : "value"
        let (open, close) = unicode ? ("“", "”") : ("\"", "\"")
        if let unmatched { return ("No \(noun) matches \(open)\(unmatched)\(close)", .messageError) }
        if !typed.isEmpty {
            let n = matches(typed).count
            return ("\(open)\(typed)\(close): \(n) match\(n == 1 ? "" : "es")" + (n > 1 ? ", \(unicode ? "←→" : "<- ->") among them" : ""), .hint)
        }
        return ("Type a value (a capital first) to jump to it", .hint)
    }

    func render(into frame: inout Frame, area: Rect, glyphs: Glyphs) {
        let labelWidth = 14
        // Room for the longest value, and for what the typing found ("“officer 2”: 11 matches, ←→ among them").
        let valueWidth = max(24, min(40, (serviceAreas + officers).map(displayWidth).max() ?? 24))
        let r = area.centered(width: labelWidth + valueWidth + 8, height: Self.fields.count + 4)
        frame.fill(r)
        let inner = frame.drawBox(r, title: "Filters", glyphs: glyphs)
        guard !inner.isEmpty else { return }
        for (i, name) in Self.fields.enumerated() where i < inner.height {
            let y = inner.y + i
            let role: Role = i == focus ? .selection : .default
            frame.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: role)
            frame.put(" " + name, x: inner.x, y: y, role: role, maxWidth: labelWidth)
            let v = (glyphs.unicode ? "‹ " : "< ") + value(i) + (glyphs.unicode ? " ›" : " >")
            frame.put(truncate(v, toWidth: inner.width - labelWidth - 1, unicode: glyphs.unicode), x: inner.x + labelWidth, y: y, role: role,
                      maxWidth: inner.width - labelWidth - 1)
        }
        if inner.height > Self.fields.count + 1 {
            let (text, role) = footer(unicode: glyphs.unicode)
            frame.put(truncate(text, toWidth: inner.width - 1, unicode: glyphs.unicode),
                      x: inner.x + 1, y: inner.maxY - 1, role: role, maxWidth: inner.width - 1)
        }
    }
}
