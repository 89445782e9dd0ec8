/// The equality monitoring questions councils ask complainants and publish counts of, each
/// optional and each with "prefer not to say". The answers are the groups councils publish
/// (the ONS 2021 census headings for ethnicity and religion), so a public report can count them.
public enum EqualityQuestion: String, CaseIterable, Sendable {
    case ageBand = "age_band"
    case gender
    case ethnicity
    case disability
    case religion
    case sexualOrientation = "sexual_orientation"

    /// The answer every question offers for someone who chose not to answer.
    public static let preferNotToSay = "prefer not to say"

    /// What a report counts for a complaint with no answer recorded.
    public static let notRecorded = "not recorded"

    /// The question for people.
    public var label: String {
        switch self {
        case .ageBand: "Age band"
        case .gender: "Gender"
        case .ethnicity: "Ethnicity"
        case .disability: "Disability"
        case .religion: "Religion or belief"
        case .sexualOrientation: "Sexual orientation"
        }
    }

    /// The import/export column (and audit field) of the question.
    public var column: String { "equality_" + rawValue }

    /// The answers, as published, "prefer not to say" last.
    public var answers: [String] {
        let given: [String]
        switch self {
        case .ageBand: given = ["under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65 and over"]
        case .gender: given = ["female", "male", "non-binary", "another gender"]
        case .ethnicity:
            given = ["Asian or Asian British", "Black, Black British, Caribbean or African", "Mixed or multiple ethnic groups",
                     "White", "Other ethnic group"]
        case .disability: given = ["yes", "no"]
        case .religion: given = ["no religion", "Buddhist", "Christian", "Hindu", "Jewish", "Muslim", "Sikh", "any other religion"]
        case .sexualOrientation: given = ["straight or heterosexual", "gay or lesbian", "bisexual", "another sexual orientation"]
        }
        return given + [Self.preferNotToSay]
    }

    /// Further spellings accepted on input, by answer.
    var aliases: [String: String] {
        switch self {
        case .ageBand: ["0-17": "under 18", "under18": "under 18", "65+": "65 and over", "65 or over": "65 and over"]
        case .gender: ["woman": "female", "man": "male", "nonbinary": "non-binary", "other": "another gender"]
        case .ethnicity:
            ["asian": "Asian or Asian British", "black": "Black, Black British, Caribbean or African",
             "mixed": "Mixed or multiple ethnic groups", "other": "Other ethnic group", "any other ethnic group": "Other ethnic group"]
        case .disability: ["y": "yes", "n": "no", "disabled": "yes", "not disabled": "no"]
        case .religion: ["none": "no religion", "other": "any other religion", "other religion": "any other religion"]
        case .sexualOrientation:
            ["straight": "straight or heterosexual", "heterosexual": "straight or heterosexual", "gay": "gay or lesbian",
             "lesbian": "gay or lesbian", "other": "another sexual orientation"]
        }
    }

    /// The answer `text` names (case, spaces, `-` and `_` ignored), or nil.
    public func answer(matching text: String) -> String? {
        let key = normaliseWord(text)
        if key.isEmpty { return nil }
        if let a = answers.first(where: { normaliseWord($0) == key }) { return a }
        if ["prefer not to say", "not stated", "declined", "rather not say"].contains(key) { return Self.preferNotToSay }
        return aliases.first { normaliseWord($0.key) == key }?.value
    }
}

/// A complainant's equality monitoring: each question's answer, or nil when not recorded. Six
/// stored values, not an array: every contact carries one, and an array apiece was a heap
/// allocation apiece for the 100,000 contacts a report or an import reads.
public struct EqualityMonitoring: Hashable, Sendable {
    private var ageBand: String?
    private var gender: String?
    private var ethnicity: String?
    private var disability: String?
    private var religion: String?
    private var sexualOrientation: String?

    public init() {}

    /// The answers given, by question.
    public init(_ answers: [EqualityQuestion: String]) {
        for (q, a) in answers { self[q] = a }
    }

    /// The recorded answer to `q` (one of `q.answers`), or nil.
    public subscript(q: EqualityQuestion) -> String? {
        get {
            switch q {
            case .ageBand: ageBand
            case .gender: gender
            case .ethnicity: ethnicity
            case .disability: disability
            case .religion: religion
            case .sexualOrientation: sexualOrientation
            }
        }
        set {
            let v = newValue.flatMap { $0.isEmpty ? nil : $0 }
            switch q {
            case .ageBand: ageBand = v
            case .gender: gender = v
            case .ethnicity: ethnicity = v
            case .disability: disability = v
            case .religion: religion = v
            case .sexualOrientation: sexualOrientation = v
            }
        }
    }

    /// Whether no question has an answer.
    public var isEmpty: Bool {
        ageBand == nil && gender == nil && ethnicity == nil && disability == nil && religion == nil && sexualOrientation == nil
    }
}
