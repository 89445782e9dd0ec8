import HeardCore
import TerminalUI

/// The resolution workflow of one complaint: the moves its procedure allows now.
public struct WorkflowState: Sendable {
    public var contactID: Int64
    public var data: CaseDetailData?
    public var selection = 0

    public init(contactID: Int64) { self.contactID = contactID }

    public var moves: [Move] {
        guard let d = data else { return [] }
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
            let maxNote = k.current?.maximumDue.map { " (latest \($0.iso))" } ?? ""
            fields += [FormField("new_due", "New deadline" + maxNote, .date, required: true), FormField("reason", "Reason", .text, required: true)]
        case .pause:
            fields += [FormField("reason", "Reason", .text, value: "Waiting for an advocate", required: true)]
        case .respond:
            let derived = k.current.flatMap { s in StageOutcome.derived(from: d.contact.issues.compactMap { $0.findings[s.number] }) }
            fields += [
                FormField("outcome", "Outcome", .choice(["from findings", "upheld", "partially upheld", "not upheld"]),
                          value: derived == nil ? "" : "from findings", required: derived == nil),
                FormField("satisfied", "Satisfied", .choice(["yes", "no", "not known"]), value: "not known"),
                FormField("remedy", "Remedy", .choice(["none"] + RemedyKind.allCases.map(\.label)), value: "none"),
                FormField("amount", "Payment £", .text),
                FormField("note", "Remedy note", .text),
            ]
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
        }
        return FormState(title: "\(move.label) · \(d.contact.reference)", fields: fields, sources: s.sources)
    }

    /// The effects a filled move form asks for, or the problem with it (field key and message).
    static func effects(_ move: Move, _ f: FormState, _ c: Contact, _ s: ScreenContext) -> Result<[Effect], FormProblem> {
        guard let id = c.id else { return .failure(FormProblem(field: "date", message: "the case is not saved")) }
        func date(_ key: String) -> Result<LocalDate, FormProblem> {
            DateInput.parse(f[key], today: s.today, calendar: s.calendar).mapError { FormProblem(field: key, message: $0.description) }
        }
        func pence(_ key: String) -> Result<Int?, FormProblem> {
            let t = f[key].replacingOccurrences(of: "£", with: "").replacingOccurrences(of: ",", with: "")
            if t.isEmpty { return .success(nil) }
            guard let v = Double(t), v >= 0, v < 10_000_000 else { return .failure(FormProblem(field: key, message: "'\(f[key])' is not an amount in pounds")) }
            return .success(Int((v * 100).rounded()))
        }
        do {
            let d = try date(move == .learning ? "date" : "date").get()
            let v = c.version
            func rec(_ e: CaseEvent, _ n: Int = 0) -> Effect { .record(e, contactID: id, version: v + n) }
            let reason = QuickEntry.clean(f["reason"])
            switch move {
            case .acknowledge: return .success([rec(.acknowledged(d))])
            case .extend: return .success([rec(CaseEvent(kind: .extended, date: d, newDue: try date("new_due").get(), reason: reason))])
            case .pause: return .success([rec(CaseEvent(kind: .paused, date: d, reason: reason))])
            case .resume: return .success([rec(CaseEvent(kind: .resumed, date: d))])
            case .respond:
                let outcome: StageOutcome? = f["outcome"] == "from findings" || f["outcome"].isEmpty ? nil : StageOutcome(matching: f["outcome"])
                let satisfied: Bool? = f["satisfied"] == "not known" ? nil : YesNo.parse(f["satisfied"])
                var out = [rec(CaseEvent(kind: .responded, date: d, outcome: outcome, satisfied: satisfied))]
                if let r = RemedyKind(matching: f["remedy"]) {
                    let amount = try pence("amount").get()
                    if r == .payment && amount == nil { return .failure(FormProblem(field: "amount", message: "a payment needs an amount")) }
                    out.append(rec(.remedy(d, stage: nil, r, amountPence: amount, note: QuickEntry.clean(f["note"])), 1))
                }
                return .success(out)
            case .close: return .success([rec(.closed(d))])
            case .escalate: return .success([rec(CaseEvent(kind: .nextStageRequested, date: d, reason: reason))])
            case .withdraw: return .success([rec(.withdrawn(d, reason: reason))])
            case .mediation: return .success([rec(.mediation(d, reason: reason))])
            case .notAccepted: return .success([rec(.notAccepted(d, reason: reason))])
            case .ombudsmanReferral: return .success([rec(.ombudsmanReferred(d))])
            case .ombudsmanDecision:
                guard let dec = OmbudsmanDecision(matching: f["decision"]) else { return .failure(FormProblem(field: "decision", message: "choose a decision")) }
                return .success([rec(.ombudsmanDecision(d, dec, remedy: QuickEntry.clean(f["note"]), amountPence: try pence("amount").get()))])
            case .remedy:
                guard let r = RemedyKind(matching: f["kind"]) else { return .failure(FormProblem(field: "kind", message: "choose a remedy")) }
                let amount = try pence("amount").get()
                if r == .payment && amount == nil { return .failure(FormProblem(field: "amount", message: "a payment needs an amount")) }
                return .success([rec(.remedy(d, stage: nil, r, amountPence: amount, note: QuickEntry.clean(f["note"])))])
            case .learning:
                let theme = s.reference.learningTheme(matching: f["theme"]) ?? f["theme"]
                let lp = LearningPoint(caseReference: c.reference, theme: theme, text: QuickEntry.clean(f["text"], lines: true), date: d, serviceArea: c.serviceArea)
                return .success([.addLearning(lp, contactID: id, thenAction: YesNo.parse(f["action"]) ?? false)])
            case .findings:
                return .success([])
            }
        } catch let p as FormProblem {
            return .failure(p)
        } catch {
            return .failure(FormProblem(field: "date", message: "\(error)"))
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
