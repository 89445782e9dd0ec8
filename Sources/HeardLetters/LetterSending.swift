import HeardCore

/// What recording a letter as sent also records on the case, so the letter and the clock agree
/// in one step: an acknowledgement of a stage not yet acknowledged acknowledges it on the
/// letter's date; a response letter, when the officer asks (`respond`), records the
/// complaint stage's response, by the respond move's own rules and messages, once every issue has its
/// finding (an enquiry's answer needs an outcome the letter does not carry: `heard move`).
public enum LetterSending {
    /// The step to record with letter `name` sent on `date` (nil: the letter alone), or why not.
    public static func step(for name: String, record: CaseRecord, date: LocalDate, respond: Bool, today: LocalDate) -> Result<CaseStep?, MoveProblem> {
        let c = record.contact
        let k = record.clock
        guard let s = k.current else {
            return respond ? .failure(MoveProblem(.move, "\(c.reference) has no stage to respond to", refusal: true)) : .success(nil)
        }
        let n = LetterBook.stage(for: name, record: record) ?? s.number
        if respond {
            // The respond move asks an enquiry for its outcome, which a letter does not carry.
            guard c.kind == .complaint else {
                return .failure(MoveProblem(.move, "--respond is for a complaint's response letter; record the answer with heard move \(c.reference) respond --outcome …", refusal: true))
            }
            guard isResponse(name, stage: n, record: record) else {
                return .failure(MoveProblem(.move, "--respond goes with the response letter (\(responseName(stage: s.number, record: record)))", refusal: true))
            }
            guard n == s.number, s.isRunning else {
                return .failure(MoveProblem(.move, "stage \(n) of \(c.reference) is not waiting for its response", refusal: true))
            }
            if c.kind == .complaint {
                if c.issues.isEmpty {
                    return .failure(MoveProblem(.move, "\(c.reference) has no issues: add them and their findings before the response", refusal: true))
                }
                if let i = c.issues.firstIndex(where: { $0.findings[n] == nil }) {
                    return .failure(MoveProblem(.move, "issue \(i + 1) (\(c.issues[i].category)) has no stage \(n) finding: record it first "
                        + "(heard move \(c.reference) finding --issue \(i + 1) --verdict …)", refusal: true))
                }
            }
            return MoveRequest(.respond, date: date.iso).step(on: c, clock: k, today: today, calendar: record.calendar, rules: record.rules).map { $0 }
        }
        if LetterBook.isAcknowledgement(name, stage: n, record: record), n == s.number, s.acknowledged == nil, s.isRunning {
            return MoveRequest(.acknowledge, date: date.iso).step(on: c, clock: k, today: today, calendar: record.calendar, rules: record.rules).map { $0 }
        }
        return .success(nil)
    }

    /// The earlier record of letter `name` sent for `stage`, when there is one: recording it
    /// again is usually a slip (the command run twice), so both the command line (`--again`) and
    /// the screen ask first. An extension notice counts only from the stage's latest extension:
    /// a second extension needs its own notice.
    public static func alreadySent(_ name: String, stage: Int?, record: CaseRecord) -> LetterSent? {
        var from: LocalDate?
        if name == "extension", let n = stage, let s = record.clock.stages.first(where: { $0.number == n }) { from = s.extensions.last?.date }
        return record.correspondence.letters.last { l in l.template == name && l.stage == stage && (from.map { l.sent >= $0 } ?? true) }
    }

    /// Whether `name` is the letter that answers stage `n` (the enquiry reply for an enquiry).
    public static func isResponse(_ name: String, stage n: Int, record: CaseRecord) -> Bool {
        name == responseName(stage: n, record: record)
    }

    static func responseName(stage n: Int, record: CaseRecord) -> String {
        switch record.contact.kind {
        case .enquiry, .memberEnquiry: return "enquiry-reply"
        default: return LetterCatalogue.response(stage: n)
        }
    }
}
