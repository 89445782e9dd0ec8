/// The configurable lists a council keeps: service areas, issue categories, learning themes.
public struct ReferenceData: Sendable, Equatable {
    public var serviceAreas: [String]
    public var categories: [String]
    /// Identifies the category list so past reports stay reproducible when it changes.
    public var categoryVersion: Int
    public var learningThemes: [String]

    public init(serviceAreas: [String] = ReferenceData.defaultServiceAreas,
                categories: [String] = ReferenceData.defaultCategories,
                categoryVersion: Int = 1,
                learningThemes: [String] = ReferenceData.defaultLearningThemes) {
        self.serviceAreas = serviceAreas; self.categories = categories
        self.categoryVersion = categoryVersion; self.learningThemes = learningThemes
    }

    public static let `default` = ReferenceData()

    public static let defaultServiceAreas = [
        "Care Leavers", "Children Looked After", "Fostering Service", "Family Support and Child Protection",
        "Disabled Children", "Adoption", "Early Help", "Youth Justice", "Residential", "Independent Reviewing Officers",
    ]

    public static let defaultCategories = [
        "communication and information", "delay or timeliness", "quality or standard of service",
        "staff attitude or conduct", "disagreement with a decision or assessment",
        "failure to provide or withdrawal of a service", "accuracy of records", "policy or procedure not followed",
        "financial", "contact arrangements", "placement", "data protection or information sharing", "other",
    ]

    public static let defaultLearningThemes = [
        "information sharing", "implementation of new policies", "timeliness of decisions", "effective communication",
    ]

    /// The configured spelling of a service area, matched case-insensitively.
    public func serviceArea(matching text: String) -> String? { Self.match(text, in: serviceAreas) }

    /// The configured spelling of a category; also accepts the first word(s) before " or "/" and "
    /// and the bracketed forms DOMAIN.md uses ("financial (payments, allowances)").
    public func category(matching text: String) -> String? {
        if let c = Self.match(text, in: categories) { return c }
        let key = normaliseWord(text)
        let aliases: [String: String] = [
            "communication": "communication and information",
            "delay": "delay or timeliness", "timeliness": "delay or timeliness",
            "quality of service": "quality or standard of service", "quality": "quality or standard of service",
            "staff attitude": "staff attitude or conduct", "staff conduct": "staff attitude or conduct",
            "disagreement with a decision": "disagreement with a decision or assessment",
            "failure to provide a service": "failure to provide or withdrawal of a service",
            "financial (payments, allowances)": "financial", "payments": "financial",
            "contact arrangements (family time)": "contact arrangements", "family time": "contact arrangements",
            "data protection": "data protection or information sharing", "information sharing": "data protection or information sharing",
        ]
        if let target = aliases[key] { return Self.match(target, in: categories) }
        return nil
    }

    public func learningTheme(matching text: String) -> String? { Self.match(text, in: learningThemes) }

    static func match(_ text: String, in list: [String]) -> String? {
        let key = normaliseWord(text)
        guard !key.isEmpty else { return nil }
        return list.first { normaliseWord($0) == key }
    }
}
