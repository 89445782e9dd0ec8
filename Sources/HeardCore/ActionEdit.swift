/// An edit of an action's title, owner, due date, tags and service area, as typed in the
/// action plan's form or given to `heard action edit`: one definition of what each means.
public struct ActionEdit: Equatable, Sendable {
    /// Each is nil when left as it is; an empty `due` means "at the appropriate time" (no date).
    public var title: String?
    public var owner: String?
    public var due: String?
    public var tags: String?
    public var serviceArea: String?

    public init(title: String? = nil, owner: String? = nil, due: String? = nil, tags: String? = nil, serviceArea: String? = nil) {
        self.title = title; self.owner = owner; self.due = due; self.tags = tags; self.serviceArea = serviceArea
    }

    /// A problem with one field of the edit (`field` is the form's key: title, owner, due, tags, service_area).
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var field: String
        public var message: String
        public var description: String { "\(field): \(message)" }
    }

    /// The action with the edit applied, or the first problem with it.
    public func applied(to item: ActionItem, today: LocalDate, calendar: WorkingDayCalendar,
                        reference: ReferenceData) -> Result<ActionItem, Problem> {
        var a = item
        func clean(_ s: String) -> String { TextSanitiser.clean(s, allowLineBreaks: false).0.trimmingSpaces }
        if let t = title {
            a.title = clean(t)
            if a.title.isEmpty { return .failure(Problem(field: "title", message: "an action needs a title")) }
        }
        if let o = owner {
            a.owner = clean(o)
            // Clearing the owner would leave an action nobody answers for.
            if a.owner.isEmpty { return .failure(Problem(field: "owner", message: "an action needs an owner")) }
        }
        if let d = due {
            if d.trimmingSpaces.isEmpty { a.due = nil } else {
                switch DateInput.parse(d, today: today, calendar: calendar) {
                case .success(let date): a.due = date
                case .failure(let e): return .failure(Problem(field: "due", message: e.description))
                }
            }
        }
        if let t = tags { a.tags = ActionEdit.tags(t) }
        if let area = serviceArea {
            if area.trimmingSpaces.isEmpty { a.serviceArea = "" } else {
                guard let known = reference.serviceArea(matching: area) else {
                    return .failure(Problem(field: "service_area", message: "'\(clean(area))' is not a service area: \(reference.serviceAreas.prefix(6).joined(separator: ", "))…"))
                }
                a.serviceArea = known
            }
        }
        do { try a.validate() } catch { return .failure(Problem(field: "title", message: "\(error)")) }
        return .success(a)
    }

    /// Tags as typed: `#board #voice`, `board, voice` or `board voice`; each once, whatever its
    /// case (`#Board #board` is one tag, spelt as first typed), as the quick-entry line has it.
    public static func tags(_ text: String) -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }) {
            var t = Substring(word)
            while t.first == "#" { t = t.dropFirst() }
            let tag = TextSanitiser.clean(String(t), allowLineBreaks: false).0.trimmingSpaces
            if !tag.isEmpty && seen.insert(tag.lowercased()).inserted { out.append(tag) }
        }
        return out
    }
}
