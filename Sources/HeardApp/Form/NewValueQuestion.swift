import HeardCore
import TerminalUI

/// "Ya is not an officer Heard knows": a value typed into a field with a known list (officer,
/// team) that is not on it is saved only after the user says it is new. Enter on a half-typed
/// name asks this instead of creating an officer called "Ya"; Enter in the question takes the
/// suggestion shown.
public struct NewValueQuestion: Equatable, Sendable {
    /// The field's key.
    public var field: String
    /// The value as typed.
    public var value: String
    /// The known value the question offers instead (the highlighted suggestion), if any.
    public var suggestion: String?
    /// What the list holds, in words ("officer").
    public var noun: String
}

extension FormState {
    /// Completion sources whose values are a list of known people or teams: a value not on it
    /// is new and must be confirmed.
    static let confirmedSources: [String: String] = ["officer": "officer", "team": "team", "appointee": "person", "owner": "owner"]

    /// The first visible field holding a value not on its known list and not yet confirmed.
    public func unconfirmedNewValue() -> NewValueQuestion? {
        for f in fields where !f.hidden {
            guard case .suggest(let source) = f.kind, let noun = FormState.confirmedSources[source] else { continue }
            let v = f.value
            // A value the form opened with is on record already (the case's own, or carried over).
            if v.isEmpty || confirmedNew[f.key] == v || v == f.initial.trimmingSpaces { continue }
            let known = sources[source] ?? []
            if known.contains(where: { normaliseWord($0) == normaliseWord(v) }) { continue }
            return NewValueQuestion(field: f.key, value: v, suggestion: candidates(for: f).first, noun: noun)
        }
        return nil
    }

    /// The question for an action line's owner (`@"new owner"`) not among the known owners, or
    /// nil when the owner is known, already confirmed, or not given.
    public func unconfirmedOwner(_ owner: String?, field: String) -> NewValueQuestion? {
        guard let owner, !owner.isEmpty, confirmedNew[field] != owner else { return nil }
        let known = sources["owner"] ?? []
        if known.contains(where: { normaliseWord($0) == normaliseWord(owner) }) { return nil }
        return NewValueQuestion(field: field, value: owner, suggestion: ChoiceMatch.best(owner, among: known), noun: "owner")
    }

    /// Answers the open question: y adds the value as new, Enter takes the suggestion; either
    /// goes on saving. Any other key goes back to the field to edit it.
    mutating func answerNewValue(_ q: NewValueQuestion, _ key: Key) -> KeyResult {
        newValueQuestion = nil
        focus(on: q.field)
        fresh = false
        switch key {
        case .char("y"), .char("Y"):
            confirmedNew[q.field] = q.value
            return .save
        case .enter:
            guard let s = q.suggestion else { return .handled }
            if let f = fields.first(where: { $0.key == q.field }), case .actionLine = f.kind {
                // The owner inside a one-line action: only its `@…` changes.
                self[q.field] = ActionLine.replacingOwner(in: f.value, q.value, with: s)
            } else {
                self[q.field] = s
            }
            return .save
        default:
            return .handled
        }
    }

    /// The words and buttons of the question.
    static func questionDialog(_ q: NewValueQuestion, glyphs: Glyphs) -> Dialog {
        var buttons = [Hint(key: "y", label: "add '\(q.value)' as a new \(q.noun)")]
        if let s = q.suggestion { buttons.append(Hint(key: "enter", label: "use '\(s)'")) }
        buttons.append(Hint(key: "other", label: "keep editing"))
        let article = q.noun.first.map { "aeiou".contains($0) } == true ? "an" : "a"
        return Dialog(title: "New \(q.noun)?", lines: ["'\(q.value)' is not \(article) \(q.noun) Heard knows.",
                                                      "Nothing is saved until you answer."], buttons: buttons, glyphs: glyphs)
    }
}
