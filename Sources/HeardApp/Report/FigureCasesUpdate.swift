import HeardCore
import TerminalUI

/// What can happen on the cases behind a figure.
public enum FigureCasesAction: Sendable { case list(ListCommand) }

/// The update of the cases behind a figure: move, and open a case.
enum FigureCasesUpdate {
    static func update(_ fc: inout FigureCasesState, _ action: FigureCasesAction, _ ctx: ScreenContext) -> [Output] {
        let count = fc.references.count
        let rows = max(1, ctx.size.height - 5)
        switch action {
        case .list(let c):
            switch c {
            case .up: fc.selection.move(by: -1, count: count, visibleRows: rows)
            case .down: fc.selection.move(by: 1, count: count, visibleRows: rows)
            case .top: fc.selection.select(0, count: count, visibleRows: rows)
            case .bottom: fc.selection.select(count - 1, count: count, visibleRows: rows)
            case .pageUp: fc.selection.move(by: -rows, count: count, visibleRows: rows)
            case .pageDown: fc.selection.move(by: rows, count: count, visibleRows: rows)
            case .open:
                guard fc.references.indices.contains(fc.selection.selected) else { return [] }
                let ref = fc.references[fc.selection.selected]
                return [.openReference(ref, missing: .say("\(ref) is not in the case list."))]
            case .narrow, .mark: break
            }
            return []
        }
    }
}
