#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A closed vocabulary whose values are matched case-insensitively, ignoring surrounding spaces
/// and treating `_`, `-` and spaces alike (so `member_enquiry`, `Member Enquiry` both match).
public protocol Vocabulary: CaseIterable, Hashable, Sendable {
    /// The words shown to people and written to files.
    var label: String { get }
    /// Further spellings accepted on input.
    var aliases: [String] { get }
}

extension Vocabulary {
    public var aliases: [String] { [] }

    /// The value named by `text`, or nil.
    public init?(matching text: String) {
        let key = normaliseWord(text)
        guard !key.isEmpty, let c = VocabularyIndex.lookup(Self.self, key) else { return nil }
        self = c
    }

    /// The accepted labels, for messages.
    public static var labels: [String] { allCases.map(\.label) }
}

/// Each vocabulary's spellings, normalised once: an import matches several values per row.
enum VocabularyIndex {
    nonisolated(unsafe) private static var tables: [ObjectIdentifier: [String: Any]] = [:]
    private static let lock = NSLockish()

    static func lookup<V: Vocabulary>(_ type: V.Type, _ key: String) -> V? {
        lock.lock()
        defer { lock.unlock() }
        let id = ObjectIdentifier(type)
        if let t = tables[id] { return t[key] as? V }
        var t: [String: Any] = [:]
        for c in V.allCases {
            for spelling in [c.label] + c.aliases {
                let k = normaliseWord(spelling)
                if t[k] == nil { t[k] = c }
            }
        }
        tables[id] = t
        return t[key] as? V
    }
}

/// A minimal mutex over pthread (HeardCore stays free of Foundation).
final class NSLockish: @unchecked Sendable {
    private var m = pthread_mutex_t()
    init() { pthread_mutex_init(&m, nil) }
    deinit { pthread_mutex_destroy(&m) }
    func lock() { pthread_mutex_lock(&m) }
    func unlock() { pthread_mutex_unlock(&m) }
}

/// Lower-cased, trimmed, `_`/`-` as spaces, runs of spaces collapsed.
public func normaliseWord(_ text: String) -> String {
    // ASCII (nearly every value in a spreadsheet) by bytes: Unicode properties per character
    // cost more than the rest of an import row.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var ascii = true
    var lastSpace = true
    for b in text.utf8 {
        if b >= 128 { ascii = false; break }
        if b == 95 || b == 45 || b == 32 || (b >= 9 && b <= 13) {
            if !lastSpace { bytes.append(32) }
            lastSpace = true
        } else {
            bytes.append(b >= 65 && b <= 90 ? b + 32 : b)
            lastSpace = false
        }
    }
    if ascii {
        if bytes.last == 32 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
    var out = ""
    lastSpace = true
    for ch in text.lowercased() {
        if ch == "_" || ch == "-" || ch.isWhitespace {
            if !lastSpace { out.append(" ") }
            lastSpace = true
        } else {
            out.append(ch)
            lastSpace = false
        }
    }
    if out.hasSuffix(" ") { out.removeLast() }
    return out
}

/// The kinds of correspondence the team receives.
public enum ContactKind: String, Vocabulary, Codable {
    case complaint, compliment, enquiry
    case memberEnquiry = "member_enquiry"
    case comment
    /// The label with its article: "an enquiry", "a member enquiry".
    public var withArticle: String { ("aeiou".contains(label.first ?? "x") ? "an " : "a ") + label }
    public var label: String {
        switch self {
        case .complaint: "complaint"
        case .compliment: "compliment"
        case .enquiry: "enquiry"
        case .memberEnquiry: "member enquiry"
        case .comment: "comment"
        }
    }
    public var aliases: [String] {
        switch self {
        case .comment: ["representation", "comment / representation", "comment/representation"]
        case .memberEnquiry: ["mp enquiry", "councillor enquiry"]
        default: []
        }
    }
}

/// How a contact reached the team.
public enum Channel: String, Vocabulary, Codable {
    case email, phone, letter
    case webForm = "web_form"
    case inPerson = "in_person"
    case viaAdvocate = "via_advocate"
    public var label: String {
        switch self {
        case .email: "email"
        case .phone: "phone"
        case .letter: "letter"
        case .webForm: "web form"
        case .inPerson: "in person"
        case .viaAdvocate: "via advocate"
        }
    }
    public var aliases: [String] {
        switch self {
        case .email: ["e-mail"]
        case .phone: ["telephone"]
        case .webForm: ["web", "online", "webform"]
        case .viaAdvocate: ["advocate"]
        default: []
        }
    }
}

/// Who complained, by statutory route.
public enum ComplainantRole: String, Vocabulary, Codable {
    case childOrYoungPerson = "child_or_young_person"
    case careLeaver = "care_leaver"
    case parent
    case parentalResponsibility = "parental_responsibility"
    case fosterCarer = "foster_carer"
    case specialGuardian = "special_guardian"
    case adopter
    case relative
    case advocate
    case professional
    case sufficientInterest = "sufficient_interest"
    public var label: String {
        switch self {
        case .childOrYoungPerson: "child or young person"
        case .careLeaver: "care leaver"
        case .parent: "parent"
        case .parentalResponsibility: "other person with parental responsibility"
        case .fosterCarer: "foster carer"
        case .specialGuardian: "special guardian"
        case .adopter: "adopter"
        case .relative: "relative"
        case .advocate: "advocate"
        case .professional: "professional"
        case .sufficientInterest: "other with sufficient interest"
        }
    }
    public var aliases: [String] {
        switch self {
        case .childOrYoungPerson: ["child", "young person", "c&yp", "cyp"]
        case .parentalResponsibility: ["parental responsibility", "person with parental responsibility"]
        case .adopter: ["prospective adopter", "adopter/prospective adopter"]
        case .advocate: ["advocate on someone's behalf"]
        case .sufficientInterest: ["sufficient interest", "other"]
        default: []
        }
    }
    /// Roles whose standing to complain needs a recorded decision.
    public var needsStandingDecision: Bool { self == .sufficientInterest }
}

/// A stage finding on one issue.
public enum Finding: String, Vocabulary, Codable {
    case upheld
    case partiallyUpheld = "partially_upheld"
    case notUpheld = "not_upheld"
    public var label: String {
        switch self {
        case .upheld: "upheld"
        case .partiallyUpheld: "partially upheld"
        case .notUpheld: "not upheld"
        }
    }
    public var aliases: [String] {
        switch self {
        case .partiallyUpheld: ["partial", "partly upheld", "partial upheld", "partially"]
        case .notUpheld: ["not", "rejected"]
        default: []
        }
    }
}

/// How a stage ended.
public enum StageOutcome: String, Vocabulary, Codable {
    case upheld
    case partiallyUpheld = "partially_upheld"
    case notUpheld = "not_upheld"
    case withdrawn
    case mediation
    public var label: String {
        switch self {
        case .upheld: "upheld"
        case .partiallyUpheld: "partially upheld"
        case .notUpheld: "not upheld"
        case .withdrawn: "withdrawn"
        case .mediation: "mediation"
        }
    }
    public var aliases: [String] {
        switch self {
        case .partiallyUpheld: ["partial", "partly upheld", "partial upheld", "partially"]
        case .mediation: ["resolved by mediation"]
        default: []
        }
    }
    public init(_ f: Finding) {
        switch f {
        case .upheld: self = .upheld
        case .partiallyUpheld: self = .partiallyUpheld
        case .notUpheld: self = .notUpheld
        }
    }

    /// The stage outcome that follows from its issues' findings: all upheld, upheld; none
    /// upheld, not upheld; anything else, partially upheld. Nil when there are no findings.
    public static func derived(from findings: [Finding]) -> StageOutcome? {
        guard !findings.isEmpty else { return nil }
        if findings.allSatisfy({ $0 == .upheld }) { return .upheld }
        if findings.allSatisfy({ $0 == .notUpheld }) { return .notUpheld }
        return .partiallyUpheld
    }
}

/// The Ombudsman's decision on a referral.
public enum OmbudsmanDecision: String, Vocabulary, Codable {
    case upheld
    case notUpheld = "not_upheld"
    case closedAfterInitialEnquiries = "closed_after_initial_enquiries"
    case premature
    public var label: String {
        switch self {
        case .upheld: "upheld"
        case .notUpheld: "not upheld"
        case .closedAfterInitialEnquiries: "closed after initial enquiries"
        case .premature: "premature"
        }
    }
    public var aliases: [String] {
        switch self {
        case .closedAfterInitialEnquiries: ["closed", "initial enquiries"]
        default: []
        }
    }
}

/// What the council did to put things right.
public enum RemedyKind: String, Vocabulary, Codable {
    case apology, payment
    case serviceChange = "service_change"
    case other
    public var label: String {
        switch self {
        case .apology: "apology"
        case .payment: "payment"
        case .serviceChange: "service change"
        case .other: "other"
        }
    }
}

/// Yes or no, as typed in spreadsheets.
public enum YesNo {
    public static func parse(_ text: String) -> Bool? {
        switch normaliseWord(text) {
        case "yes", "y", "true", "1": return true
        case "no", "n", "false", "0": return false
        default: return nil
        }
    }
}
