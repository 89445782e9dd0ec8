import HeardCore
import TerminalUI

/// The resolution workflow of one complaint: the moves its procedure allows now.
public struct WorkflowState: Sendable {
    public var contactID: Int64
    public var data: CaseDetailData?
    public var selection = 0

    public init(contactID: Int64) { self.contactID = contactID }

    public var moves: [Move] {
        // An anonymised case takes none (`CaseProtection.stepRefusal`).
        guard let d = data, !d.protection.isAnonymised else { return [] }
        return Move.available(for: d.contact, clock: d.clock)
    }
}

/// The forms behind each move, and the events they record.
enum MoveForms {
    static func form(_ move: Move, _ d: CaseDetailData, _ s: ScreenContext) -> FormState {
        let k = d.clock
        let today = FormField("date", "Date", .date, value: "today", required: true)
        var fields: [FormField] = [today]
        switch move {
        case .acknowledge, .resume, .close, .ombudsmanReferral:
            break
        case .extend:
            // The latest date is said inside the field: in the label it was cut at 80 columns.
            var due = FormField("new_due", "New deadline", .date, required: true)
            due.hint = k.current?.maximumDue.map { "latest \($0.iso)" }
            fields += [due, FormField("reason", "Reason", .text, required: true)]
        case .pause:
            fields += [FormField("reason", "Reason", .text, value: "Waiting for an advocate", required: true)]
        case .respond:
            let derived = k.current.flatMap { s in StageOutcome.derived(from: d.contact.issues.compactMap { $0.findings[s.number] }) }
            fields += [
                FormField("outcome", "Outcome", .choice(["from findings", "upheld", "partially upheld", "not upheld"]),
                          value: derived == nil ? "" : "from findings", required: derived == nil),
                FormField("satisfied", "Satisfied", .choice(["yes", "no", "not known"]), value: "not known"),
            ] + RemedySlots.fields(1)
        case .escalate:
            fields[0].label = "Requested on"
            fields += [FormField("reason", "Late because", .text)]
        case .withdraw, .notAccepted:
            fields += [FormField("reason", "Reason", .text, required: true)]
        case .mediation:
            fields += [FormField("reason", "Note", .text)]
        case .ombudsmanDecision:
            fields += [FormField("decision", "Decision", .choice(OmbudsmanDecision.allCases.map(\.label)), required: true),
                       FormField("note", "Remedy", .text), FormField("amount", "Payment £", .text)]
        case .remedy:
            fields += [FormField("kind", "Remedy", .choice(RemedyKind.allCases.map(\.label)), value: "apology", required: true),
                       FormField("amount", "Payment £", .text), FormField("note", "Note", .text)]
        case .learning:
            fields = [FormField("theme", "Theme", .choice(s.reference.learningThemes), required: true),
                      FormField("text", "Learning", .longText, required: true), today,
                      FormField("action", "Also an action", .choice(["no", "yes"]), value: "yes")]
        case .findings:
            break
        case .appoint:
            // The people of the stage in hand, as recorded: the form edits them in place.
            let people = d.contact.stagePeople
            if (k.current?.number ?? 1) >= 3 {
                fields = (0..<StagePeople.panelSize).map { i in
                    FormField("panel\(i + 1)", "Panel member \(i + 1)", .suggest("appointee"), value: people.panel.indices.contains(i) ? people.panel[i] : "")
                } + [FormField("panel_date", "Panel meets on", .date, value: people.panelDate?.iso ?? "")]
            } else {
                // Suggested from known names, and a name not among them is asked about before it
                // is saved (a half-typed "Ya" was appointed silently).
                fields = [FormField("investigator", "Investigator (IO)", .suggest("appointee"), value: people.investigatingOfficer),
                          FormField("independent", "Independent Person", .suggest("appointee"), value: people.independentPerson)]
            }
        }
        var title = move.label
        if move == .appoint { title = (k.current?.number ?? 1) >= 3 ? "Stage 3 review panel" : "Stage 2 Investigating Officer and Independent Person" }
        return FormState(title: "\(title) · \(d.contact.reference)", fields: fields, sources: s.sources)
    }

    /// The effects a filled move form asks for, or the problem with it (field key and message).
    /// The form's fields become a `MoveRequest`, the one definition `heard move` uses too.
    static func effects(_ move: Move, _ f: FormState, _ c: Contact, _ s: ScreenContext) -> Result<[Effect], FormProblem> {
        guard let id = c.id else { return .failure(FormProblem(field: "date", message: "the case is not saved")) }
        if move == .findings { return finding(f, c, id, s) }
        if move == .learning { return learning(f, c, id, s) }
        var slots: [Int] = []
        var r = MoveRequest(move, date: f["date"], reason: f["reason"], newDue: f["new_due"], outcome: f["outcome"],
                            satisfied: f["satisfied"], decision: f["decision"], amount: f["amount"], note: f["note"])
        switch move {
        case .respond:
            // Every remedy named, in its slot's order; "none" records none.
            let named = RemedySlots.inputs(f)
            r.remedies = named.map(\.input)
            slots = named.map(\.slot)
            r.amount = ""
            r.note = ""
        case .remedy:
            r.remedies = [RemedyInput(kind: f["kind"], amount: f["amount"], note: f["note"])]
        case .appoint:
            // Only the fields the form shows (stage 2's people, or stage 3's panel) change.
            let keys = Set(f.fields.map(\.key))
            if keys.contains("investigator") { r.investigator = f["investigator"]; r.independentPerson = f["independent"] }
            if keys.contains("panel1") {
                r.panel = (1...StagePeople.panelSize).map { f["panel\($0)"] }
                r.panelDate = f["panel_date"]
            }
        default: break
        }
        let clock = c.clock(rules: s.rules, calendar: s.calendar, today: s.today)
        switch r.step(on: c, clock: clock, today: s.today, calendar: s.calendar, rules: s.rules) {
        case .failure(let p):
            // A remedy's problem is at its own slot.
            switch p.input {
            case .remedy(let i) where move == .respond && slots.indices.contains(i):
                return .failure(FormProblem(field: RemedySlots.kindKey(slots[i]), message: p.message))
            case .remedyAmount(let i) where move == .respond && slots.indices.contains(i):
                return .failure(FormProblem(field: RemedySlots.amountKey(slots[i]), message: p.message))
            default:
                // A form without the field named (the appoint form has no date) marks its first.
                let key = field(p.input, move)
                let shown = f.fields.contains { $0.key == key } ? key : (f.fields.first?.key ?? key)
                return .failure(FormProblem(field: shown, message: p.message))
            }
        case .success(let step):
            if step.findings.isEmpty, step.events.count == 1, let e = step.events.first {
                return .success([.record(e, contactID: id, version: c.version)])
            }
            return .success([.apply(step, contactID: id, version: c.version)])
        }
    }

    /// The form field behind a move's input.
    static func field(_ input: MoveProblem.Input, _ move: Move) -> String {
        switch input {
        case .move, .date, .issue, .verdict: return "date"
        case .newDue: return "new_due"
        case .reason: return "reason"
        case .outcome: return "outcome"
        case .satisfied: return "satisfied"
        case .decision: return "decision"
        case .amount, .remedyAmount: return "amount"
        case .note: return "note"
        case .theme: return "theme"
        case .text: return "text"
        case .remedy: return move == .remedy ? "kind" : "remedy"
        case .investigator: return "investigator"
        case .independentPerson: return "independent"
        case .panel: return "panel1"
        case .panelDate: return "panel_date"
        }
    }

    /// One issue's verdict and its words (the findings screen's form), as `heard move finding`
    /// records them; here emptied words clear the finding's text.
    static func finding(_ f: FormState, _ c: Contact, _ id: Int64, _ s: ScreenContext) -> Result<[Effect], FormProblem> {
        let r = MoveRequest(.findings, issue: f["issue"], verdict: f["verdict"], text: f["text"])
        let clock = c.clock(rules: s.rules, calendar: s.calendar, today: s.today)
        switch r.step(on: c, clock: clock, today: s.today, calendar: s.calendar, rules: s.rules) {
        case .failure(let p):
            return .failure(FormProblem(field: p.input == .text ? "text" : "verdict", message: p.message))
        case .success(var step):
            for i in step.findings.indices {
                if step.findings[i].text == nil { step.findings[i].text = "" }
                // What the form showed: a reapply on someone else's version keeps what was not changed here.
                let change = step.findings[i]
                if let issue = c.issues.first(where: { $0.id == change.issueID }) {
                    step.findings[i].before = FindingChange.Before(finding: issue.findings[change.stage], text: issue.findingTexts[change.stage] ?? "")
                }
            }
            return .success([.apply(step, contactID: id, version: c.version)])
        }
    }

    /// A learning point is not a step on the case's clock: it is saved on its own, and may
    /// open a linked action next.
    static func learning(_ f: FormState, _ c: Contact, _ id: Int64, _ s: ScreenContext) -> Result<[Effect], FormProblem> {
        let r = MoveRequest(.learning, date: f["date"], theme: f["theme"], text: f["text"])
        let clock = c.clock(rules: s.rules, calendar: s.calendar, today: s.today)
        switch r.learningPoint(on: c, clock: clock, today: s.today, calendar: s.calendar, reference: s.reference, rules: s.rules) {
        case .failure(let p): return .failure(FormProblem(field: field(p.input, .learning), message: p.message))
        case .success(let lp): return .success([.addLearning(lp, contactID: id, thenAction: YesNo.parse(f["action"]) ?? false)])
        }
    }

    /// Words for the confirmation of a move that ends or escalates a stage.
    static func confirmText(_ move: Move, _ c: Contact, _ k: CaseClock) -> String {
        let stage = k.current?.number ?? 1
        switch move {
        case .respond: return "Record the stage \(stage) response on \(c.reference)?"
        case .close: return "Close \(c.reference)?"
        case .escalate: return "Escalate \(c.reference) to stage \(stage + 1)?"
        case .withdraw: return "Record \(c.reference) as withdrawn?"
        case .mediation: return "Record \(c.reference) as resolved by mediation?"
        case .notAccepted: return "Record \(c.reference) as not accepted?"
        default: return "\(move.label) on \(c.reference)?"
        }
    }
}

/// A problem with one field of a form.
public struct FormProblem: Error, Equatable, Sendable {
    public var field: String
    public var message: String
}
