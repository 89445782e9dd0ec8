import HeardCore
import TerminalUI

/// Quick entry of a contact (`n`) and editing of one (`e`): the same form, fields in the order
/// a meeting gives them, choices carried over from the previous entry.
enum QuickEntry {
    static let carried = ["kind", "received", "channel", "service_area", "team", "procedure", "officer", "complainant_role", "advocate"]

    static func form(_ s: ScreenContext, editing c: Contact? = nil) -> FormState {
        let last = s.lastEntry
        func v(_ key: String, _ fallback: String) -> String { c == nil ? (last[key] ?? fallback) : fallback }
        var fields: [FormField] = [
            FormField("kind", "Kind", .choice(ContactKind.allCases.map(\.label)), value: v("kind", c?.kind.label ?? "complaint"), required: true),
            FormField("received", "Received", .date, value: v("received", c?.received.iso ?? "today"), required: true),
            FormField("complainant_name", "Complainant", .suggest("person"), value: c?.complainantName ?? ""),
            FormField("service_area", "Service area", .choice(s.reference.serviceAreas), value: v("service_area", c?.serviceArea ?? ""), required: true),
            FormField("categories", "Categories", .multiChoice(s.reference.categories), value: c?.categories.joined(separator: "; ") ?? ""),
            FormField("summary", "Summary", .longText, value: c?.summary ?? ""),
            FormField("channel", "Channel", .choice(Channel.allCases.map(\.label)), value: v("channel", c?.channel?.label ?? "")),
            FormField("complainant_role", "Role", .choice(ComplainantRole.allCases.map(\.label)), value: v("complainant_role", c?.complainantRole?.label ?? "")),
            FormField("child_or_young_person", "Child/young person", .choice(["no", "yes"]), value: c.map { $0.isChildOrYoungPerson ? "yes" : "no" } ?? "no"),
            FormField("advocate", "Advocate", .suggest("advocate"), value: v("advocate", c?.advocate ?? "")),
            FormField("subject_child", "Subject child", .suggest("person"), value: c?.subjectChild ?? ""),
            FormField("team", "Team", .suggest("team"), value: v("team", c?.team ?? "")),
            FormField("procedure", "Procedure", .choice(ProcedureKind.allCases.map(\.label)), value: v("procedure", c?.procedure?.rawValue ?? "statutory")),
            FormField("officer", "Officer", .suggest("officer"), value: v("officer", c?.officer ?? s.officer)),
            FormField("events_date", "Events complained of", .date, value: c?.eventsDate?.iso ?? ""),
            FormField("acceptance_decision", "Acceptance decision", .longText, value: c?.acceptanceDecision ?? ""),
        ] + PeopleForm.fields(c)
        if c == nil {
            // The new-contact form silently reused the last contact's choices: say which are.
            for i in fields.indices where carried.contains(fields[i].key) && last[fields[i].key].map({ !$0.isEmpty }) == true {
                fields[i].carried = true
            }
        }
        var sources = s.sources
        // The configured officer (the default of new contacts) is known even before a case names them.
        if !s.officer.isEmpty, !(sources["officer"] ?? []).contains(s.officer) { sources["officer", default: []].append(s.officer) }
        var f = FormState(title: c.map { "Edit \($0.reference)" } ?? "New contact", fields: fields, sources: sources)
        refresh(&f)
        if c != nil { f.focus(on: "complainant_name") }
        return f
    }

    /// Shows the complaint-only fields for complaints.
    static func refresh(_ f: inout FormState) {
        let isComplaint = ContactKind(matching: f["kind"]) == .complaint || f["kind"].isEmpty
        for key in ["categories", "procedure", "events_date", "acceptance_decision"] { f.setHidden(key, !isComplaint) }
    }

    /// The contact the form describes, or nil with each problem shown beside its field.
    static func contact(from f: inout FormState, base: Contact?, s: ScreenContext) -> Contact? {
        // Every problem is marked at once, not one per Enter: the closed lists, then the dates
        // and the rules of a contact.
        let listsValid = f.validateAll()
        var problems: [(String, String)] = []
        let kind = ContactKind(matching: f["kind"]) ?? .complaint
        var received = s.today
        switch DateInput.parse(f["received"], today: s.today, calendar: s.calendar) {
        case .success(let d): received = d
        case .failure(let e): problems.append(("received", e.description))
        }
        var eventsDate: LocalDate?
        if !f["events_date"].isEmpty && kind == .complaint {
            switch DateInput.parse(f["events_date"], today: s.today, calendar: s.calendar) {
            case .success(let d): eventsDate = d
            case .failure(let e): problems.append(("events_date", e.description))
            }
        }
        var issues: [ComplaintIssue] = []
        if kind == .complaint {
            let existing = base?.issues ?? []
            for part in f["categories"].split(separator: ";") {
                guard let cat = s.reference.category(matching: String(part)) else { continue }
                if !issues.contains(where: { $0.category == cat }) {
                    issues.append(existing.first { $0.category == cat } ?? ComplaintIssue(category: cat))
                }
            }
        }
        var c = base ?? Contact(kind: kind, received: received, serviceArea: "")
        c.kind = kind
        c.received = received
        c.channel = Channel(matching: f["channel"])
        c.serviceArea = s.reference.serviceArea(matching: f["service_area"]) ?? f["service_area"]
        c.team = clean(f["team"])
        c.procedure = kind == .complaint ? (ProcedureKind(matching: f["procedure"]) ?? .statutory) : nil
        c.complainantName = clean(f["complainant_name"])
        c.complainantRole = ComplainantRole(matching: f["complainant_role"])
        c.isChildOrYoungPerson = YesNo.parse(f["child_or_young_person"]) ?? false
        c.advocate = clean(f["advocate"])
        c.subjectChild = clean(f["subject_child"])
        c.summary = clean(f["summary"], lines: true)
        c.officer = clean(f["officer"])
        c.eventsDate = eventsDate
        c.acceptanceDecision = clean(f["acceptance_decision"], lines: true)
        if base == nil || kind == .complaint { c.issues = issues }
        problems += PeopleForm.apply(f, to: &c, today: s.today, calendar: s.calendar)
        for p in c.validationProblems(reference: s.reference, rules: s.rules, today: s.today) {
            problems.append((p.field == "categories" ? "categories" : p.field, p.message))
        }
        guard listsValid && problems.isEmpty else {
            // A field's first problem stays beside it (a list's own before the rules').
            for (k, m) in problems where f.fields.first(where: { $0.key == k })?.error == nil { f.setError(k, m) }
            // A rule about no field of the form is said on the problem line.
            if let loose = problems.first(where: { p in !f.fields.contains { $0.key == p.0 && !$0.hidden } }) {
                f.problem = "\(label(loose.0, in: f)): \(loose.1)"
            }
            // The first invalid field, in the form's order, is where the cursor goes; the
            // bottom line says its problem in full.
            if let first = f.fields.indices.first(where: { !f.fields[$0].hidden && f.fields[$0].error != nil }) {
                f.focus = first
                f.fresh = true
            }
            return nil
        }
        return c
    }

    static func label(_ key: String, in f: FormState) -> String { f.fields.first { $0.key == key }?.label ?? key }

    /// Typed text without control characters.
    static func clean(_ s: String, lines: Bool = false) -> String { TextSanitiser.clean(s, allowLineBreaks: lines).0.trimmingSpaces }

    /// The choices the next form starts with.
    static func remember(_ f: FormState) -> [String: String] {
        var out: [String: String] = [:]
        for k in carried { out[k] = f[k] }
        return out
    }
}
