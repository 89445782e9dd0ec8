import HeardCore
import TerminalUI

/// The state filter cycled with `f`.
public enum StateFilter: String, CaseIterable, Sendable {
    case all, open, overdue, dueSoon = "due soon", closed

    func keeps(_ rows: CaseRows, _ i: Int, dueSoonDays: Int) -> Bool {
        switch self {
        case .all: return true
        case .open: return rows.status(i).isActive
        case .overdue: return rows.flag(i, CaseRows.Record.overdue)
        case .dueSoon:
            return !rows.flag(i, CaseRows.Record.overdue) && !rows.flag(i, CaseRows.Record.paused)
                && (rows.daysLeft(i).map { $0 >= 0 && $0 <= dueSoonDays } ?? false)
        case .closed: return !rows.status(i).isActive
        }
    }
}

/// The filters of the filter panel (`F`); nil means any.
public struct ListFilters: Equatable, Sendable {
    public var state: StateFilter = .all
    public var stage: Int?
    public var serviceArea: String?
    public var officer: String?
    public var kind: ContactKind?
    public var childOrYoungPerson: Bool?
    /// Only cases on legal hold (true) or only those not (false).
    public var legalHold: Bool?
    public init() {}

    public var isEmpty: Bool { self == ListFilters() }

    func keeps(_ rows: CaseRows, _ i: Int, dueSoonDays: Int) -> Bool {
        if !state.keeps(rows, i, dueSoonDays: dueSoonDays) { return false }
        if let st = stage, rows.stage(i) != st { return false }
        if let a = serviceArea, rows.serviceArea(i) != a { return false }
        if let o = officer, rows.officer(i) != o { return false }
        if let k = kind, rows.kind(i) != k { return false }
        if let c = childOrYoungPerson, rows.flag(i, CaseRows.Record.cyp) != c { return false }
        if let h = legalHold, rows.flag(i, CaseRows.Record.held) != h { return false }
        return true
    }

    /// Words for the title bar, e.g. "overdue · stage 2 · Care Leavers".
    var chips: [String] {
        var out: [String] = []
        if state != .all { out.append(state.rawValue) }
        if let s = stage { out.append("stage \(s)") }
        if let a = serviceArea { out.append(a) }
        if let o = officer { out.append(o) }
        if let k = kind { out.append(k.label) }
        if let c = childOrYoungPerson { out.append(c ? "C&YP" : "not C&YP") }
        if let h = legalHold { out.append(h ? "legal hold" : "no legal hold") }
        return out
    }
}

/// The columns of the case list, in DESIGN.md's order.
public enum CaseColumn: Int, CaseIterable, Sendable {
    case reference, received, kind, serviceArea, complainant, stage, officer, due

    var title: String {
        switch self {
        case .reference: "Reference"
        case .received: "Received"
        case .kind: "Kind"
        case .serviceArea: "Service area"
        case .complainant: "Complainant"
        case .stage: "St"
        case .officer: "Officer"
        case .due: "Due"
        }
    }
}

/// The case list: every contact in memory, the rows the filters keep, sorted, with marks.
public struct CaseListState: Sendable {
    public var rows = CaseRows() { didSet { referenceWidth = rows.widestReference } }
    /// The widest reference in `rows`, kept as rows change (the column is sized to it each frame).
    private(set) var referenceWidth = 0
    /// Indices into `rows` of the rows shown, in display order.
    public var shown: [Int] = []
    public var selection = SelectionState()
    public var sortColumn: CaseColumn = .received
    public var sortAscending = false
    public var filters = ListFilters()
    /// The `/` text kept after Enter.
    public var query = ""
    /// The `/` input while typing.
    public var queryInput: TextInputState?
    public var marked: Set<Int64> = []
    public var loaded = false
    /// The first screenful is shown and the rest of the rows are still being read (at start):
    /// the count says so, and `*` waits rather than mark only what has arrived.
    public var stillLoading = false
    public var dueSoonDays = 5
    /// A row to select when it arrives (a contact just logged).
    public var pendingSelection: Int64?
    /// `*` pressed while the list was still loading: every case shown is marked once it is in.
    public var markAllWhenLoaded = false
    /// `G` pressed while the list was still loading (and nothing moved since): the selection
    /// goes to the last row once it is in, not the last of the first screenful.
    public var bottomWhenLoaded = false

    public init() {}

    /// What `*` and `G` asked for while the list was loading, done now that every row is in.
    mutating func finishKeysPressedWhileLoading(tableRows: Int) {
        if markAllWhenLoaded { marked.formUnion(visibleIDs) }
        if bottomWhenLoaded { selection.select(shown.count - 1, count: shown.count, visibleRows: tableRows) }
        markAllWhenLoaded = false
        bottomWhenLoaded = false
    }

    /// Rows shown, in order.
    public var visibleSummaries: [CaseSummary] { shown.map { rows.summary($0) } }
    /// The ids of the rows shown, in order (without making each row).
    public var visibleIDs: [Int64] { shown.map { rows.id($0) } }
    public var selectedRow: CaseSummary? { shown.indices.contains(selection.selected) ? rows.summary(shown[selection.selected]) : nil }
    /// The id of the selected row, without making the whole row.
    public var selectedID: Int64? { shown.indices.contains(selection.selected) ? rows.id(shown[selection.selected]) : nil }

    /// "Sorted by stage, ascending".
    var sortDescription: String {
        let name = sortColumn == .stage ? "stage" : sortColumn == .due ? "due date" : sortColumn.title.lowercased()
        return "Sorted by \(name), \(sortAscending ? "ascending" : "descending")"
    }

    /// The query in force: the one being typed, else the kept one.
    var activeQuery: String { queryInput?.text ?? query }

    /// Recomputes the shown rows from scratch (after loading, sorting or changing filters).
    public mutating func refilter(keepSelection: Bool = true) {
        let keepID = keepSelection ? selectedID : nil
        var out: [Int] = []
        out.reserveCapacity(rows.count)
        for i in rows.indices where filters.keeps(rows, i, dueSoonDays: dueSoonDays) { out.append(i) }
        shown = sorted(rows.matching(out, CaseSearch(activeQuery)))
        restoreSelection(keepID)
    }

    /// Narrows the shown rows after the query grew: only rows already shown can match.
    mutating func narrow() {
        let search = CaseSearch(activeQuery)
        shown = rows.matching(shown, search)
        selection.selected = min(selection.selected, max(0, shown.count - 1))
    }

    mutating func restoreSelection(_ id: Int64?) {
        // Most often (a save) the row is where it was: no look through 100,000 rows for it.
        if let id, shown.indices.contains(selection.selected), rows.id(shown[selection.selected]) == id { return }
        if let id, let i = shown.firstIndex(where: { rows.id($0) == id }) { selection.selected = i }
        else { selection.selected = min(selection.selected, max(0, shown.count - 1)) }
    }

    func sorted(_ idx: [Int]) -> [Int] {
        // Service areas and officers compare by their place among the distinct values, sorted once.
        let ranks = rows.valueRanks()
        // Rows arrive newest first, the list's first order: one look at each pair, not a sort
        // (the order is total, newest id first on ties, so an ordered list is the sorted one).
        if Self.isOrdered(idx, by: { precedes($0, $1, ranks: ranks) }) { return idx }
        return idx.sorted { precedes($0, $1, ranks: ranks) }
    }

    /// Whether each index comes before the next by `before`.
    static func isOrdered(_ idx: [Int], by before: (Int, Int) -> Bool) -> Bool {
        var k = 1
        while k < idx.count {
            if !before(idx[k - 1], idx[k]) { return false }
            k += 1
        }
        return true
    }

    /// The list's order: by the sort column, undated deadlines last, newest id first on ties.
    func precedes(_ a: Int, _ b: Int, ranks: [UInt32]? = nil) -> Bool {
        let asc = sortAscending
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Bool? { x == y ? nil : (asc ? x < y : x > y) }
        let r: Bool?
        switch sortColumn {
        case .reference: r = rows.compareText(a, b, name: false).map { asc ? $0 : !$0 }
        case .received: r = cmp(rows.received(a), rows.received(b))
        case .kind: r = cmp(rows.kind(a).label, rows.kind(b).label)
        case .serviceArea, .officer:
            let ranks = ranks ?? rows.valueRanks()
            r = cmp(rows.rank(a, sortColumn == .officer, ranks), rows.rank(b, sortColumn == .officer, ranks))
        case .complainant: r = rows.compareText(a, b, name: true).map { asc ? $0 : !$0 }
        case .stage: r = cmp(rows.stage(a) ?? 0, rows.stage(b) ?? 0)
        case .due:
            // Undated last whichever the direction: a case without a clock has no urgency.
            switch (rows.due(a), rows.due(b)) {
            case (nil, nil): r = nil
            case (nil, _): return false
            case (_, nil): return true
            case (let x?, let y?): r = cmp(x, y)
            }
        }
        if let r { return r }
        return rows.id(a) > rows.id(b)
    }

    /// Whether row i passes the filters and the `/` text.
    func passes(_ i: Int) -> Bool {
        let search = CaseSearch(activeQuery)
        return filters.keeps(rows, i, dueSoonDays: dueSoonDays) && (search.isEmpty || rows.matches(i, search))
    }

    /// What the sort compares for a row, to tell whether an update moves it.
    func sortValue(_ s: CaseSummary) -> String {
        switch sortColumn {
        case .reference: return s.reference
        case .received: return s.received.iso
        case .kind: return s.kind.rawValue
        case .serviceArea: return s.serviceArea
        case .complainant: return s.complainantName
        case .stage: return String(s.stage ?? 0)
        case .officer: return s.officer
        case .due: return s.due?.iso ?? ""
        }
    }

    /// Takes fresh copies of some rows after a change: updated in place when nothing about their
    /// place changed, inserted in order when new, dropped when gone (`requested` but not
    /// returned). A save at 100,000 rows must not re-sort them all.
    public mutating func upsert(_ fresh: [CaseRow], requested: [Int64]) {
        let keepID = selectedID
        let returned = Set(fresh.map(\.id))
        var reorder = false
        // The row refreshed is most often the one selected: looked at before every row is.
        let selectedIndex: Int? = shown.indices.contains(selection.selected) ? shown[selection.selected] : nil
        func index(of id: Int64) -> Int? {
            if let s = selectedIndex, rows.id(s) == id { return s }
            return rows.index(ofID: id)
        }
        for r in fresh {
            if let i = index(of: r.id) {
                let old = rows.summary(i)
                let passedBefore = passes(i)
                rows.replace(i, with: r.summary)
                if passedBefore != passes(i) || sortValue(old) != sortValue(r.summary) { reorder = true }
            } else {
                rows.append(r.summary)
                let idx = rows.count - 1
                if passes(idx) {
                    let ranks = rows.valueRanks()
                    var lo = 0, hi = shown.count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if precedes(shown[mid], idx, ranks: ranks) { lo = mid + 1 } else { hi = mid }
                    }
                    shown.insert(idx, at: lo)
                }
            }
        }
        let gone = Set(requested.filter { !returned.contains($0) })
        if !gone.isEmpty {
            rows.remove(ids: gone)
            marked.subtract(gone)
            reorder = true
        }
        if reorder {
            // `shown` holds positions from before any removal: choose the selection by id afresh.
            refilter(keepSelection: false)
        }
        restoreSelection(keepID)
        selectPending()
    }

    /// Replaces the rows (a load or reload), keeping selection, sort, filters and marks.
    public mutating func replaceRows(_ new: CaseRows) {
        rows = new
        // Marks on rows that are gone go (no set of 100,000 ids made when nothing is marked).
        if !marked.isEmpty {
            let ids = Set(new.indices.map { new.id($0) })
            marked = marked.filter { ids.contains($0) }
        }
        loaded = true
        refilter()
        selectPending()
    }

    private mutating func selectPending() {
        if let id = pendingSelection, let i = shown.firstIndex(where: { rows.id($0) == id }) {
            selection.selected = i
            pendingSelection = nil
        }
    }
}
