import TerminalUI

extension CaseListUpdate {
    /// The case list's keys.
    static let keys = ScreenKeys(scopes: [KeyScope(.caseList), KeyScope(.list), ScreenKeys.global], hints: [
        (.list(.open), "open"), (.list(.narrow), "find"), (.caseList(.quickEntry), "new"), (.caseList(.stateFilter), "state"),
        (.caseList(.filters), "filters"), (.caseList(.sortNext), "sort"), (.list(.mark), "mark"), (.caseList(.bulk), "bulk"),
        (.caseList(.workflow), "workflow"), (.global(.actionPlan), "actions"), (.global(.report), "report"), (.global(.help), "help"),
    ])

    /// The hint bar: the keys above, then `?` help and the key that quits. Esc does not quit
    /// the list (it would be too easy to leave by accident), so the hint names the key that does.
    static func hintBar(_ keymap: Keymap) -> [Hint] {
        keys.hintBar(keymap, backLabel: "quit", escapeLeaves: false)
    }

    /// While `/` is typed, the keys are those of a text field.
    static let queryHints = [Hint(key: "enter", label: "keep filter"), Hint(key: "esc", label: "clear"), Hint(key: "↑↓", label: "move")]
}
