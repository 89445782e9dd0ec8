/// Anonymisation that keeps the figures (DOMAIN.md, Data protection): which of a case's fields
/// are personal and go, and which are statistical and stay, so that every report, public or
/// not, gives the same figures after disposal as before.
///
/// Personal: names (complainant, subject child, advocate, stage 2's and 3's people), contact
/// details, the child's social care ID and date of birth, the relationship to the child, and
/// every free text (summary, acceptance decision, issue details and findings in words, event
/// reasons, the contact log's who and note, letters' text, documents).
/// Statistical, kept: kind, dates, channel, service area, team, procedure, role, the C&YP flag,
/// whether there was an advocate, categories, verdicts, outcomes, satisfaction, timeliness (the
/// events' dates and kinds), Ombudsman decisions, remedies and payments, the officer (staff,
/// not the subject of the record), the preferred way of contact and authority checks (no one
/// is identified by them), and the equality monitoring answers: banded answers the report's
/// `complaints.equality` counts, which identify no one once the names are gone.
public enum Anonymisation {
    /// What a personal text that was not empty reads after anonymisation. Not empty, so that
    /// what emptiness means stays true: "had an advocate" (the C&YP figures count it), "the
    /// extension had a reason".
    public static let placeholder = "(anonymised)"

    /// `text` with its content removed: empty stays empty, anything else is the placeholder.
    public static func mask(_ text: String) -> String { text.isEmpty ? "" : placeholder }

    /// Why a case may not be anonymised yet, or nil when it may: a case that has not ended (a
    /// stage clock running or paused, or a stage answered while the complainant may still ask
    /// for the next one) is a live complaint, and anonymising it would destroy the record the
    /// team still has to answer. So is a case referred to the Ombudsman whose decision is not
    /// recorded yet: anonymised, it would take the decision never (an attack), and the reports
    /// would count its referral for ever without one. `clock` is the case's clock on the day of
    /// the request.
    public static func notEndedRefusal(reference: String, clock: CaseClock) -> String? {
        if !clock.status.isActive {
            guard clock.awaitsOmbudsman, let referred = clock.ombudsman.referred else { return nil }
            return "\(reference) is with the Ombudsman (referred \(referred.iso), no decision recorded yet); anonymise it once the decision is recorded."
        }
        let stage = clock.current.map { "stage \($0.number)" }
        var state: String
        switch clock.status {
        case .open:
            if let due = clock.due { state = [stage, "due \(due.iso)"].compactMap { $0 }.joined(separator: ", ") }
            else { state = [stage, clock.isPaused ? "paused" : nil].compactMap { $0 }.joined(separator: ", ") }
        default:
            state = [stage.map { $0 + " answered" }, "it may still go to the next stage"].compactMap { $0 }.joined(separator: "; ")
        }
        return "\(reference) is still open" + (state.isEmpty ? "" : " (\(state))") + "; anonymise it once it has ended."
    }

    /// The case with every personal field removed and every statistical one as it was.
    public static func anonymised(_ c: Contact) -> Contact {
        var out = c
        out.complainantName = mask(c.complainantName)
        out.advocate = mask(c.advocate)
        out.subjectChild = mask(c.subjectChild)
        out.summary = mask(c.summary)
        out.acceptanceDecision = mask(c.acceptanceDecision)
        out.issues = c.issues.map { i in
            var i = i
            i.detail = mask(i.detail)
            i.findingTexts = i.findingTexts.mapValues(mask)
            return i
        }
        out.events = c.events.map { e in
            var e = e
            e.reason = mask(e.reason)
            return e
        }
        out.stagePeople = StagePeople(investigatingOfficer: mask(c.stagePeople.investigatingOfficer),
                                      independentPerson: mask(c.stagePeople.independentPerson),
                                      panel: c.stagePeople.panel.map(mask), panelDate: c.stagePeople.panelDate)
        if c.hasPeople {
            var p = c.people
            p.complainant.address = ""
            p.complainant.phone = ""
            p.complainant.email = ""
            p.complainant.relationship = mask(p.complainant.relationship)
            p.child.socialCareID = mask(p.child.socialCareID)
            p.child.dateOfBirth = nil
            out.people = p
        }
        return out
    }

    /// The fields of each audited entity that are statistical and keep their values in the
    /// audit trail; every other field of a case's audit rows is personal (or unknown, which is
    /// treated as personal) and its values become the placeholder.
    public static let keptAuditFields: [String: Set<String>] = [
        "contact": Set(["reference", "kind", "received", "channel", "service_area", "team", "procedure", "complainant_role",
                        "child_or_young_person", "officer", "events_date", "legal_hold", "source", "status",
                        PeopleField.preferredContact, PeopleField.authorityChecked, PeopleField.authorityCheckedOn,
                        "anonymised_on"] + PeopleField.equalityColumns),
        "issue": ["category", "finding1", "finding2", "finding3", "position"],
        "event": ["kind", "date", "stage", "new_due", "outcome", "satisfied", "ombudsman_decision", "remedy", "amount_pence"],
        "contact_log": ["direction", "kind", "at", "recorded_by"],
        "letter": ["template", "stage", "sent", "format", "recorded_by"],
        "document": ["size", "type", "added", "added_by"],
        "stage_people": ["panel_date"],
        // Learning points and actions are the team's own words about its practice, kept with
        // the learning table itself (the report's learning themes and the action plan).
        "learning": ["theme", "text", "date", "service_area"],
    ]

    /// Whether `field` of an audit row about `entity` keeps its values.
    public static func keepsAuditField(entity: AuditEntity, field: String) -> Bool {
        if case .action = entity { return true }
        if case .note = entity { return true }
        return keptAuditFields[entity.stored]?.contains(field) ?? false
    }

    /// An audit row's changes with the values of every personal field replaced by the
    /// placeholder: who, when and which field stay, and so does a value that was absent.
    public static func redacted(_ changes: [FieldChange], entity: AuditEntity) -> [FieldChange] {
        changes.map { c in
            guard !keepsAuditField(entity: entity, field: c.field) else { return c }
            return FieldChange(c.field, before: c.before.map(mask), after: c.after.map(mask))
        }
    }
}
