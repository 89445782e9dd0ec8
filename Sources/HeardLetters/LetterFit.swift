import Foundation
import HeardCore

/// Whether a letter fits a case on a day: a refusal (the letter would be wrong or full of
/// blanks) or warnings (it can go, but someone should look). One rule for `heard letter` and
/// the `L` screen, so neither makes a letter the other refuses.
public struct LetterFit: Equatable, Sendable {
    /// Why the letter cannot be made for this case, naming the letter and the case's reference
    /// (never its people); nil when it can.
    public var refusal: String?
    /// Things to check before it goes (a date already past, a field the template lacks).
    public var warnings: [String]
    public init(refusal: String? = nil, warnings: [String] = []) { self.refusal = refusal; self.warnings = warnings }
    public var fits: Bool { refusal == nil }
}

extension LetterBook {
    /// The kinds of case a shipped letter is written for; nil for a council's own letter of
    /// another name (Heard cannot know what it says).
    public static func kinds(of name: String) -> [ContactKind]? {
        switch name {
        case "acknowledgement": return [.complaint, .enquiry, .memberEnquiry]
        case "enquiry-reply": return [.enquiry, .memberEnquiry]
        case "compliment-thanks": return [.compliment]
        case "extension", "not-accepted", "stage1-response", "stage2-acknowledgement", "stage2-adjudication",
             "stage3-arrangements", "stage3-outcome": return [.complaint]
        default: return nil
        }
    }

    /// Whether letter `name` fits `record` dated `date`, about stage `stage` (default: the
    /// letter's own): refused when it is for another kind of case, for a stage not reached, an
    /// extension notice without an extension, not-accepted for an accepted case, or a response
    /// whose stage has issues without findings; warned when it would promise a date already past
    /// or report a panel not yet met, or when an enquiry reply has no `reply`. The template's
    /// own fields are checked by `fieldWarnings`.
    public static func fit(_ name: String, record: CaseRecord, date: LocalDate, stage: Int? = nil, fields: [String: String] = [:]) -> LetterFit {
        let c = record.contact
        let ref = c.reference
        if let kinds = kinds(of: name), !kinds.contains(c.kind) {
            let words = kinds.map(\.label)
            let list = words.count == 1 ? words[0] : words.dropLast().joined(separator: ", ") + " or " + words[words.count - 1]
            return LetterFit(refusal: "\(name) is a letter for \(article(list)) \(list), and \(ref) is \(article(c.kind.label)) \(c.kind.label)")
        }
        let n = stage ?? Self.stage(for: name, record: record)
        if let n, !record.clock.stages.contains(where: { $0.number == n }) {
            return LetterFit(refusal: "\(name) is a stage \(n) letter, and \(ref) has not reached stage \(n)")
        }
        let s = n.flatMap { n in record.clock.stages.first { $0.number == n } }
        var warnings: [String] = []
        switch name {
        case "acknowledgement":
            // Stage 1's (and an enquiry's or compliment's): a later stage has its own, which
            // records that stage's acknowledgement; sent there, this one recorded a letter "(stage
            // 2)" that acknowledged nothing while the stage still asked for its own (a trial).
            if c.kind == .complaint, let n, n >= 2 {
                let own = LetterCatalogue.acknowledgement(stage: n)
                return LetterFit(refusal: "acknowledgement is stage 1's letter, and \(ref) is at stage \(n), whose acknowledgement is \(own)")
            }
        case "extension":
            if s?.extensions.isEmpty ?? true {
                return LetterFit(refusal: "extension: stage \(n ?? 1) of \(ref) has no extension; record it first (heard move \(ref) extend …)")
            }
        case "not-accepted":
            if record.clock.status != .notAccepted {
                return LetterFit(refusal: "not-accepted: \(ref) is not recorded as not accepted (heard move \(ref) not-accepted --reason …)")
            }
        case "stage1-response", "stage2-adjudication", "stage3-outcome":
            let n = n ?? 1
            if c.issues.isEmpty {
                return LetterFit(refusal: "\(name): \(ref) has no issues; add them and their stage \(n) findings first")
            }
            let missing = c.issues.indices.filter { c.issues[$0].findings[n] == nil }
            if !missing.isEmpty {
                let which = missing.map { "\($0 + 1) (\(c.issues[$0].category))" }.joined(separator: ", ")
                return LetterFit(refusal: "\(name): issue\(missing.count == 1 ? "" : "s") \(which) \(missing.count == 1 ? "has" : "have") no stage \(n) finding; "
                    + "record \(missing.count == 1 ? "it" : "them") first (heard move \(ref) finding --issue N --verdict …)")
            }
            if name == "stage3-outcome", let panel = c.stagePeople.panelDate, panel > date {
                warnings.append("stage3-outcome: the Review Panel meets on \(panel.iso), after the letter's date \(date.iso); the letter says it will meet")
            }
        case "enquiry-reply":
            if (fields["reply"] ?? "").trimmingSpaces.isEmpty {
                warnings.append("enquiry-reply: no answer given (--field reply=\"…\", or edit the letter); it says only that the enquiry was looked into")
            }
        default:
            break
        }
        if let n, isAcknowledgement(name, stage: n, record: record) {
            let r = prepared(record, letter: name, stage: n, today: date)
            if let st = r.clock.stages.first(where: { $0.number == n }), st.isRunning, st.due < date {
                warnings.append("\(name): the response was due on \(st.due.iso), before the letter's date \(date.iso); the letter says it is overdue")
            }
        }
        let unknown = fields.keys.filter { $0 != "reply" && $0 != "complainant_address" && !LetterFields.names.contains($0) }.sorted()
        if !unknown.isEmpty {
            warnings.append("--field \(unknown.joined(separator: ", ")): not a field Heard's letters use (see LetterFields; reply and complainant_address are the usual ones)")
        }
        return LetterFit(warnings: warnings)
    }

    /// The `{{fields}}` of a council's template that are neither Heard's fields nor given:
    /// they come out blank. Heard's own templates are tested to use only its fields.
    public func fieldWarnings(_ name: String, fields: [String: String] = [:]) -> [String] {
        guard let t = template(named: name), case .council(let path) = t.source else { return [] }
        let known = Set(LetterFields.names + ["reply", "has_reply", "."] + fields.keys.flatMap { [$0, "has_" + $0] })
        // Inside a list section (`issues`, `remedies`) its items' own fields are known too.
        let itemFields: Set<String> = ["number", "category", "category_title", "detail", "has_detail", "verdict", "has_verdict", "finding_text", "has_finding_text",
                                       "kind", "amount", "has_amount", "text", "has_text"]
        var unknown: [String] = []
        for tag in Self.tags(in: t.text) where !known.contains(tag) && !itemFields.contains(tag) && !tag.hasPrefix("_") && !unknown.contains(tag) {
            unknown.append(tag)
        }
        guard !unknown.isEmpty else { return [] }
        return ["\(path): {{\(unknown.joined(separator: "}}, {{"))}} \(unknown.count == 1 ? "is not a field" : "are not fields") Heard fills; \(unknown.count == 1 ? "it comes" : "they come") out blank"]
    }

    /// The names in a template's tags (`{{x}}`, `{{{x}}}`, `{{#x}}`, `{{^x}}`, `{{&x}}`), not
    /// partials, comments, closings or pragmas.
    static func tags(in text: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            var tag = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            if tag.hasPrefix("{") { tag.removeFirst(); if rest.hasPrefix("}") { rest = rest.dropFirst() } }
            guard let first = tag.first else { continue }
            if ">!/%=".contains(first) { continue }
            if "#^&".contains(first) { tag.removeFirst() }
            let name = tag.trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { out.append(name) }
        }
        return out
    }

    static func article(_ word: String) -> String {
        guard let f = word.first?.lowercased() else { return "a" }
        return "aeiou".contains(f) ? "an" : "a"
    }
}
