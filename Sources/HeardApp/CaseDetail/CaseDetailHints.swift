import HeardCore
import TerminalUI

extension CaseDetailUpdate {
    /// The detail's hint bar: `w workflow` only for a case that has a workflow (a compliment
    /// or a comment is recorded and counted, and `w` would only say so).
    static func hintBar(_ d: CaseDetailState, _ keymap: Keymap) -> [Hint] {
        let hasWorkflow = d.data?.contact.kind.hasWorkflow ?? false
        return keys.hintBar(keymap, leaving: hasWorkflow ? [] : [.caseDetail(.workflow)])
    }
}
