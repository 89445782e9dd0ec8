import HeardCore

/// "My work" (`M`): what is due from the officer config.toml names, in five sections:
/// overdue deadlines, deadlines due soon, letters to send, actions, and subject access requests.
public struct MyWorkState: Sendable {
    /// What the store computed (`Store.myWork`); nil until it arrives.
    public var work: MyWork?
    public var selection = 0
    public var scroll = 0
    /// The subject access request `d` asks about: answered today? (y).
    public var confirmingAnswered: SubjectAccessRequest?

    public init() {}

    /// The five sections in the order shown.
    public enum Section: String, CaseIterable, Sendable {
        case overdue = "Overdue"
        case dueSoon = "Due soon"
        case letters = "Letters to send"
        case actions = "Actions"
        /// Every open subject access request, from the day it is recorded (overdue ones say so).
        case requests = "Subject access requests"

        func holds(_ e: MyWorkEntry) -> Bool {
            switch self {
            case .overdue: return !e.isAction && !e.isLetter && !e.isRequest && e.isOverdue
            case .dueSoon: return !e.isAction && !e.isLetter && !e.isRequest && !e.isOverdue
            case .letters: return e.isLetter
            case .actions: return e.isAction
            case .requests: return e.isRequest
            }
        }
    }

    /// A line of the screen: a section heading or an entry.
    public enum Row: Equatable, Sendable { case heading(Section, count: Int), entry(MyWorkEntry) }

    /// Every line: each non-empty section's heading, then its entries in the cases' order.
    public var rows: [Row] {
        guard let work else { return [] }
        let entries = work.entries
        var out: [Row] = []
        for section in Section.allCases {
            let mine = entries.filter(section.holds)
            if mine.isEmpty { continue }
            out.append(.heading(section, count: mine.count))
            out += mine.map(Row.entry)
        }
        return out
    }

    /// Indices of entry rows (headings are skipped by the selection).
    func entryRowIndices(_ rows: [Row]) -> [Int] {
        rows.indices.filter { if case .entry = rows[$0] { return true }; return false }
    }

    /// The entry under the selection.
    public var selectedEntry: MyWorkEntry? {
        let r = rows
        let idx = entryRowIndices(r)
        guard idx.indices.contains(selection), case .entry(let e) = r[idx[selection]] else { return nil }
        return e
    }
}
