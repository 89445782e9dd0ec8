import HeardCore
import TerminalUI

/// The cases behind one figure of the report.
public struct FigureCasesState: Sendable {
    public var title: String
    public var references: [String]
    /// The list's rows for those references, found once when the figure is opened.
    var found: [String: CaseSummary] = [:]
    public var selection = SelectionState()
    public init(title: String, references: [String], rows: CaseRows = CaseRows()) {
        self.title = title; self.references = references
        let wanted = Set(references)
        for i in rows.indices {
            let ref = rows.reference(i)
            if wanted.contains(ref) { found[ref] = rows.summary(i) }
        }
        // Newest received first, as the case list orders them; a reference the list lacks last.
        let order = Dictionary(references.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        self.references = references.sorted { a, b in
            switch (found[a], found[b]) {
            case let (x?, y?) where x.received != y.received: return x.received > y.received
            case (_?, nil): return true
            case (nil, _?): return false
            default: return order[a, default: 0] < order[b, default: 0]
            }
        }
    }
}
