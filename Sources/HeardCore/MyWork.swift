/// What is due from one officer as of today ("my work", `M`, `heard digest`): every upcoming
/// deadline of each of their active cases, the cases ordered by their next one, and their
/// outstanding actions that are overdue or due soon. Pure: the cases, letters and actions come
/// in, today and the calendar are parameters.
public struct MyWork: Hashable, Sendable {
    /// The officer, as asked for.
    public var officer: String
    public var today: LocalDate
    /// Working days ahead that are shown (overdue is always shown); nil: everything.
    public var within: Int?
    /// The officer's cases with something due, by their next item (overdue first, then
    /// soonest; ties by reference).
    public var cases: [MyWorkCase]
    /// The officer's outstanding actions that are overdue or due within the window, review order.
    public var actions: [DueAction]
    /// The officer's open subject access requests, soonest due first: every open one, whatever
    /// the window; added by `withRequests` (MyWork+SubjectAccess.swift).
    public var requests: [DueRequest] = []

    /// The window `heard digest` and `M` use when none is given: two working weeks.
    public static let defaultWithin = 10

    /// Nothing is due: no case item and no action.
    public var isEmpty: Bool { cases.isEmpty && actions.isEmpty && requests.isEmpty }

    /// Every case item, case by case in the cases' order.
    public var items: [DueItem] { cases.flatMap(\.items) }
}

/// What kind of deadline an item is.
public enum DueKind: Hashable, Sendable {
    /// The stage is not acknowledged yet.
    case acknowledgement
    /// The stage's response (the extended date when extended).
    case response
    /// The complainant's window to ask for the next stage ends (the case then closes).
    case windowEnds
    /// A letter the stage needs and has not sent (`LetterNeed`), by template name.
    case letter(String)

    /// Letters are listed apart on the screen.
    public var isLetter: Bool { if case .letter = self { return true }; return false }

    /// Within one day on one case: the move before its letter, the window last.
    var rank: Int {
        switch self {
        case .acknowledgement: 0
        case .response: 1
        case .letter: 2
        case .windowEnds: 3
        }
    }
}

/// One deadline on one case.
public struct DueItem: Hashable, Sendable {
    public var contactID: Int64?
    public var reference: String
    public var serviceArea: String
    public var kind: DueKind
    /// The stage it is for; nil for contacts without stages.
    public var stage: Int?
    /// When it is due.
    public var date: LocalDate
    /// Working days from today to `date`: 0 due today, negative overdue by that many.
    public var daysLeft: Int
    /// The date is past (a paused clock's response is never overdue: its date moves).
    public var isOverdue: Bool
    /// The stage's clock is paused (the response date will move).
    public var paused: Bool
    /// The response date is an extended one.
    public var extended: Bool

    public init(contactID: Int64?, reference: String, serviceArea: String, kind: DueKind, stage: Int?, date: LocalDate,
                daysLeft: Int, isOverdue: Bool, paused: Bool = false, extended: Bool = false) {
        self.contactID = contactID; self.reference = reference; self.serviceArea = serviceArea; self.kind = kind
        self.stage = stage; self.date = date; self.daysLeft = daysLeft; self.isOverdue = isOverdue
        self.paused = paused; self.extended = extended
    }

    /// What is due, in a few words: "stage 1 acknowledgement", "stage 2 response (extended)",
    /// "extension notice letter", "escalation window ends".
    public var what: String {
        let stageWords = stage.map { "stage \($0) " } ?? ""
        switch kind {
        case .acknowledgement: return stageWords + "acknowledgement"
        case .response: return stageWords + "response" + (extended ? " (extended)" : "") + (paused ? " (clock paused)" : "")
        case .windowEnds: return "escalation window ends"
        case .letter(let name): return LetterCatalogue.title(name).lowercased() + " letter"
        }
    }

    /// Order: overdue first, then by date; a day's items by kind.
    static func precedes(_ a: DueItem, _ b: DueItem) -> Bool {
        if a.isOverdue != b.isOverdue { return a.isOverdue }
        if a.date != b.date { return a.date < b.date }
        if a.kind.rank != b.kind.rank { return a.kind.rank < b.kind.rank }
        return a.what < b.what
    }
}

/// One of the officer's cases and what is due on it, soonest first.
public struct MyWorkCase: Hashable, Sendable {
    public var contactID: Int64?
    public var reference: String
    public var serviceArea: String
    /// Never empty: a case with nothing due is not listed.
    public var items: [DueItem]

    /// The case's next deadline.
    public var next: DueItem? { items.first }

    /// Cases by their next item: overdue first, then soonest; ties by reference.
    static func precedes(_ a: MyWorkCase, _ b: MyWorkCase) -> Bool {
        if let x = a.next, let y = b.next {
            if x.isOverdue != y.isOverdue { return x.isOverdue }
            if x.date != y.date { return x.date < y.date }
        }
        return a.reference < b.reference
    }
}

/// One of the officer's outstanding actions, with its due date's distance.
public struct DueAction: Hashable, Sendable {
    public var action: ActionItem
    /// Working days to its due date (negative: overdue by).
    public var daysLeft: Int
    public var isOverdue: Bool
    /// Its due date (kept out of the optional for the lists: actions without one are not listed).
    public var date: LocalDate
}

/// A case as the computation needs it: the contact with its events and issues, and the
/// letters recorded as sent on it (bodies not needed).
public struct MyWorkCaseInput: Sendable {
    public var contact: Contact
    public var letters: [LetterSent]
    public init(contact: Contact, letters: [LetterSent] = []) { self.contact = contact; self.letters = letters }
}

extension MyWork {
    /// What to do when no one is "me": the screen says it, `heard digest` adds `--officer`.
    public static let noOfficerMessage = "no officer named: add officer = \"Your Name\" to config.toml to see your work"
}
