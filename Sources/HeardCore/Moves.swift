/// The moves of the resolution workflow.
public enum Move: String, CaseIterable, Sendable {
    case acknowledge, extend, pause, resume, findings, respond, close, escalate
    case withdraw, mediation, notAccepted = "not_accepted"
    case ombudsmanReferral = "ombudsman_referral", ombudsmanDecision = "ombudsman_decision"
    case remedy, learning
    /// Names stage 2's Investigating Officer and Independent Person, or stage 3's panel and date.
    case appoint

    public var label: String {
        switch self {
        case .acknowledge: "Acknowledge"
        case .extend: "Extend the deadline"
        case .pause: "Pause the clock"
        case .resume: "Resume the clock"
        case .findings: "Record findings on each issue"
        case .respond: "Record the response"
        case .close: "Close the case"
        case .escalate: "Escalate to the next stage"
        case .withdraw: "Withdrawn"
        case .mediation: "Resolved by mediation"
        case .notAccepted: "Not accepted"
        case .ombudsmanReferral: "Referred to the Ombudsman"
        case .ombudsmanDecision: "Ombudsman's decision"
        case .remedy: "Record a remedy"
        case .learning: "Capture a learning point"
        case .appoint: "Appoint the investigation or the panel"
        }
    }

    /// Moves that end a stage or start the next ask for confirmation.
    public var needsConfirmation: Bool {
        switch self {
        case .respond, .close, .escalate, .withdraw, .mediation, .notAccepted: true
        default: false
        }
    }

    /// The moves the procedure allows now, in the order an officer meets them.
    public static func available(for c: Contact, clock k: CaseClock, rules: Rules = .default) -> [Move] {
        guard c.kind.hasWorkflow else { return [] }
        var out: [Move] = []
        let complaint = c.kind == .complaint
        if k.status == .open, let s = k.current, s.isRunning {
            if s.acknowledged == nil { out.append(.acknowledge) }
            if complaint && s.rule.allowsExtension { out.append(.extend) }
            if complaint { out.append(s.isPaused ? .resume : .pause) }
            if complaint { out.append(.findings) }
            if !s.isPaused { out.append(.respond) }
        }
        if k.status == .responded {
            if complaint, let p = c.procedure.map({ rules.procedure($0) }), let s = k.current, s.number < p.lastStage { out.append(.escalate) }
            out.append(.close)
        }
        // The window ran out unused and the clock closed the case: a late request may still be
        // accepted, the decision recorded (the machine asks for the reason). An explicit close,
        // a withdrawal or any other recorded end is final.
        if k.closedAutomatically, complaint, let p = c.procedure.map({ rules.procedure($0) }), let s = k.current, s.number < p.lastStage {
            out.append(.escalate)
        }
        if complaint && k.status.isActive {
            out += [.withdraw, .mediation]
            // Not accepted is decided before an answer (`CaseMachine.end`).
            if k.current?.responded == nil { out.append(.notAccepted) }
        }
        if complaint {
            if k.ombudsman.referred == nil { if k.stages.contains(where: { $0.responded != nil }) { out.append(.ombudsmanReferral) } }
            else if k.ombudsman.decision == nil { out.append(.ombudsmanDecision) }
            if k.stages.contains(where: { $0.responded != nil }) { out.append(.remedy) }
            out.append(.learning)
            // Stage 2 and 3 of the statutory procedure have their people (Children Act 1989).
            if k.status.isActive, c.procedure == .statutory, k.stages.count >= 2 { out.append(.appoint) }
        }
        return out
    }
}
