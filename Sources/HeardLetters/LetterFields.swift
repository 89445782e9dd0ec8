import HeardCore

/// The fields a letter template may use: the Mustache context for one case, at one stage, on one
/// day. Every value is text (dates as "4 March 2022"), a list, or a yes/no for `{{#has_…}}`
/// sections; a field with nothing to say is empty text, an empty list or false, never missing.
///
/// | Field | What it holds |
/// |---|---|
/// | `reference` | the case reference, `CS-2022-0039` |
/// | `today`, `today_iso` | the letter's date, `4 March 2022`, and as `2022-03-04` |
/// | `complainant_name` | as recorded; `salutation` "Dear Mrs Patel" (else "Dear Sir or Madam"), `closing` "Yours sincerely" / "Yours faithfully" |
/// | `complainant_address` | a list of lines: the address recorded with the case's people (or `extras["complainant_address"]`), split at line breaks and commas; `has_complainant_address` |
/// | `child`, `has_child` | the subject child's name |
/// | `advocate`, `has_advocate` | the advocate supporting the complainant; `advocate_named` as running text says it ("the Children's Rights Team") |
/// | `service_area`, `team`, `officer`, `summary`, `received`, `kind` | the case's fields; `received` as a date; `has_team`, `has_officer` |
/// | `is_enquiry`, `is_member_enquiry`, `is_complaint` | the kind of case, for wording a letter shared by kinds |
/// | `stage_number`, `stage_name` | the stage the letter is for: `1`, `Local resolution` |
/// | `stage_started`, `acknowledged`, `acknowledgement_due`, `due_date`, `responded` | that stage's dates (empty when none); `due_passed` when the stage is running and `due_date` is before the letter's date |
/// | `outcome`, `has_outcome` | the stage's outcome in words (`partially upheld`), from the response or the findings |
/// | `has_extension`, `extension_date`, `extension_new_date`, `extension_reason` | the stage's latest extension |
/// | `issues` | list, each: `number`, `category`, `category_title` (its first letter capitalised), `detail`, `has_detail`, `verdict` (`upheld`, `not upheld`…, empty when none), `has_verdict`, `finding_text` (at the letter's stage), `has_finding_text`; `has_issues` |
/// | `remedies` | list of the stage's remedies, each: `kind` (`Apology`, `Payment`, `Service change`, `Other`), `amount` (`£250.00`, empty when none), `has_amount`, `text`, `has_text`; `has_remedies` |
/// | `has_next_stage`, `next_stage_number`, `next_stage_name` | the stage the complainant may ask for next |
/// | `escalation_days` | working days to ask for the next stage (20) |
/// | `escalation_ends` | the last day to ask: that many working days after the response (or after `due_date` before there is one) |
/// | `not_accepted_reason`, `closed_on` | why a complaint was not accepted, and when the case closed |
/// | `investigating_officer`, `has_investigating_officer`, `independent_person`, `has_independent_person` | stage 2's people |
/// | `panel` (list of names), `has_panel`, `panel_date`, `has_panel_date`, `panel_met` (the panel date is on or before the letter's date) | stage 3's review panel |
/// | `ombudsman_name`, `ombudsman_address` (list), `ombudsman_phone`, `ombudsman_website` | from `[letters]`, else the LGSCO's |
/// | `council_name`, `letterhead` (list), `team_name`, `council_address` (list), `council_phone`, `council_email`, `has_council_phone`, `has_council_email` | from `[letters]` |
/// | `signatory_name`, `has_signatory_name`, `signatory_title` | who signs |
///
/// `extras` adds or replaces text fields, each with its `has_NAME` (e.g. `reply` for the
/// enquiry reply's answer; `complainant_address` becomes the list of lines).
public enum LetterFields {
    /// The context for `record`'s letter about stage `stage` (default: the current stage).
    public static func make(record: CaseRecord, settings: LetterSettings, today: LocalDate, stage: Int? = nil,
                            extras: [String: String] = [:]) -> [String: Any] {
        let c = record.contact
        let k = record.clock
        let s = stage.flatMap { n in k.stages.first { $0.number == n } } ?? k.current
        let n = s?.number ?? stage ?? 1
        var f: [String: Any] = [:]
        f["reference"] = c.reference
        f["today"] = date(today)
        f["today_iso"] = today.iso
        let name = c.complainantName.trimmingSpaces
        f["complainant_name"] = name
        f["salutation"] = name.isEmpty ? "Dear Sir or Madam" : "Dear " + name
        f["closing"] = name.isEmpty ? "Yours faithfully" : "Yours sincerely"
        let address = addressLines(extras["complainant_address"] ?? c.people.complainant.address)
        f["complainant_address"] = address
        f["has_complainant_address"] = !address.isEmpty
        f["child"] = c.subjectChild
        f["has_child"] = !c.subjectChild.trimmingSpaces.isEmpty
        f["advocate"] = c.advocate
        f["has_advocate"] = c.hasAdvocate
        f["advocate_named"] = advocateNamed(c.advocate)
        f["service_area"] = c.serviceArea
        f["team"] = c.team
        f["has_team"] = !c.team.trimmingSpaces.isEmpty
        f["officer"] = c.officer
        f["has_officer"] = !c.officer.trimmingSpaces.isEmpty
        f["summary"] = c.summary
        f["received"] = date(c.received)
        f["kind"] = c.kind.label
        // Enquiries are answered, not investigated: the shipped letters word them apart.
        f["is_enquiry"] = c.kind == .enquiry || c.kind == .memberEnquiry
        f["is_member_enquiry"] = c.kind == .memberEnquiry
        f["is_complaint"] = c.kind == .complaint

        let procedure = c.procedure.map { record.rules.procedure($0) }
        f["stage_number"] = "\(n)"
        f["stage_name"] = s?.rule.name ?? procedure?.stage(n)?.name ?? "Stage \(n)"
        f["stage_started"] = date(s?.started)
        f["acknowledged"] = date(s?.acknowledged)
        f["acknowledgement_due"] = date(s?.acknowledgementDue)
        f["due_date"] = date(s?.due)
        f["responded"] = date(s?.responded)
        // A letter must not promise a date already gone: the templates say it is overdue instead.
        f["due_passed"] = s.map { $0.isRunning && $0.due < today } ?? false
        let outcome = s.flatMap { $0.recordedOutcome ?? $0.outcome(issues: c.issues) }?.label ?? ""
        f["outcome"] = outcome
        f["has_outcome"] = !outcome.isEmpty
        let ext = s?.extensions.last
        f["has_extension"] = ext != nil
        f["extension_date"] = date(ext?.date)
        f["extension_new_date"] = date(ext?.newDue)
        f["extension_reason"] = ext?.reason ?? ""

        let issues: [[String: Any]] = c.issues.enumerated().map { i, issue in
            let text = issue.findingTexts[n] ?? ""
            let verdict = issue.findings[n]?.label ?? ""
            // Categories are stored lower-case ("communication"); a heading in bold reads capitalised.
            let title = issue.category.prefix(1).uppercased() + issue.category.dropFirst()
            return ["number": "\(i + 1)", "category": issue.category, "category_title": title, "detail": issue.detail,
                    "has_detail": !issue.detail.trimmingSpaces.isEmpty, "verdict": verdict, "has_verdict": !verdict.isEmpty,
                    "finding_text": text, "has_finding_text": !text.trimmingSpaces.isEmpty]
        }
        f["issues"] = issues
        f["has_issues"] = !issues.isEmpty
        let remedies: [[String: Any]] = k.remedies.filter { record.stage(of: $0) == n }.map { r in
            let amount = r.amountPence.map { "£" + CaseRecord.pounds($0) } ?? ""
            let kind = r.remedy?.label ?? ""
            return ["kind": kind.prefix(1).uppercased() + kind.dropFirst(), "amount": amount, "has_amount": !amount.isEmpty, "text": r.reason,
                    "has_text": !r.reason.trimmingSpaces.isEmpty]
        }
        f["remedies"] = remedies
        f["has_remedies"] = !remedies.isEmpty

        let next = procedure.flatMap { p in n < p.lastStage ? p.stage(n + 1) : nil }
        f["has_next_stage"] = next != nil
        f["next_stage_number"] = next.map { "\($0.number)" } ?? ""
        f["next_stage_name"] = next?.name ?? ""
        let window = procedure?.escalationWindowDays ?? record.rules.procedure(.statutory).escalationWindowDays
        f["escalation_days"] = "\(window)"
        let from = s?.responded ?? (s?.isRunning == true ? s?.due : nil)
        f["escalation_ends"] = date(from.map { record.calendar.adding(workingDays: window, after: $0) })

        f["not_accepted_reason"] = k.status == .notAccepted ? k.endReason : ""
        f["closed_on"] = date(k.closedOn)
        let people = c.stagePeople
        f["investigating_officer"] = people.investigatingOfficer
        f["has_investigating_officer"] = !people.investigatingOfficer.isEmpty
        f["independent_person"] = people.independentPerson
        f["has_independent_person"] = !people.independentPerson.isEmpty
        f["panel"] = people.panel
        f["has_panel"] = !people.panel.isEmpty
        f["panel_date"] = date(people.panelDate)
        f["has_panel_date"] = people.panelDate != nil
        f["panel_met"] = people.panelDate.map { $0 <= today } ?? false

        f["ombudsman_name"] = settings.ombudsmanName
        f["ombudsman_address"] = settings.ombudsmanAddress
        f["ombudsman_phone"] = settings.ombudsmanPhone
        f["ombudsman_website"] = settings.ombudsmanWebsite
        f["council_name"] = settings.councilName
        f["letterhead"] = settings.letterhead
        f["team_name"] = settings.teamName
        f["council_address"] = settings.address
        f["council_phone"] = settings.phone
        f["has_council_phone"] = !settings.phone.isEmpty
        f["council_email"] = settings.email
        f["has_council_email"] = !settings.email.isEmpty
        f["signatory_name"] = settings.signatoryName
        f["has_signatory_name"] = !settings.signatoryName.trimmingSpaces.isEmpty
        f["signatory_title"] = settings.signatoryTitle
        for (key, value) in extras where key != "complainant_address" {
            f[key] = value
            f["has_" + key] = !value.trimmingSpaces.isEmpty
        }
        return f
    }

    /// The documented field names, in the table's order (for `heard letters --fields` and tests).
    public static let names: [String] = [
        "reference", "today", "today_iso", "complainant_name", "salutation", "closing", "complainant_address",
        "has_complainant_address", "child", "has_child", "advocate", "has_advocate", "advocate_named", "service_area", "team", "has_team",
        "officer", "has_officer", "summary", "received", "kind", "is_enquiry", "is_member_enquiry", "is_complaint", "stage_number", "stage_name", "stage_started", "acknowledged", "acknowledgement_due",
        "due_date", "responded", "due_passed", "outcome", "has_outcome", "has_extension", "extension_date", "extension_new_date", "extension_reason",
        "issues", "has_issues", "remedies", "has_remedies", "has_next_stage", "next_stage_number", "next_stage_name",
        "escalation_days", "escalation_ends", "not_accepted_reason", "closed_on", "investigating_officer",
        "has_investigating_officer", "independent_person", "has_independent_person", "panel", "has_panel", "panel_date", "has_panel_date", "panel_met", "ombudsman_name", "ombudsman_address",
        "ombudsman_phone", "ombudsman_website", "council_name", "letterhead", "team_name", "council_address",
        "council_phone", "has_council_phone", "council_email", "has_council_email", "signatory_name", "has_signatory_name", "signatory_title",
    ]

    /// The advocate as running text names them: an organisation ("Children's Rights Team")
    /// takes "the", a person does not.
    static func advocateNamed(_ advocate: String) -> String {
        let a = advocate.trimmingSpaces
        guard !a.isEmpty, !a.lowercased().hasPrefix("the ") else { return a }
        let last = a.split(separator: " ").last.map { String($0).lowercased() } ?? ""
        let bodies = ["team", "service", "services", "project", "society", "centre", "center", "group", "network", "trust", "partnership", "advocacy"]
        return bodies.contains(last) ? "the " + a : a
    }

    /// "4 March 2022", as a letter writes a date; empty for none.
    public static func date(_ d: LocalDate?) -> String { d?.written ?? "" }

    /// An address's lines: split at line breaks and commas (as people type it on one line),
    /// trimmed, blanks dropped.
    static func addressLines(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isNewline || $0 == "," }).map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }
}
