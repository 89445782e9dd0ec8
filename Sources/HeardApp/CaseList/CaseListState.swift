import HeardCore
import HeardStore
import TerminalUI

/// The state filter cycled with `f`.
public enum StateFilter: String, CaseIterable, Sendable {
    case all, open, overdue, dueSoon = "due soon", closed

    func keeps(_ s: CaseSummary, dueSoonDays: Int) -> Bool {
        switch self {
        case .all: return true
        case .open: return s.status.isActive
        case .overdue: return s.overdue
        case .dueSoon: return !s.overdue && !s.paused && (s.daysLeft.map { $0 >= 0 && $0 <= dueSoonDays } ?? false)
        case .closed: return !s.status.isActive
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
    public init() {}

    public var isEmpty: Bool { self == ListFilters() }

    func keeps(_ s: CaseSummary, dueSoonDays: Int) -> Bool {
        if !state.keeps(s, dueSoonDays: dueSoonDays) { return false }
        if let st = stage, s.stage != st { return false }
        if let a = serviceArea, s.serviceArea != a { return false }
        if let o = officer, s.officer != o { return false }
        if let k = kind, s.kind != k { return false }
        if let c = childOrYoungPerson, s.isChildOrYoungPerson != c { return false }
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
    public var rows: [CaseRow] = []
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
    public var dueSoonDays = 5
    /// A row to select when it arrives (a contact just logged).
    public var pendingSelection: Int64?

    public init() {}

    /// Rows shown, in order.
    public var visibleSummaries: [CaseSummary] { shown.map { rows[$0].summary } }
    public var selectedRow: CaseSummary? { shown.indices.contains(selection.selected) ? rows[shown[selection.selected]].summary : nil }

    /// The query in force: the one being typed, else the kept one.
    var activeQuery: String { queryInput?.text ?? query }

    /// Recomputes the shown rows from scratch (after loading, sorting or changing filters).
    public mutating func refilter(keepSelection: Bool = true) {
        let keepID = keepSelection ? selectedRow?.id : nil
        let words = Fold.words(activeQuery)
        var out: [Int] = []
        out.reserveCapacity(rows.count)
        for i in rows.indices where filters.keeps(rows[i].summary, dueSoonDays: dueSoonDays) && (words.isEmpty || rows[i].matches(words)) {
            out.append(i)
        }
        shown = sorted(out)
        restoreSelection(keepID)
    }

    /// Narrows the shown rows after the query grew: only rows already shown can match.
    mutating func narrow() {
        let words = Fold.words(activeQuery)
        shown = shown.filter { rows[$0].matches(words) }
        selection.selected = min(selection.selected, max(0, shown.count - 1))
    }

    mutating func restoreSelection(_ id: Int64?) {
        if let id, let i = shown.firstIndex(where: { rows[$0].id == id }) { selection.selected = i }
        else { selection.selected = min(selection.selected, max(0, shown.count - 1)) }
    }

    func sorted(_ idx: [Int]) -> [Int] { idx.sorted(by: precedes) }

    /// The list's order: by the sort column, undated deadlines last, newest id first on ties.
    func precedes(_ ia: Int, _ ib: Int) -> Bool {
        let asc = sortAscending
        func cmp<T: Comparable>(_ a: T, _ b: T) -> Bool? { a == b ? nil : (asc ? a < b : a > b) }
        let a = rows[ia].summary, b = rows[ib].summary
        let r: Bool?
        switch sortColumn {
        case .reference: r = cmp(a.reference, b.reference)
        case .received: r = cmp(a.received, b.received)
        case .kind: r = cmp(a.kind.label, b.kind.label)
        case .serviceArea: r = cmp(a.serviceArea, b.serviceArea)
        case .complainant: r = cmp(a.complainantName, b.complainantName)
        case .stage: r = cmp(a.stage ?? 0, b.stage ?? 0)
        case .officer: r = cmp(a.officer, b.officer)
        case .due:
            // Undated last whichever the direction: a case without a clock has no urgency.
            switch (a.due, b.due) {
            case (nil, nil): r = nil
            case (nil, _): return false
            case (_, nil): return true
            case (let x?, let y?): r = cmp(x, y)
            }
        }
        if let r { return r }
        return a.id > b.id
    }

    /// Whether a row passes the filters and the `/` text.
    func passes(_ row: CaseRow) -> Bool {
        let words = Fold.words(activeQuery)
        return filters.keeps(row.summary, dueSoonDays: dueSoonDays) && (words.isEmpty || row.matches(words))
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
        let keepID = selectedRow?.id
        let returned = Set(fresh.map(\.id))
        var reorder = false
        for r in fresh {
            if let i = rows.firstIndex(where: { $0.id == r.id }) {
                let old = rows[i]
                rows[i] = r
                if passes(old) != passes(r) || sortValue(old.summary) != sortValue(r.summary) { reorder = true }
            } else {
                rows.append(r)
                let idx = rows.count - 1
                if passes(r) {
                    var lo = 0, hi = shown.count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if precedes(shown[mid], idx) { lo = mid + 1 } else { hi = mid }
                    }
                    shown.insert(idx, at: lo)
                }
            }
        }
        let gone = Set(requested.filter { !returned.contains($0) })
        if !gone.isEmpty {
            rows.removeAll { gone.contains($0.id) }
            marked.subtract(gone)
            reorder = true
        }
        if reorder { refilter() } else { restoreSelection(keepID) }
        if let id = pendingSelection, let i = shown.firstIndex(where: { rows[$0].id == id }) {
            selection.selected = i
            pendingSelection = nil
        }
    }

    /// Replaces the rows (a load or reload), keeping selection, sort, filters and marks.
    public mutating func replaceRows(_ new: [CaseRow]) {
        rows = new
        let ids = Set(new.map(\.id))
        marked = marked.filter { ids.contains($0) }
        loaded = true
        refilter()
        if let id = pendingSelection, let i = shown.firstIndex(where: { rows[$0].id == id }) {
            selection.selected = i
            pendingSelection = nil
        }
    }
}
