import TerminalUI

extension ScreenKeys {
    /// The hint bar's entries: each command's first key, skipping unbound ones, then `?` help
    /// and the way out, pinned so a narrow terminal never loses them. The listed hints drop
    /// from the last one: a screen lists its hints most important first.
    func hintBar(_ keymap: Keymap, backLabel: String = "back", escapeLeaves: Bool = true, leaving: Set<KeyCommand> = []) -> [Hint] {
        let listed = hints.filter { c, _ in c != .global(.help) && c != .global(.back) && !leaving.contains(c) }
        var out: [Hint] = []
        for (i, (c, label)) in listed.enumerated() {
            guard let key = keymap.keys(for: c).first else { continue }
            out.append(Hint(key: key == .char(" ") ? "space" : key.name, label: label, priority: listed.count - i))
        }
        return out + ScreenKeys.pinnedHints(keymap, backLabel: backLabel, escapeLeaves: escapeLeaves)
    }

    /// `? help` and the way out (`q back`, or `q quit` on the case list), pinned. The way out
    /// names a printable key where one is bound (Esc is the other), as that is what a new user
    /// looks for. Where Esc does not leave (the case list), only another key is named.
    static func pinnedHints(_ keymap: Keymap, backLabel: String, escapeLeaves: Bool) -> [Hint] {
        var out: [Hint] = []
        if let help = keymap.keys(for: .global(.help)).first { out.append(Hint(key: help.name, label: "help", priority: Hint.pinned)) }
        let backKeys = keymap.keys(for: .global(.back))
        if let back = backKeys.first(where: { $0 != .escape }) ?? (escapeLeaves ? backKeys.first : nil) {
            out.append(Hint(key: back.name, label: backLabel, priority: Hint.pinned))
        }
        return out
    }
}
