import TerminalUI

/// A dialog takes the next key: one of its choices runs that choice's effects; any other closes it.
enum DialogUpdate {
    static func answer(_ d: DialogState, _ key: Key, _ ctx: ScreenContext) -> [Output] {
        guard case .char(let c) = key, let choice = d.choices.first(where: { $0.key == c }) else { return [] }
        if d.formWaitsUnder && choice.effects.isEmpty { return [.pop] }
        return choice.effects.map { e in
            // A bulk change that needs a value asks for it in a form of its own.
            if case .openBulkForm(let kind, let ids) = e { return .push(.form(CaseListUpdate.bulkForm(kind, ids: ids, ctx))) }
            // Escalating or closing many cases asks y, as the same move on one case does.
            if case .confirmBulk(let op, let ids) = e { return .dialog(confirmation(op, ids)) }
            return .effect(e)
        }
    }
}

extension DialogUpdate {
    /// `d`'s lines and as much of its list as a screen of `size` holds from its offset: each
    /// item whole (a refusal's reason wraps to two rows at 80 columns), with a row saying how
    /// many are above and one how many more below. The screen's title and key lines stay in
    /// view: two rows fewer than the terminal.
    static func shownLines(_ d: DialogState, size: Size) -> [String] {
        guard !d.list.isEmpty else { return d.lines }
        let (offset, count) = fitted(d, size: size)
        let above = offset > 0 ? ["  … \(Render.group(offset)) above (k or up to see them)"] : []
        let items = d.list[offset..<(offset + count)].map { "  " + $0 }
        let rest = d.list.count - offset - count
        let more = rest > 0 ? ["  … and \(Render.group(rest)) more (j or down to see them)"] : []
        return d.lines + above + items + more
    }

    /// Where the list starts on a screen of `size`, and how many of its items fit from there.
    static func fitted(_ d: DialogState, size: Size) -> (offset: Int, count: Int) {
        let rows = { (line: String) in Dialog.rows(of: line, areaWidth: size.width) }
        let room = Dialog.lineRows(areaHeight: size.height - 2) - d.lines.map(rows).reduce(0, +)
        let offset = listOffset(d.listOffset, count: d.list.count)
        var used = offset > 0 ? 1 : 0
        var count = 0
        for i in offset..<d.list.count {
            let n = rows("  " + d.list[i])
            // The last row is kept for "… and N more" unless this is the last item.
            let spare = i == d.list.count - 1 ? 0 : 1
            guard used + n + spare <= room else { break }
            count += 1
            used += n
        }
        // Never fewer than one item shown (a terminal too small is cut as any dialog is).
        return (offset, max(1, count))
    }

    /// `offset` kept within a list of `count` items.
    static func listOffset(_ offset: Int, count: Int) -> Int { min(max(0, offset), max(0, count - 1)) }

    /// The list's offset after `key`, when `key` moves through a dialog's list; nil for any other key.
    static func scrolled(_ d: DialogState, _ key: Key, size: Size) -> Int? {
        guard !d.list.isEmpty else { return nil }
        // A page is the items on screen now: counted in rows, it skipped the ones that wrap (a trial).
        let page = fitted(d, size: size).count
        let moved: Int
        switch key {
        case .down, .char("j"): moved = d.listOffset + 1
        case .up, .char("k"): moved = d.listOffset - 1
        case .pageDown, .char(" "): moved = d.listOffset + page
        case .pageUp: moved = d.listOffset - page
        case .home, .char("g"): moved = 0
        case .end, .char("G"): moved = d.list.count - 1
        default: return nil
        }
        return listOffset(moved, count: d.list.count)
    }

    /// The question before a bulk escalation or closure; y (not the key that chose it) goes on.
    static func confirmation(_ op: BulkOperation, _ ids: [Int64]) -> DialogState {
        let n = "\(Render.group(ids.count)) marked case\(ids.count == 1 ? "" : "s")"
        let what = op == .close ? "Close" : "Escalate"
        return DialogState(title: "\(what) \(n)?", lines: [
            op == .close ? "Each case whose procedure allows it now is closed; the rest are listed after."
                : "Each case whose procedure allows it now moves to its next stage, requested today; the rest are listed after.",
            "u undoes them all in one step.",
        ], choices: [DialogChoice("y", op == .close ? "close them" : "escalate them", [.bulk(op, ids: ids)])])
    }

    /// The help over a question: its own answers and the way out, not the keys of the screen
    /// under it, none of which reaches it (a trial pressed ? on :sar's matches and read the case
    /// list's keys).
    static func helpOverlay(_ d: DialogState, keymap: Keymap, offset: Int, glyphs: Glyphs) -> HelpOverlay {
        var help = HelpOverlay(keymap: keymap, keyScopes: [], title: "Keys (any other key closes)", offset: offset, glyphs: glyphs)
        let cancel = d.choices.contains { $0.key == "q" } ? "esc" : "esc q"
        help.entries = d.choices.map { HelpEntry(scope: "dialog", action: String($0.key), keys: [String($0.key)], description: $0.label) }
            + [HelpEntry(scope: "dialog", action: "cancel", keys: [cancel], description: "cancel: " + (d.choices.isEmpty ? "close" : "answer none")),
               d.choices.isEmpty && !d.list.isEmpty
                ? HelpEntry(scope: "dialog", action: "scroll", keys: ["j k up down", "pgup pgdn g G"], description: "move through the list")
                : HelpEntry(scope: "dialog", action: "wait", keys: ["j k up down"], description: "nothing: the question waits for its answer")]
        return help
    }

    /// Its choices (the later ones give way first at 80 columns, as the dialog lists them all
    /// anyway), then `? help` and the way out, pinned as on every screen: esc, and q (any key
    /// that is not a choice cancels).
    static func hints(_ d: DialogState, _ keymap: Keymap? = nil) -> [Hint] {
        let n = d.choices.count
        let help = keymap.flatMap { $0.keys(for: .global(.help)).first }.map { [Hint(key: $0.name, label: "help", priority: Hint.pinned)] } ?? []
        let list = d.list.count > 1 ? [Hint(key: "j/k", label: "more", priority: 0)] : []
        return d.choices.enumerated().map { i, c in Hint(key: String(c.key), label: c.label, priority: n - i) }
            + list + help
            + [Hint(key: d.choices.contains { $0.key == "q" } ? "esc" : "esc/q", label: "cancel", priority: Hint.pinned)]
    }
}
