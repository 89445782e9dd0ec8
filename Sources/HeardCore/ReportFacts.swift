/// What the annual report's figures read of a complaint beyond its own row: its stages as its
/// clock has them, how it ended, the Ombudsman's part, its remedies, and its issues' categories.
/// Worked out from the contact's issues and events (`init(contact:clock:)`), which is most of a
/// report's work; a store may keep them (`encoded`) and count a complaint from them again without
/// reading its issues and events or running its clock, for as long as `settled(contact:clock:)`
/// says they hold. `PeriodFigures` counts every complaint through them, kept or not.
public struct ReportFacts: Equatable, Sendable {
    /// One stage, as the figures read it.
    public struct Stage: Equatable, Sendable {
        public var number: Int
        public var started: LocalDate
        public var responded: LocalDate?
        public var endedOn: LocalDate?
        public var escalated: LocalDate?
        public var satisfied: Bool?
        /// `StageClock.outcome(issues:)`.
        public var outcome: StageOutcome?
        public var timeliness: Timeliness?
        /// Working days used, for an answered stage (0 for one not answered: no figure reads it,
        /// and for a running stage it grows with the day).
        public var daysUsed: Int
    }

    /// One remedy: when, what, and its payment.
    public struct Remedy: Equatable, Sendable {
        public var date: LocalDate
        public var kind: RemedyKind?
        public var amountPence: Int?
    }

    /// Withdrawn, mediation or not accepted; nil for any other status (the others are not
    /// counted as endings, and responded turns to closed with the day).
    public var ending: CaseStatus?
    public var stages: [Stage]
    public var ombudsmanReferred: LocalDate?
    public var ombudsmanDecided: LocalDate?
    public var ombudsmanDecision: OmbudsmanDecision?
    public var ombudsmanAmountPence: Int?
    public var remedies: [Remedy]
    /// The issues' categories in the record's order.
    public var categories: [String]

    static let endings: [CaseStatus] = [.withdrawn, .mediation, .notAccepted]

    public init(contact c: Contact, clock: CaseClock) {
        ending = Self.endings.contains(clock.status) ? clock.status : nil
        stages = clock.stages.map { s in
            Stage(number: s.number, started: s.started, responded: s.responded, endedOn: s.endedOn, escalated: s.escalated,
                  satisfied: s.satisfied, outcome: s.outcome(issues: c.issues), timeliness: s.timeliness,
                  daysUsed: s.responded != nil ? s.daysUsed : 0)
        }
        ombudsmanReferred = clock.ombudsman.referred
        ombudsmanDecided = clock.ombudsman.decided
        ombudsmanDecision = clock.ombudsman.decision
        ombudsmanAmountPence = clock.ombudsman.amountPence
        remedies = clock.remedies.map { Remedy(date: $0.date, kind: $0.remedy, amountPence: $0.amountPence) }
        categories = c.issues.map(\.category)
    }

    init(ending: CaseStatus?, stages: [Stage], ombudsmanReferred: LocalDate?, ombudsmanDecided: LocalDate?,
         ombudsmanDecision: OmbudsmanDecision?, ombudsmanAmountPence: Int?, remedies: [Remedy], categories: [String]) {
        self.ending = ending; self.stages = stages
        self.ombudsmanReferred = ombudsmanReferred; self.ombudsmanDecided = ombudsmanDecided
        self.ombudsmanDecision = ombudsmanDecision; self.ombudsmanAmountPence = ombudsmanAmountPence
        self.remedies = remedies; self.categories = categories
    }

    /// The first day from which the facts of `c` (with its clock as of any day) are the same
    /// whatever the day: the latest of its received date and its events' dates, when no pause is
    /// open. Nil when they change with the day: a stage paused and not resumed counts its paused
    /// days up to the day, and so moves its deadline and its timeliness.
    ///
    /// From that day on, nothing the facts hold reads the day: an answered stage's days end at its
    /// answer, a running one's are not kept; deadlines move only by pauses, all ended; the
    /// escalation window turns responded into closed, which the facts do not tell apart.
    public static func settled(contact c: Contact, clock: CaseClock) -> LocalDate? {
        for s in clock.stages where s.pauses.contains(where: { $0.to == nil }) { return nil }
        return c.events.reduce(c.received) { max($0, $1.date) }
    }
}

// MARK: - Kept as bytes

extension ReportFacts {
    /// The form of `encoded`: a first byte, changed whenever the bytes change.
    static let format: UInt8 = 1

    /// The facts as bytes, for a store to keep (`init?(encoded:)` reads them back).
    public func encoded() -> [UInt8] {
        var w = FactsWriter()
        w.byte(Self.format)
        w.word(ending, Self.endings)
        w.number(stages.count)
        for s in stages {
            w.number(s.number)
            w.date(s.started)
            w.date(s.responded)
            w.date(s.endedOn)
            w.date(s.escalated)
            w.byte(s.satisfied.map { $0 ? 2 : 1 } ?? 0)
            w.word(s.outcome, StageOutcome.allCases)
            w.word(s.timeliness, Self.timelinesses)
            w.number(s.daysUsed)
        }
        w.date(ombudsmanReferred)
        w.date(ombudsmanDecided)
        w.word(ombudsmanDecision, OmbudsmanDecision.allCases)
        w.optionalNumber(ombudsmanAmountPence)
        w.number(remedies.count)
        for r in remedies {
            w.date(r.date)
            w.word(r.kind, RemedyKind.allCases)
            w.optionalNumber(r.amountPence)
        }
        w.number(categories.count)
        for c in categories { w.text(c) }
        return w.bytes
    }

    /// Facts read back from `encoded`'s bytes; nil for bytes that are not such facts whole (of
    /// another format, cut short, with a word out of range, or with bytes left over).
    public init?(encoded bytes: UnsafeBufferPointer<UInt8>) {
        self.init(encoded: bytes) { String(decoding: $0, as: UTF8.self) }
    }

    /// `init?(encoded:)` with each text made by `text` from its UTF-8 bytes (a reader's interner:
    /// one String for each distinct category, as when the issues are read).
    public init?(encoded bytes: UnsafeBufferPointer<UInt8>, text: (UnsafeBufferPointer<UInt8>) -> String) {
        var r = FactsReader(bytes: bytes)
        guard r.byte() == Self.format else { return nil }
        guard let ending = r.word(Self.endings), let stageCount = r.count() else { return nil }
        var stages: [Stage] = []
        stages.reserveCapacity(stageCount)
        for _ in 0..<stageCount {
            guard let number = r.number(), let started = r.date(), let responded = r.optionalDate(), let endedOn = r.optionalDate(),
                  let escalated = r.optionalDate(), let satisfiedByte = r.byte(), satisfiedByte <= 2,
                  let outcome = r.word(StageOutcome.allCases), let timeliness = r.word(Self.timelinesses), let days = r.number(),
                  (0...FactsReader.days.count).contains(days)
            else { return nil }
            stages.append(Stage(number: number, started: started, responded: responded, endedOn: endedOn, escalated: escalated,
                                satisfied: satisfiedByte == 0 ? nil : satisfiedByte == 2, outcome: outcome, timeliness: timeliness,
                                daysUsed: days))
        }
        guard let referred = r.optionalDate(), let decided = r.optionalDate(), let decision = r.word(OmbudsmanDecision.allCases),
              let amount = r.optionalNumber(), let remedyCount = r.count() else { return nil }
        var remedies: [Remedy] = []
        remedies.reserveCapacity(remedyCount)
        for _ in 0..<remedyCount {
            guard let date = r.date(), let kind = r.word(RemedyKind.allCases), let pence = r.optionalNumber() else { return nil }
            remedies.append(Remedy(date: date, kind: kind, amountPence: pence))
        }
        guard let categoryCount = r.count() else { return nil }
        // Each array made at its size (growing the categories one by one was a third of reading
        // a ten-year report's kept facts).
        var categories: [String] = []
        categories.reserveCapacity(categoryCount)
        for _ in 0..<categoryCount {
            guard let c = r.text(text) else { return nil }
            categories.append(c)
        }
        guard r.atEnd else { return nil }
        self.init(ending: ending, stages: stages, ombudsmanReferred: referred, ombudsmanDecided: decided, ombudsmanDecision: decision,
                  ombudsmanAmountPence: amount, remedies: remedies, categories: categories)
    }

    static let timelinesses: [Timeliness] = [.withinTarget, .withinExtension, .late, .open]
}

/// Numbers as zigzag varints, a word as its place in its list (0 for none), text as its length and UTF-8.
private struct FactsWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func number(_ n: Int) {
        var z = UInt64(bitPattern: Int64(n) << 1) ^ UInt64(bitPattern: Int64(n) >> 63)
        while z >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: z) | 0x80)
            z >>= 7
        }
        bytes.append(UInt8(z))
    }

    mutating func optionalNumber(_ n: Int?) {
        if let n { byte(1); number(n) } else { byte(0) }
    }

    mutating func date(_ d: LocalDate) { number(d.dayNumber) }

    mutating func date(_ d: LocalDate?) { optionalNumber(d?.dayNumber) }

    mutating func word<W: Equatable>(_ w: W?, _ all: [W]) {
        number(w.flatMap { all.firstIndex(of: $0) }.map { $0 + 1 } ?? 0)
    }

    mutating func text(_ s: String) {
        number(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }
}

/// `FactsWriter`'s reverse: every read is nil past the end or on a value out of range.
private struct FactsReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0

    var atEnd: Bool { at == bytes.count }

    mutating func byte() -> UInt8? {
        guard at < bytes.count else { return nil }
        defer { at += 1 }
        return bytes[at]
    }

    mutating func number() -> Int? {
        var z: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard shift < 64, let b = byte() else { return nil }
            z |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))))
    }

    /// A count of things that follow, each at least a byte: no more than the bytes left.
    mutating func count() -> Int? {
        guard let n = number(), n >= 0, n <= bytes.count - at else { return nil }
        return n
    }

    /// Present (1 and the number) or absent (0): the outer nil is bytes that are neither.
    mutating func optionalNumber() -> Int?? {
        switch byte() {
        case 0: return .some(nil)
        case 1: return number().map { .some($0) }
        default: return nil
        }
    }

    /// Days of the years 1 to 9999, as a date Heard reads from the record can be.
    static let days = LocalDate(year: 1, month: 1, day: 1)!.dayNumber...LocalDate(year: 9999, month: 12, day: 31)!.dayNumber

    mutating func date() -> LocalDate? {
        guard let n = number(), Self.days.contains(n) else { return nil }
        return LocalDate(dayNumber: n)
    }

    mutating func optionalDate() -> LocalDate?? {
        switch byte() {
        case 0: return .some(nil)
        case 1: return date().map { .some($0) }
        default: return nil
        }
    }

    mutating func word<W>(_ all: [W]) -> W?? {
        guard let n = number(), n >= 0, n <= all.count else { return nil }
        return .some(n == 0 ? nil : all[n - 1])
    }

    mutating func text(_ make: (UnsafeBufferPointer<UInt8>) -> String) -> String? {
        guard let n = count() else { return nil }
        defer { at += n }
        // Empty text as `SQLRow.text` and the interner give it.
        return n == 0 ? "" : make(UnsafeBufferPointer(rebasing: bytes[at..<(at + n)]))
    }
}
