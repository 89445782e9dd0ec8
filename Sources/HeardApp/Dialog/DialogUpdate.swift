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
        let fit = fitted(d, size: size)
        let above = fit.offset > 0 ? ["  … \(Render.group(fit.offset)) above (k or up to see them)"] : []
        let rest = d.list.count - fit.offset - fit.count
        let more = rest > 0 ? ["  … and \(Render.group(rest)) more (j or down to see them)"] : []
        // A list longer than the box keeps one height as it scrolls (it shrank and grew, its
        // edges moving under the reader's eye: an attack): blank rows before what is below.
        func padded(_ body: [String], _ below: [String]) -> [String] {
            let (rows, room) = listRoom(d, size: size)
            return body + Array(repeating: "", count: max(0, room - (body + below).map(rows).reduce(0, +))) + below
        }
        guard let part = fit.part else {
            let items = above + d.list[fit.offset..<(fit.offset + fit.count)].map { "  " + $0 }
            return d.lines + (fit.offset > 0 || rest > 0 ? padded(items, more) : items + more)
        }
        // One item longer than the screen holds: its rows from `listRowOffset`, moved through
        // with j and k as the items are (at 50x12 a refusal's end was cut, unreadable; an attack).
        let shown = Array(part.rows[part.from..<min(part.rows.count, part.from + part.room)])
        // Its first row gone up, the case it is about is named above it (an attack read a reason
        // with nothing to say which case).
        let item = d.list[fit.offset]
        let named = item.firstIndex(of: ":").map { String(item[..<$0]) } ?? ""
        // One row whatever the case's reference (3,000 characters another tool wrote wrapped it
        // over the whole screen, the box over the title, and j could not get past it: an attack).
        let lead = "  … " + (fit.offset > 0 ? "\(Render.group(fit.offset)) above; " : ""), tail = " continued (k: back)"
        let width = max(1, size.width - 4)
        let name = truncate(sanitizeForDisplay(named), toWidth: max(1, width - displayWidth(lead) - displayWidth(tail)))
        let heading = part.from == 0 ? above : [truncate(lead + name + tail, toWidth: width)]
        let after = part.from + shown.count < part.rows.count
            ? ["  … " + (rest > 0 ? "and \(Render.group(rest)) more " : "") + "(j: the rest of this one)"] : more
        return d.lines + padded(heading + shown, after)
    }

    /// Where the list starts on a screen of `size`, and how many of its items fit from there;
    /// `part` when the one item there does not fit whole: its rows, as wrapped, the first shown
    /// and how many rows the screen has for it.
    static func fitted(_ d: DialogState, size: Size) -> (offset: Int, count: Int, part: (rows: [String], from: Int, room: Int)?) {
        guard !d.list.isEmpty else { return (0, 0, nil) }
        let (rows, room) = listRoom(d, size: size)
        // Never past the last screenful (a resize left one refusal alone in the box: an attack).
        let offset = min(listOffset(d.listOffset, count: d.list.count), start(endingAt: d.list.count - 1, d, size: size))
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
        guard count == 0 else { return (offset, count, nil) }
        // Not even one fits: that one, a screenful of its rows at a time (one row kept for what follows).
        let wrapped = Dialog.wrapped("  " + d.list[offset], areaWidth: size.width)
        // (A row above for what is above, or which case this is once its first row has gone up.)
        let space = max(1, room - 2)
        let from = min(max(0, offset == d.listOffset ? d.listRowOffset : 0), max(0, wrapped.count - space))
        return (offset, 1, (wrapped, from, space))
    }

    /// How many rows a line takes in the box, and how many rows its list has: the screen's title
    /// and key lines stay in view, and the dialog's own lines come first.
    static func listRoom(_ d: DialogState, size: Size) -> (rows: (String) -> Int, room: Int) {
        let rows = { (line: String) in Dialog.rows(of: line, areaWidth: size.width) }
        return (rows, Dialog.lineRows(areaHeight: size.height - 2) - d.lines.map(rows).reduce(0, +))
    }

    /// `offset` kept within a list of `count` items.
    static func listOffset(_ offset: Int, count: Int) -> Int { min(max(0, offset), max(0, count - 1)) }

    /// The list's offset (and the row within an item too long for the screen) after `key`, when
    /// `key` moves through a dialog's list; nil for any other key.
    static func scrolled(_ d: DialogState, _ key: Key, size: Size) -> (offset: Int, row: Int)? {
        guard !d.list.isEmpty else { return nil }
        let fit = fitted(d, size: size)
        let here = (offset: fit.offset, row: fit.part?.from ?? 0)
        // The last screenful: where G goes, and j and PgDn stop (past it the box showed fewer and
        // fewer, and j at the end of a long last refusal went back to its start: an attack).
        let lastStart = start(endingAt: d.list.count - 1, d, size: size)
        let moreRows = fit.part.map { $0.from + $0.room < $0.rows.count } ?? false
        let atEnd = fit.offset >= lastStart && !moreRows
        switch key {
        case .down, .char("j"):
            if moreRows, let part = fit.part { return (fit.offset, part.from + 1) }
            return atEnd ? here : (fit.offset + 1, 0)
        case .up, .char("k"):
            if let part = fit.part, part.from > 0 { return (fit.offset, part.from - 1) }
            return (listOffset(fit.offset - 1, count: d.list.count), 0)
        case .pageDown, .char(" "):
            // A page is the items on screen now (counted in rows, it skipped the ones that wrap:
            // a trial), or the next screenful of rows of one longer than the screen (PgDn went
            // from its start to the next one, and its end, what to do, was never shown: an attack).
            if moreRows, let part = fit.part { return (fit.offset, min(part.from + part.room, part.rows.count - part.room)) }
            return atEnd ? here : (max(fit.offset + 1, min(fit.offset + fit.count, lastStart)), 0)
        case .pageUp:
            if let part = fit.part, part.from > 0 { return (fit.offset, max(0, part.from - part.room)) }
            // Back a screenful: the one that ends just above the first shown (it went back by the
            // number shown, one after G, as a trial found).
            return (fit.offset == 0 ? 0 : start(endingAt: fit.offset - 1, d, size: size), 0)
        case .home, .char("g"): return (0, 0)
        case .end, .char("G"):
            // The last screenful; when its one refusal is longer than the screen, its end.
            var last = d
            last.listOffset = lastStart
            last.listRowOffset = Int.max
            return (lastStart, fitted(last, size: size).part?.from ?? 0)
        default: return nil
        }
    }

    /// The first item of the screenful that ends with item `last`: as many before it as fit
    /// with it, by `fitted`'s measure (a row for what is above, one for what is below).
    static func start(endingAt last: Int, _ d: DialogState, size: Size) -> Int {
        guard !d.list.isEmpty else { return 0 }
        let last = listOffset(last, count: d.list.count)
        let (rows, room) = listRoom(d, size: size)
        let below = last < d.list.count - 1 ? 1 : 0
        var used = rows("  " + d.list[last]) + below
        var first = last
        while first > 0 {
            let n = rows("  " + d.list[first - 1])
            // With an item before it, a row says what is above unless it is the list's first.
            guard used + n + (first - 1 > 0 ? 1 : 0) <= room else { break }
            used += n
            first -= 1
        }
        return first
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
        // A list's keys one line each: on one line they were cut at the help's width.
        let moves = d.choices.isEmpty && !d.list.isEmpty
            ? [HelpEntry(scope: "dialog", action: "scroll", keys: ["j k up down"], description: "the next or the one before"),
               HelpEntry(scope: "dialog", action: "page", keys: ["pgdn pgup"], description: "a screenful on or back"),
               HelpEntry(scope: "dialog", action: "ends", keys: ["g G"], description: "the first, the last")]
            : [HelpEntry(scope: "dialog", action: "wait", keys: ["j k up down"], description: "nothing: the question waits for its answer")]
        let undo = d.undoKeyUndoes ? keymap.keys(for: .global(.undo)).map(\.name) : []
        let undoes = undo.isEmpty ? [] : [HelpEntry(scope: "dialog", action: "undo", keys: [undo.joined(separator: " ")], description: "close it and undo the last change")]
        help.entries = d.choices.map { HelpEntry(scope: "dialog", action: String($0.key), keys: [String($0.key)], description: $0.label) }
            + [HelpEntry(scope: "dialog", action: "cancel", keys: [cancel], description: "cancel: " + (d.choices.isEmpty ? "close" : "answer none"))]
            + moves + undoes
        return help
    }

    /// Its choices (the later ones give way first at 80 columns, as the dialog lists them all
    /// anyway), then `? help` and the way out, pinned as on every screen: esc, and q (any key
    /// that is not a choice cancels).
    static func hints(_ d: DialogState, _ keymap: Keymap? = nil, size: Size? = nil) -> [Hint] {
        let n = d.choices.count
        let help = keymap.flatMap { $0.keys(for: .global(.help)).first }.map { [Hint(key: $0.name, label: "help", priority: Hint.pinned)] } ?? []
        // "more" only when there is more than the box shows (said with every refusal in view: an attack).
        let whole = d.list.isEmpty ? true : size.map { size in
            let fit = fitted(d, size: size)
            return fit.offset == 0 && fit.count == d.list.count && fit.part == nil
        } ?? false
        let list = d.list.count > 1 && !whole ? [Hint(key: "j/k", label: "more", priority: 0)] : []
        return d.choices.enumerated().map { i, c in Hint(key: String(c.key), label: c.label, priority: n - i) }
            + list + help
            + [Hint(key: d.choices.contains { $0.key == "q" } ? "esc" : "esc/q", label: "cancel", priority: Hint.pinned)]
    }
}
