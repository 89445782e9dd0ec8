import HeardCore
import TerminalUI

/// The action plan: outstanding actions, overdue first, grouped by owner or service area.
public struct ActionPlanState: Sendable {
    public enum Grouping: String, Sendable { case owner, serviceArea = "service area" }

    public var items: [ActionItem] = []
    public var loaded = false
    public var grouping: Grouping = .owner
    /// Done and dropped actions are shown too.
    public var showAll = false
    public var selection = 0
    public var scroll = 0
    /// Completing an action waits for `y`.
    public var confirmingComplete: Int64?
    /// The `/` filter kept (Enter) and the one being typed, as on the case list.
    public var query = ""
    public var queryInput: TextInputState?

    /// The filter in force: the one being typed, else the kept one.
    public var activeQuery: String { queryInput?.text ?? query }

    /// Only these actions, whatever their status: the ones behind a report figure (Enter on
    /// "Actions · Overdue"), with the figure's name for the title.
    public var only: (figure: String, ids: Set<Int64>)?

    public init() {}

    public init(figure: String, ids: Set<Int64>) { only = (figure, ids); showAll = true }

    /// The ids of the actions behind a report figure, when every reference names one ("action #81").
    public static func ids(behind references: [String]) -> Set<Int64>? {
        var ids = Set<Int64>()
        for r in references {
            guard r.hasPrefix("action #"), let id = Int64(r.dropFirst("action #".count)) else { return nil }
            ids.insert(id)
        }
        return ids.isEmpty ? nil : ids
    }

    /// A row of the plan: a group heading or an action.
    public enum Row: Equatable, Sendable { case group(String, count: Int, overdue: Int), action(ActionItem) }

    public func rows(today: LocalDate) -> [Row] {
        let q = activeQuery
        let shown = items.filter { a in
            (showAll || a.status.isOutstanding) && a.matches(query: q) && (only.map { o in a.id.map(o.ids.contains) ?? false } ?? true)
        }
        var groups: [String: [ActionItem]] = [:]
        for a in shown {
            let key = grouping == .owner ? (a.owner.isEmpty ? "(no owner)" : a.owner) : (a.serviceArea.isEmpty ? "(all services)" : a.serviceArea)
            groups[key, default: []].append(a)
        }
        for k in groups.keys { groups[k]?.sort { ActionItem.reviewOrder($0, $1, today: today) } }
        // Groups with the most urgent action first.
        let order = groups.keys.sorted { a, b in
            guard let x = groups[a]?.first, let y = groups[b]?.first else { return a < b }
            if ActionItem.reviewOrder(x, y, today: today) { return true }
            if ActionItem.reviewOrder(y, x, today: today) { return false }
            return a < b
        }
        var out: [Row] = []
        for k in order {
            let list = groups[k] ?? []
            out.append(.group(k, count: list.count, overdue: list.filter { $0.isOverdue(today: today) }.count))
            out += list.map { .action($0) }
        }
        return out
    }

    /// How many actions `rows` shows (the headings not counted).
    public func shownCount(today: LocalDate) -> Int {
        rows(today: today).reduce(0) { n, row in if case .action = row { return n + 1 }; return n }
    }

    /// Indices of action rows (headings are skipped by the selection).
    func actionRowIndices(_ rows: [Row]) -> [Int] {
        rows.indices.filter { if case .action = rows[$0] { return true }; return false }
    }

    public func selectedAction(today: LocalDate) -> ActionItem? {
        let r = rows(today: today)
        let idx = actionRowIndices(r)
        guard idx.indices.contains(selection), case .action(let a) = r[idx[selection]] else { return nil }
        return a
    }
}
