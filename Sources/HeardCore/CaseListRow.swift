/// One row of `heard cases` as the store hands it to `CaseListBytes`: the text cells are the
/// database's own UTF-8 bytes, lent for the call only (no String per cell on the way).
public struct CaseListRow {
    public var reference: UnsafeBufferPointer<UInt8>
    public var kind: ContactKind
    public var received: LocalDate
    public var serviceArea: UnsafeBufferPointer<UInt8>
    public var team: UnsafeBufferPointer<UInt8>
    public var complainantName: UnsafeBufferPointer<UInt8>
    public var isChildOrYoungPerson: Bool
    public var officer: UnsafeBufferPointer<UInt8>
    public var stage: Int?
    public var status: CaseStatus
    public var due: LocalDate?
    public var overdue = false
    public var paused = false
    public var extended = false
    public var daysLeft: Int?

    /// A settled row (no clock figures); a live one gets them from its clock after.
    public init(reference: UnsafeBufferPointer<UInt8>, kind: ContactKind, received: LocalDate, serviceArea: UnsafeBufferPointer<UInt8>,
                team: UnsafeBufferPointer<UInt8>, complainantName: UnsafeBufferPointer<UInt8>, isChildOrYoungPerson: Bool,
                officer: UnsafeBufferPointer<UInt8>, stage: Int?, status: CaseStatus) {
        self.reference = reference
        self.kind = kind
        self.received = received
        self.serviceArea = serviceArea
        self.team = team
        self.complainantName = complainantName
        self.isChildOrYoungPerson = isChildOrYoungPerson
        self.officer = officer
        self.stage = stage
        self.status = status
    }

    /// The figures the list shows from a live case's clock (as `CaseSummary` takes them).
    public mutating func setClock(_ clock: CaseClock, calendar: WorkingDayCalendar) {
        status = clock.status
        stage = clock.stageNumber
        due = clock.due
        overdue = clock.isOverdue
        paused = clock.isPaused
        extended = clock.isExtended
        daysLeft = clock.daysLeft(calendar: calendar)
    }
}

extension CaseSummary {
    /// This summary as a list row, its Strings' bytes lent for `body`'s call.
    public func withListRow<R>(_ body: (CaseListRow) -> R) -> R {
        var ref = self.reference, area = self.serviceArea, team = self.team, name = self.complainantName, officer = self.officer
        return ref.withUTF8 { a in area.withUTF8 { b in team.withUTF8 { c in name.withUTF8 { d in officer.withUTF8 { e in
            var row = CaseListRow(reference: a, kind: kind, received: received, serviceArea: b, team: c, complainantName: d,
                                  isChildOrYoungPerson: isChildOrYoungPerson, officer: e, stage: stage, status: status)
            row.due = due
            row.overdue = overdue
            row.paused = paused
            row.extended = extended
            row.daysLeft = daysLeft
            return body(row)
        } } } } }
    }
}

extension RawRepresentable where Self: CaseIterable, RawValue == String {
    /// The case whose raw value is these bytes (a row's column, `ContactKind`, `CaseStatus`),
    /// without a String. Inlinable, so each caller gets it for its own type. A reader of many
    /// rows keeps a `RawValueBytes` of the type instead (this makes `allCases` at every call).
    @inlinable
    public init?(rawUTF8 b: UnsafeBufferPointer<UInt8>) {
        guard let found = Self.allCases.first(where: { $0.rawValue.utf8.count == b.count && $0.rawValue.utf8.elementsEqual(b) }) else { return nil }
        self = found
    }
}

/// The cases of a vocabulary by the bytes of their raw values, made once: a reader of many rows
/// finds a word of a column without making a String of it or the cases' list each time (the
/// report's reading of its events spent more on their kinds than on the rest of them).
public struct RawValueBytes<V: RawRepresentable & CaseIterable & Sendable>: Sendable where V.RawValue == String {
    @usableFromInline let cases: [(bytes: [UInt8], value: V)]

    public init() { cases = V.allCases.map { (Array($0.rawValue.utf8), $0) } }

    /// The case whose raw value is `b`, as `V(rawValue: String(decoding: b, as: UTF8.self))` finds
    /// it. Inlinable, so each caller gets it for its own type (a generic call cost more than the String).
    @inlinable
    public func callAsFunction(_ b: UnsafeBufferPointer<UInt8>) -> V? {
        for c in cases where c.bytes.count == b.count {
            var same = true
            for i in 0..<b.count where c.bytes[i] != b[i] { same = false; break }
            if same { return c.value }
        }
        return nil
    }
}
