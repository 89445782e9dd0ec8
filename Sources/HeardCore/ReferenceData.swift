/// The configurable lists a council keeps: service areas, issue categories, learning themes.
public struct ReferenceData: Sendable, Equatable {
    public var serviceAreas: [String] { didSet { areaIndex = ReferenceData.index(serviceAreas) } }
    public var categories: [String] { didSet { categoryIndex = ReferenceData.index(categories) } }
    /// Identifies the category list so past reports stay reproducible when it changes.
    public var categoryVersion: Int
    public var learningThemes: [String] { didSet { themeIndex = ReferenceData.index(learningThemes) } }
    // Normalised spellings to the configured ones: matched once per value of every import row.
    private var areaIndex: [String: String] = [:]
    private var categoryIndex: [String: String] = [:]
    private var themeIndex: [String: String] = [:]

    static func index(_ list: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for v in list { let k = normaliseWord(v); if out[k] == nil { out[k] = v } }
        return out
    }

    public init(serviceAreas: [String] = ReferenceData.defaultServiceAreas,
                categories: [String] = ReferenceData.defaultCategories,
                categoryVersion: Int = 1,
                learningThemes: [String] = ReferenceData.defaultLearningThemes) {
        self.serviceAreas = serviceAreas; self.categories = categories
        self.categoryVersion = categoryVersion; self.learningThemes = learningThemes
        areaIndex = ReferenceData.index(serviceAreas)
        categoryIndex = ReferenceData.index(categories)
        themeIndex = ReferenceData.index(learningThemes)
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
    public func serviceArea(matching text: String) -> String? { areaIndex[normaliseWord(text)] }

    /// The configured spelling of a category; also accepts the first word(s) before " or "/" and "
    /// and the bracketed forms DOMAIN.md uses ("financial (payments, allowances)").
    public func category(matching text: String) -> String? {
        let key = normaliseWord(text)
        if let c = categoryIndex[key] { return c }
        if let target = ReferenceData.categoryAliases[key] { return categoryIndex[target] }
        return nil
    }

    /// Short and bracketed forms of the default categories that spreadsheets use.
    static let categoryAliases: [String: String] = [
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

    public func learningTheme(matching text: String) -> String? { themeIndex[normaliseWord(text)] }

    static func match(_ text: String, in list: [String]) -> String? {
        let key = normaliseWord(text)
        guard !key.isEmpty else { return nil }
        return list.first { normaliseWord($0) == key }
    }
}
