import HeardCore
import TerminalUI

/// One row of the case list as a value: what a refresh brings and what the screens read.
public struct CaseRow: Sendable {
    public var summary: CaseSummary
    public init(_ s: CaseSummary) { summary = s }
    public var id: Int64 { summary.id }
}

/// Every row of the case list, stored by column so 100,000 of them fit in a few megabytes: fixed
/// fields in one array of small records, the reference, name, subject child and summary as UTF-8
/// in one byte buffer (searched in place by `/` as `CaseSearch` defines, folded on the fly), service areas, teams and officers as
/// indices into a table of their distinct values. A row becomes a `CaseRow` only when asked for
/// (the rows on screen, the selected one).
///
/// A field with accents or other scripts, or an apostrophe (which folding leaves out), is kept
/// twice, folded in the row's haystack and as shown after it; other ASCII fields once, as shown
/// (`CaseSearch` lower-cases them as it reads). A whole
/// folded copy of such a row would cost 3 MB at 100,000 contacts, most of it ASCII summaries.
public struct CaseRows: Sendable, RandomAccessCollection {
    struct Record: Sendable {
        var id: Int64
        var received: Int32
        var due: Int32          // Int32.min: none
        var daysLeft: Int32     // Int32.min: none
        var version: Int32
        /// The reference, name, subject child and summary, separated by `CaseSearch.separator`, at
        /// `text[start..<start+textLength]`: the haystack `CaseSearch` reads. A field whose bit is
        /// set in `folded` is there folded; the others as shown.
        var start: UInt32
        var referenceLength: UInt32
        var nameLength: UInt32
        var childLength: UInt32
        var summaryLength: UInt32
        /// Bytes after the haystack holding the folded fields as shown: for each, in field order,
        /// its length (4 bytes, little-endian) then its bytes. 0 when the row is ASCII.
        var shownLength: UInt32
        var serviceArea: UInt32
        var team: UInt32
        var officer: UInt32
        /// The kind's place in `kinds` (low 4 bits) and the status's in `statuses` (high 4 bits).
        var kindStatus: UInt8
        /// Bit f set: field f (0 reference, 1 name, 2 subject child, 3 summary) is not ASCII, so
        /// the haystack holds it folded and its shown text follows the haystack.
        var folded: UInt8
        var stage: UInt8        // 0: none
        var flags: UInt8

        static let cyp: UInt8 = 1, overdue: UInt8 = 2, paused: UInt8 = 4, extended: UInt8 = 8
        static let held: UInt8 = 16

        var textLength: Int { Int(referenceLength) + Int(nameLength) + Int(childLength) + Int(summaryLength) + 3 }
        /// Every byte the row holds in `text`.
        var storedLength: Int { textLength + Int(shownLength) }
        var kind: Int { Int(kindStatus & 15) }
        var status: Int { Int(kindStatus >> 4) }
    }

    static let kinds = ContactKind.allCases
    static let statuses = CaseStatus.allCases

    private(set) var records: [Record] = []
    private var text: [UInt8] = []
    /// For each row, which bytes its haystack holds (`ByteMask`): `/` passes over a row that lacks
    /// one of a word's bytes without reading its text.
    private(set) var masks: [UInt64] = []
    /// Distinct service areas, teams and officers, and where each is in `values`.
    private var values: [String] = []
    private var valueIndex: [String: UInt32] = [:]
    /// Bytes of `text` no row refers to any more (rows replaced or removed).
    private var garbage = 0
    /// The widest reference, in bytes (references are ASCII in practice): the list's column fits
    /// it. Kept as rows change, so a save need not look at every row to size the column.
    private(set) var widestReference = 0
    /// The widest officer any row was given, in cells: the list's Officer column fits it,
    /// whatever officers were known when the list opened (a bulk change brings a new one).
    /// It never narrows while the rows are kept (a name no row has any more leaves the column
    /// a little wide until the list is read again), so a save need not look at every row.
    private(set) var widestOfficer = 0
    /// Which of `values` some row has had as its officer (by the value's place).
    private var officerSeen: [Bool] = []

    public init() {}
    public init(_ rows: [CaseRow]) {
        reserve(rows.count, textBytes: 0)
        for r in rows { append(r.summary) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { records.count }
    public subscript(i: Int) -> CaseRow { CaseRow(summary(i)) }

    public mutating func reserve(_ rows: Int, textBytes: Int) {
        records.reserveCapacity(rows)
        masks.reserveCapacity(rows)
        text.reserveCapacity(textBytes)
    }

    public mutating func append(_ s: CaseSummary) {
        records.append(record(s))
        masks.append(mask(records[records.count - 1]))
        widestReference = Swift.max(widestReference, s.reference.utf8.count)
    }

    /// Replaces row `i` with a fresh copy of the same contact.
    mutating func replace(_ i: Int, with s: CaseSummary) {
        garbage += records[i].storedLength
        let wasWidest = referenceBytes(records[i]) == widestReference
        records[i] = record(s)
        masks[i] = mask(records[i])
        // Only when the widest row became narrower must every row be looked at again.
        if wasWidest && referenceBytes(records[i]) < widestReference { widestReference = widest() }
        else { widestReference = Swift.max(widestReference, referenceBytes(records[i])) }
        compactIfWasteful()
    }

    /// Drops the rows whose contacts are in `ids`.
    mutating func remove(ids: Set<Int64>) {
        for r in records where ids.contains(r.id) { garbage += r.storedLength }
        masks = records.indices.filter { !ids.contains(records[$0].id) }.map { masks[$0] }
        records.removeAll { ids.contains($0.id) }
        widestReference = widest()
        compactIfWasteful()
    }

    private mutating func compactIfWasteful() {
        guard garbage > 4096 && garbage > text.count / 2 else { return }
        var fresh: [UInt8] = []
        fresh.reserveCapacity(text.count - garbage)
        for i in records.indices {
            let r = records[i]
            let n = r.storedLength
            let start = fresh.count
            fresh.append(contentsOf: text[Int(r.start)..<Int(r.start) + n])
            records[i].start = UInt32(start)
        }
        text = fresh
        garbage = 0
    }

    /// The bytes of row `r`'s haystack, as `ByteMask` counts them.
    private func mask(_ r: Record) -> UInt64 {
        text.withUnsafeBufferPointer { t in ByteMask.of(UnsafeBufferPointer(rebasing: t[Int(r.start)..<Int(r.start) + r.textLength])) }
    }

    private mutating func intern(_ s: String) -> UInt32 {
        if let i = valueIndex[s] { return i }
        let i = UInt32(values.count)
        values.append(s)
        valueIndex[s] = i
        return i
    }

    /// `intern` for an officer, keeping `widestOfficer` (one array look-up per row).
    private mutating func internOfficer(_ s: String) -> UInt32 {
        let i = intern(s)
        if Int(i) >= officerSeen.count { officerSeen.append(contentsOf: repeatElement(false, count: Int(i) + 1 - officerSeen.count)) }
        if !officerSeen[Int(i)] {
            officerSeen[Int(i)] = true
            widestOfficer = Swift.max(widestOfficer, displayWidth(s))
        }
        return i
    }

    private mutating func record(_ s: CaseSummary) -> Record {
        let start = text.count
        var folded: UInt8 = 0
        /// Appends field `f` to the haystack; its length there.
        func put(_ field: String, _ f: Int) -> UInt32 {
            if f > 0 { text.append(CaseSearch.separator) }
            let before = text.count
            if field.utf8.allSatisfy({ $0 < 128 }) && !CaseSearch.asciiFoldsAway(field) {
                // As shown: `CaseSearch` reads its capitals as lower case, as folding would make them.
                text.append(contentsOf: field.utf8)
            } else {
                // Accented or other scripts: the haystack holds the folded form `CaseSearch` defines.
                CaseSearch.appendFolded(field, to: &text)
                folded |= 1 << f
            }
            return UInt32(text.count - before)
        }
        /// Appends field `f` as shown after the haystack when the haystack holds it folded.
        func keepShown(_ field: String, _ f: Int) {
            guard folded & (1 << f) != 0 else { return }
            let n = UInt32(field.utf8.count)
            for k in 0..<4 { text.append(UInt8(truncatingIfNeeded: n >> (8 * UInt32(k)))) }
            text.append(contentsOf: field.utf8)
        }
        let lengths = (put(s.reference, 0), put(s.complainantName, 1), put(s.subjectChild, 2), put(s.summary, 3))
        let haystackEnd = text.count
        keepShown(s.reference, 0); keepShown(s.complainantName, 1); keepShown(s.subjectChild, 2); keepShown(s.summary, 3)
        var flags: UInt8 = 0
        if s.isChildOrYoungPerson { flags |= Record.cyp }
        if s.overdue { flags |= Record.overdue }
        if s.paused { flags |= Record.paused }
        if s.extended { flags |= Record.extended }
        if s.legalHold { flags |= Record.held }
        func clamp32(_ n: Int) -> Int32 { Int32(clamping: n) }
        return Record(id: s.id, received: clamp32(s.received.dayNumber), due: s.due.map { clamp32($0.dayNumber) } ?? .min,
                      daysLeft: s.daysLeft.map(clamp32) ?? .min, version: clamp32(s.version), start: UInt32(start),
                      referenceLength: lengths.0, nameLength: lengths.1, childLength: lengths.2, summaryLength: lengths.3,
                      shownLength: UInt32(text.count - haystackEnd),
                      serviceArea: intern(s.serviceArea), team: intern(s.team), officer: internOfficer(s.officer),
                      kindStatus: UInt8(Self.kinds.firstIndex(of: s.kind) ?? 0) | UInt8(Self.statuses.firstIndex(of: s.status) ?? 0) << 4,
                      folded: folded, stage: UInt8(clamping: s.stage ?? 0), flags: flags)
    }

    private func string(_ range: Range<Int>) -> String {
        text.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// Where field `f` of `r` (0 reference, 1 name, 2 subject child, 3 summary) is as shown: in the
    /// haystack when it is ASCII, else its copy after the haystack.
    private func shown(_ r: Record, _ f: Int) -> Range<Int> {
        if r.folded & (1 << f) == 0 {
            let name = Int(r.start) + Int(r.referenceLength) + 1, child = name + Int(r.nameLength) + 1
            let summary = child + Int(r.childLength) + 1
            switch f {
            case 0: return Int(r.start)..<Int(r.start) + Int(r.referenceLength)
            case 1: return name..<name + Int(r.nameLength)
            case 2: return child..<child + Int(r.childLength)
            default: return summary..<summary + Int(r.summaryLength)
            }
        }
        var p = Int(r.start) + r.textLength
        for g in 0...f where r.folded & (1 << g) != 0 {
            var n = 0
            for k in 0..<4 { n |= Int(text[p + k]) << (8 * k) }
            if g == f { return p + 4..<p + 4 + n }
            p += 4 + n
        }
        return p..<p   // not reached: bit f is set
    }

    /// The reference's length in bytes as shown.
    private func referenceBytes(_ r: Record) -> Int { r.folded & 1 == 0 ? Int(r.referenceLength) : shown(r, 0).count }

    // MARK: - Reading one field of row i (no strings made for the filters and sorts)

    public func id(_ i: Int) -> Int64 { records[i].id }
    func received(_ i: Int) -> Int { Int(records[i].received) }
    func due(_ i: Int) -> Int? { records[i].due == .min ? nil : Int(records[i].due) }
    func daysLeft(_ i: Int) -> Int? { records[i].daysLeft == .min ? nil : Int(records[i].daysLeft) }
    func stage(_ i: Int) -> Int? { records[i].stage == 0 ? nil : Int(records[i].stage) }
    func kind(_ i: Int) -> ContactKind { Self.kinds[records[i].kind] }
    func status(_ i: Int) -> CaseStatus { Self.statuses[records[i].status] }
    func flag(_ i: Int, _ f: UInt8) -> Bool { records[i].flags & f != 0 }
    func serviceArea(_ i: Int) -> String { values[Int(records[i].serviceArea)] }
    func officer(_ i: Int) -> String { values[Int(records[i].officer)] }
    public func reference(_ i: Int) -> String { string(shown(records[i], 0)) }

    /// Each distinct value's place in sorted order, for sorting by service area or officer.
    func valueRanks() -> [UInt32] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [UInt32](repeating: 0, count: values.count)
        for (k, i) in order.enumerated() { ranks[i] = UInt32(k) }
        return ranks
    }

    func rank(_ i: Int, _ officer: Bool, _ ranks: [UInt32]) -> UInt32 {
        ranks[Int(officer ? records[i].officer : records[i].serviceArea)]
    }

    /// Service areas or officers that some row has, each once.
    func distinct(_ field: KeyPath<Record, UInt32>) -> [String] {
        var seen = Set<UInt32>()
        for r in records { seen.insert(r[keyPath: field]) }
        return seen.map { values[Int($0)] }
    }

    /// The whole row as the store gave it.
    public func summary(_ i: Int) -> CaseSummary {
        let r = records[i]
        var s = CaseSummary(id: r.id, reference: string(shown(r, 0)), kind: kind(i), received: LocalDate(dayNumber: Int(r.received)),
                           serviceArea: values[Int(r.serviceArea)], team: values[Int(r.team)],
                           complainantName: string(shown(r, 1)), isChildOrYoungPerson: r.flags & Record.cyp != 0,
                           officer: values[Int(r.officer)], summary: string(shown(r, 3)),
                           stage: stage(i), status: status(i), due: due(i).map(LocalDate.init(dayNumber:)),
                           overdue: r.flags & Record.overdue != 0, paused: r.flags & Record.paused != 0,
                           extended: r.flags & Record.extended != 0, daysLeft: daysLeft(i), version: Int(r.version),
                           subjectChild: string(shown(r, 2)))
        s.legalHold = r.flags & Record.held != 0
        return s
    }

    /// The row of the case with id `id`.
    public func index(ofID id: Int64) -> Int? { records.firstIndex { $0.id == id } }

    /// The row whose reference is `reference` (ASCII case ignored), without making a string per row.
    public func index(ofReference reference: String) -> Int? {
        let want = Array(reference.utf8).map(CaseSearch.lower)
        return text.withUnsafeBufferPointer { t in
            records.firstIndex { r in
                guard referenceBytes(r) == want.count else { return false }
                let s = r.folded & 1 == 0 ? Int(r.start) : shown(r, 0).lowerBound
                for j in 0..<want.count where CaseSearch.lower(t[s + j]) != want[j] { return false }
                return true
            }
        }
    }

    /// Orders rows `a` and `b` by their reference (`name`: by name) as Strings order them: as
    /// UTF-8 bytes when both rows are ASCII (the same order, without making strings), else as
    /// Strings (accented text may be stored composed or decomposed). Nil when equal.
    func compareText(_ a: Int, _ b: Int, name: Bool) -> Bool? {
        let ra = records[a], rb = records[b]
        if ra.folded != 0 || rb.folded != 0 {
            func text(_ r: Record) -> String { string(shown(r, name ? 1 : 0)) }
            let x = text(ra), y = text(rb)
            return x == y ? nil : x < y
        }
        let sa = Int(ra.start) + (name ? Int(ra.referenceLength) + 1 : 0), la = Int(name ? ra.nameLength : ra.referenceLength)
        let sb = Int(rb.start) + (name ? Int(rb.referenceLength) + 1 : 0), lb = Int(name ? rb.nameLength : rb.referenceLength)
        return text.withUnsafeBufferPointer { t in
            if !name { return Self.naturalOrder(t, sa, la, sb, lb) }
            var k = 0
            while k < la && k < lb {
                let x = t[sa + k], y = t[sb + k]
                if x != y { return x < y }
                k += 1
            }
            return la == lb ? nil : la < lb
        }
    }

    /// References in the order people read them: runs of digits by their value, so CS-2026-9999
    /// comes before CS-2026-10000 (a year past 9,999 contacts gets a fifth digit); nil when equal.
    static func naturalOrder(_ t: UnsafeBufferPointer<UInt8>, _ sa: Int, _ la: Int, _ sb: Int, _ lb: Int) -> Bool? {
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        var i = 0, j = 0
        while i < la && j < lb {
            let x = t[sa + i], y = t[sb + j]
            if isDigit(x) && isDigit(y) {
                // Compare the two runs by value: without leading zeros, the longer is larger.
                var i0 = i, j0 = j
                while i0 < la && t[sa + i0] == 48 { i0 += 1 }
                while j0 < lb && t[sb + j0] == 48 { j0 += 1 }
                var i1 = i0, j1 = j0
                while i1 < la && isDigit(t[sa + i1]) { i1 += 1 }
                while j1 < lb && isDigit(t[sb + j1]) { j1 += 1 }
                if i1 - i0 != j1 - j0 { return i1 - i0 < j1 - j0 }
                for k in 0..<(i1 - i0) where t[sa + i0 + k] != t[sb + j0 + k] { return t[sa + i0 + k] < t[sb + j0 + k] }
                // Equal values: more leading zeros first, then go on.
                if i1 - i != j1 - j { return i1 - i > j1 - j }
                i = i1; j = j1
                continue
            }
            if x != y { return x < y }
            i += 1; j += 1
        }
        let restA = la - i, restB = lb - j
        return restA == restB ? nil : restA < restB
    }

    /// `naturalOrder` of two strings' UTF-8: "Officer 2" before "Officer 10" (the filter panel's
    /// officers read in the order people count them).
    static func naturallyBefore(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        return (x + y).withUnsafeBufferPointer { naturalOrder($0, 0, x.count, x.count, y.count) } ?? false
    }

    /// The widest reference of any row, looked for in every row.
    func widest() -> Int { records.reduce(0) { Swift.max($0, referenceBytes($1)) } }

    /// Runs `body` with every row's text (display and folded) as one buffer.
    func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { text.withUnsafeBufferPointer(body) }

    /// Whether row i matches `search`, read in its haystack.
    func matches(_ i: Int, _ search: CaseSearch) -> Bool {
        let r = records[i]
        let start = Int(r.start)
        return text.withUnsafeBufferPointer { t in search.matches(UnsafeBufferPointer(rebasing: t[start..<start + r.textLength])) }
    }
}
