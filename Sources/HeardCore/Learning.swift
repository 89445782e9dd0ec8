/// What a closed complaint taught the service.
public struct LearningPoint: Hashable, Sendable {
    public var id: Int64?
    /// The case it came from (by reference), if any.
    public var caseReference: String?
    public var theme: String
    public var text: String
    public var date: LocalDate
    public var serviceArea: String

    public init(id: Int64? = nil, caseReference: String? = nil, theme: String, text: String, date: LocalDate, serviceArea: String = "") {
        self.id = id; self.caseReference = caseReference; self.theme = theme; self.text = text; self.date = date; self.serviceArea = serviceArea
    }
}

/// Where an action came from.
public enum ActionSource: Hashable, Sendable {
    case caseReference(String)
    case learningPoint(Int64)
    /// A meeting and, optionally, its resolution number.
    case meeting(String, resolution: String)

    /// The words lists show, e.g. "CS-2021-0042", "learning #12", "Corporate Parenting Board 2022-07-14, resolution 1".
    public var label: String {
        switch self {
        case .caseReference(let r): r
        case .learningPoint(let id): "learning #\(id)"
        case .meeting(let m, let r): r.isEmpty ? m : "\(m), resolution \(r)"
        }
    }
}

/// Where an action stands.
public enum ActionStatus: String, Vocabulary, Codable {
    case open
    case inProgress = "in_progress"
    case done
    case dropped
    public var label: String {
        switch self {
        case .open: "open"
        case .inProgress: "in progress"
        case .done: "done"
        case .dropped: "dropped"
        }
    }
    public var isOutstanding: Bool { self == .open || self == .inProgress }
}

/// A dated note of progress on an action.
public struct ProgressNote: Hashable, Sendable {
    /// Its key once saved (undo removes a note by it).
    public var id: Int64?
    public var date: LocalDate
    public var text: String
    public init(id: Int64? = nil, date: LocalDate, text: String) { self.id = id; self.date = date; self.text = text }
}

/// An action of the action plan.
public struct ActionItem: Hashable, Sendable {
    public var id: Int64?
    public var title: String
    public var detail: String
    public var owner: String
    public var serviceArea: String
    public var source: ActionSource?
    public var created: LocalDate
    /// Nil means "at the appropriate time": no date, but never forgotten.
    public var due: LocalDate?
    public var status: ActionStatus
    public var dropReason: String
    public var completed: LocalDate?
    public var tags: [String]
    public var notes: [ProgressNote]
    public var version: Int

    public init(id: Int64? = nil, title: String, detail: String = "", owner: String = "", serviceArea: String = "",
                source: ActionSource? = nil, created: LocalDate, due: LocalDate? = nil, status: ActionStatus = .open,
                dropReason: String = "", completed: LocalDate? = nil, tags: [String] = [], notes: [ProgressNote] = [], version: Int = 0) {
        self.id = id; self.title = title; self.detail = detail; self.owner = owner; self.serviceArea = serviceArea
        self.source = source; self.created = created; self.due = due; self.status = status; self.dropReason = dropReason
        self.completed = completed; self.tags = tags; self.notes = notes; self.version = version
    }

    public func isOverdue(today: LocalDate) -> Bool {
        guard status.isOutstanding, let d = due else { return false }
        return today > d
    }

    /// Checks the action is complete enough to save.
    public func validate() throws {
        if title.trimmingSpaces.isEmpty { throw MoveRefused("An action needs a title.") }
        // A plan's row, not a document (an attack saved a title of 130,000 characters and 15,000 tags).
        if title.count > ActionItem.longestTitle {
            throw MoveRefused("An action's title is at most \(ActionItem.longestTitle) characters (this one has \(title.count)): say the rest in a progress note.")
        }
        if owner.count > ActionItem.longestOwner { throw MoveRefused("An action's owner is at most \(ActionItem.longestOwner) characters: name a role or a person.") }
        if tags.count > ActionItem.mostTags || tags.contains(where: { $0.count > ActionItem.longestOwner }) {
            throw MoveRefused("An action has at most \(ActionItem.mostTags) tags, each at most \(ActionItem.longestOwner) characters.")
        }
        if status == .dropped && dropReason.trimmingSpaces.isEmpty { throw MoveRefused("Dropping an action needs a reason.") }
        if status == .done && completed == nil { throw MoveRefused("A done action needs its completion date.") }
        if let c = completed, c < created { throw MoveRefused("The completion date \(c.iso) is before the action was created on \(created.iso).") }
    }

    /// The longest title, owner (and tag), and the most tags an action takes.
    public static let longestTitle = 500, longestOwner = 100, mostTags = 30

    /// Outstanding actions in the order managers review them: overdue first (oldest due first),
    /// then due soon / later by due date, then undated ("at the appropriate time").
    public static func reviewOrder(_ a: ActionItem, _ b: ActionItem, today: LocalDate) -> Bool {
        func rank(_ x: ActionItem) -> Int {
            guard let d = x.due else { return 2 }
            return d < today ? 0 : 1
        }
        let ra = rank(a), rb = rank(b)
        if ra != rb { return ra < rb }
        if let da = a.due, let db = b.due, da != db { return da < db }
        if a.created != b.created { return a.created < b.created }
        return (a.id ?? 0) < (b.id ?? 0)
    }
}
