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
    }
}
