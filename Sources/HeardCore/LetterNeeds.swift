/// The letters Heard ships, by name (DESIGN.md: "Shipped letter templates"), with the words
/// people see. A council's own template of another name is a letter too; it is never "needed".
public enum LetterCatalogue {
    /// The shipped names, in the order `heard letters` lists them.
    public static let shipped: [String] = [
        "acknowledgement", "extension", "stage1-response", "stage2-acknowledgement", "stage2-adjudication",
        "stage3-arrangements", "stage3-outcome", "not-accepted", "compliment-thanks", "enquiry-reply",
    ]

    /// "acknowledgement" → "Acknowledgement"; "stage1-response" → "Stage 1 response"; a council's
    /// own name reads as its words.
    public static func title(_ name: String) -> String {
        switch name {
        case "acknowledgement": return "Acknowledgement"
        case "extension": return "Extension notice"
        case "stage1-response": return "Stage 1 response"
        case "stage2-acknowledgement": return "Stage 2 acknowledgement"
        case "stage2-adjudication": return "Stage 2 adjudication"
        case "stage3-arrangements": return "Stage 3 panel arrangements"
        case "stage3-outcome": return "Stage 3 outcome"
        case "not-accepted": return "Not accepted"
        case "compliment-thanks": return "Thanks for a compliment"
        case "enquiry-reply": return "Enquiry reply"
        default:
            let words = name.replacingAll("-", with: " ").replacingAll("_", with: " ")
            return words.prefix(1).uppercased() + words.dropFirst()
        }
    }

    /// The letter that acknowledges stage `n` of a complaint (stage 3's is its panel arrangements).
    public static func acknowledgement(stage n: Int) -> String {
        switch n {
        case 2: return "stage2-acknowledgement"
        case 3: return "stage3-arrangements"
        default: return "acknowledgement"
        }
    }

    /// The letter that answers stage `n` of a complaint.
    public static func response(stage n: Int) -> String {
        switch n {
        case 2: return "stage2-adjudication"
        case 3: return "stage3-outcome"
        default: return "stage1-response"
        }
    }
}

/// A letter a case's current stage calls for, and whether it has gone.
public struct LetterNeed: Hashable, Sendable {
    public var template: String
    /// The stage it is for; nil for a compliment's thanks.
    public var stage: Int?
    /// By when it should go, when there is a date (an acknowledgement's target, an extension's date).
    public var due: LocalDate?
    /// The record of it having been sent, when it has.
    public var sent: LetterSent?
    /// Why the stage needs it, in a few words: "not acknowledged yet", "extended on 2022-02-01".
    public var why: String

    public init(template: String, stage: Int?, due: LocalDate?, sent: LetterSent?, why: String) {
        self.template = template; self.stage = stage; self.due = due; self.sent = sent; self.why = why
    }

    /// Needed and not sent.
    public var isOutstanding: Bool { sent == nil }
}

extension LetterNeed {
    /// The letters the case's current stage calls for, sent or not, in the order they go:
    /// its acknowledgement, an extension notice for each extension, the response once the stage
    /// is answered or every issue has its finding; a not-accepted letter; a compliment's thanks,
    /// an enquiry's reply. A letter counts as sent when one of its name was recorded for that
    /// stage (an extension notice: on or after the extension's date). A stage acknowledged by
    /// other means needs no acknowledgement letter. One rule for `L`, "my work" and the digest.
    public static func needs(contact c: Contact, clock k: CaseClock, sent: [LetterSent], calendar: WorkingDayCalendar) -> [LetterNeed] {
        func sentLetter(_ name: String, stage: Int?, onOrAfter day: LocalDate? = nil) -> LetterSent? {
            sent.last { l in l.template == name && l.stage == stage && (day.map { l.sent >= $0 } ?? true) }
        }
        var out: [LetterNeed] = []
        switch c.kind {
        case .comment:
            return []
        case .compliment:
            let name = "compliment-thanks"
            let due = calendar.adding(workingDays: 3, after: c.received)
            return [LetterNeed(template: name, stage: nil, due: due, sent: sentLetter(name, stage: nil) ?? sentLetter(name, stage: 1), why: "thanks for the compliment")]
        case .enquiry, .memberEnquiry:
            guard let s = k.current else { return [] }
            if let ack = ackNeed("acknowledgement", s, sentLetter) { out.append(ack) }
            if s.isAnswered {
                out.append(LetterNeed(template: "enquiry-reply", stage: s.number, due: s.responded, sent: sentLetter("enquiry-reply", stage: s.number), why: "answered on \(s.responded?.iso ?? "")"))
            }
            return out
        case .complaint:
            break
        }
        if k.status == .notAccepted {
            let on = k.closedOn
            return [LetterNeed(template: "not-accepted", stage: k.current?.number, due: on,
                               sent: sentLetter("not-accepted", stage: k.current?.number) ?? sent.last { $0.template == "not-accepted" },
                               why: "not accepted" + (on.map { " on \($0.iso)" } ?? ""))]
        }
        guard let s = k.current else { return [] }
        if let ack = ackNeed(LetterCatalogue.acknowledgement(stage: s.number), s, sentLetter) { out.append(ack) }
        for e in s.extensions {
            out.append(LetterNeed(template: "extension", stage: s.number, due: e.date, sent: sentLetter("extension", stage: s.number, onOrAfter: e.date),
                                  why: "extended on \(e.date.iso)" + (e.newDue.map { " to \($0.iso)" } ?? "")))
        }
        let stageIssues = c.issues
        let allFound = !stageIssues.isEmpty && stageIssues.allSatisfy { $0.findings[s.number] != nil }
        if s.isAnswered || (s.isRunning && allFound) {
            let name = LetterCatalogue.response(stage: s.number)
            out.append(LetterNeed(template: name, stage: s.number, due: s.responded ?? s.due, sent: sentLetter(name, stage: s.number),
                                  why: s.isAnswered ? "answered on \(s.responded?.iso ?? "")" : "every issue has its finding"))
        }
        return out
    }

    /// The letters still owed and chased (in the record, "my work" and the digest): every
    /// outstanding need of an active case; of a case that is over (a compliment, an answered
    /// enquiry or last stage, a case not accepted or closed) only those whose date is within the
    /// escalation window (20 working days) of today, so a letter owed is chased for a while and
    /// an old case is never "overdue" for ever. One rule; docs/LETTERS.md says it in words.
    public static func owed(contact c: Contact, clock k: CaseClock, sent: [LetterSent], calendar: WorkingDayCalendar, rules: Rules) -> [LetterNeed] {
        let outstanding = needs(contact: c, clock: k, sent: sent, calendar: calendar).filter(\.isOutstanding)
        if k.status.isActive { return outstanding }
        let window = rules.procedure(c.procedure ?? .statutory).escalationWindowDays
        return outstanding.filter { n in
            let from = n.due ?? k.closedOn ?? c.received
            return k.today <= calendar.adding(workingDays: window, after: from)
        }
    }

    /// The acknowledgement a stage needs: recorded as sent, or still to go while the stage is
    /// unacknowledged and running; none when it was acknowledged without a letter.
    private static func ackNeed(_ name: String, _ s: StageClock, _ sentLetter: (String, Int?, LocalDate?) -> LetterSent?) -> LetterNeed? {
        if let letter = sentLetter(name, s.number, nil) {
            return LetterNeed(template: name, stage: s.number, due: s.acknowledgementDue, sent: letter, why: "acknowledges stage \(s.number)")
        }
        guard s.acknowledged == nil, s.isRunning else { return nil }
        return LetterNeed(template: name, stage: s.number, due: s.acknowledgementDue, sent: nil, why: "not acknowledged yet")
    }
}
