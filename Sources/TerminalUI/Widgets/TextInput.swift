/// State of a single-line text input: its characters, the cursor and the horizontal scroll.
public struct TextInputState: Equatable, Sendable {
    /// Grapheme clusters of the text.
    public private(set) var characters: [Character]
    /// Cursor position as a grapheme index, 0...characters.count.
    public private(set) var cursor: Int
    /// First visible display column.
    public private(set) var scroll: Int
    /// Display column of the cursor from the start of the text. Kept as the text changes, like
    /// `totalWidth`: a key costs the same in a 100 KB paste as in a name (summing the widths on
    /// every key made pasting quadratic).
    public private(set) var cursorColumn: Int
    /// Display width of the whole text.
    public private(set) var totalWidth: Int

    /// Creates a state with the cursor at the end.
    public init(text: String = "") {
        characters = Array(sanitizeForDisplay(text))
        cursor = characters.count
        scroll = 0
        totalWidth = characters.reduce(0) { $0 + displayWidth($1) }
        cursorColumn = totalWidth
    }

    /// The text.
    public var text: String { String(characters) }

    /// The width of the characters in `range`.
    private func width(_ range: Range<Int>) -> Int { characters[range].reduce(0) { $0 + displayWidth($1) } }

    /// Moves the cursor to `i`, walking the widths between (a move is as long as it is).
    private mutating func moveCursor(to i: Int) {
        let j = min(max(0, i), characters.count)
        if j < cursor { cursorColumn -= width(j..<cursor) } else if j > cursor { cursorColumn += width(cursor..<j) }
        cursor = j
    }

    /// Removes the characters in `range` (the cursor is at or after its end, or before its start).
    private mutating func remove(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let w = width(range)
        characters.removeSubrange(range)
        totalWidth -= w
        if cursor >= range.upperBound { cursor -= range.count; cursorColumn -= w }
    }

    /// Replaces the text and puts the cursor at the end.
    public mutating func setText(_ s: String) { self = TextInputState(text: s) }

    /// What a key did to the field.
    public enum Edit: Equatable, Sendable {
        /// Not an editing key: nothing changed.
        case unhandled
        /// The cursor moved (or nothing happened); the text is as it was.
        case moved
        /// The text changed.
        case changed
    }

    /// Applies an editing key; returns whether the key was handled.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool { edit(key) != .unhandled }

    /// Applies an editing key and says what it did, without comparing texts (which costs the
    /// length of the text on every key).
    public mutating func edit(_ key: Key) -> Edit {
        let count = characters.count
        switch key {
        case .left, .right, .home, .end, .ctrl("a"), .ctrl("e"), .alt("b"), .alt("f"), .ctrlLeft, .ctrlRight:
            return apply(key) ? .moved : .unhandled
        case .char:
            // A joined mark changes the text without changing the count.
            return apply(key) ? .changed : .unhandled
        case .paste(let pasted, _):
            // A paste is text for this field whatever it holds: it is taken even when nothing
            // of it can be typed (only control characters), and never read as keys.
            return insert(BracketedPaste.text(pasted)) ? .changed : .moved
        default:
            guard apply(key) else { return .unhandled }
            return characters.count != count ? .changed : .moved
        }
    }

    /// Types `text` at the cursor as one edit (a paste): the characters a field cannot show are
    /// left out; true when anything was typed. One insertion, so a 64 KB paste into the middle of
    /// a field costs its length once, not once per character.
    @discardableResult
    public mutating func insert(_ text: String) -> Bool {
        var chars = Substring(text)
        guard let first = chars.first else { return false }
        chars = chars.dropFirst()
        // The first may join the character before the cursor (a combining mark).
        var typed = apply(.char(first))
        let kept = chars.filter { displayWidth($0) > 0 }
        guard !kept.isEmpty else { return typed }
        let w = kept.reduce(0) { $0 + displayWidth($1) }
        characters.insert(contentsOf: kept, at: cursor)
        cursor += kept.count
        totalWidth += w; cursorColumn += w
        typed = true
        return typed
    }

    private mutating func apply(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            // A terminal sends a decomposed "ë" or a family emoji one code point at a time: a
            // combining mark, a joiner or what follows a joiner belongs to the character before
            // it, not dropped and not a character of its own.
            if cursor > 0 {
                let joined = String(characters[cursor - 1]) + String(c)
                if joined.count == 1 {
                    let grown = Character(joined)
                    let change = displayWidth(grown) - displayWidth(characters[cursor - 1])
                    characters[cursor - 1] = grown
                    totalWidth += change; cursorColumn += change
                    return true
                }
            }
            let w = displayWidth(c)
            guard w > 0 else { return false }
            characters.insert(c, at: cursor)
            cursor += 1
            totalWidth += w; cursorColumn += w
        case .left: moveCursor(to: cursor - 1)
        case .right: moveCursor(to: cursor + 1)
        case .home, .ctrl("a"): cursor = 0; cursorColumn = 0
        case .end, .ctrl("e"): cursor = characters.count; cursorColumn = totalWidth
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return true }
            remove((cursor - 1)..<cursor)
        case .delete, .ctrl("d"):
            guard cursor < characters.count else { return true }
            remove(cursor..<(cursor + 1))
        case .ctrl("k"): remove(cursor..<characters.count)
        case .ctrl("u"): remove(0..<cursor)
        case .ctrl("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            remove(start..<cursor)
        case .alt("b"), .ctrlLeft: moveCursor(to: wordStart(before: cursor))
        case .alt("f"), .ctrlRight: moveCursor(to: wordEnd(after: cursor))
        case .alt("d"):
            remove(cursor..<wordEnd(after: cursor))
        default:
            return false
        }
        return true
    }

    /// Where the word before `i` starts (readline's backward-word: letters and digits make words).
    func wordStart(before i: Int) -> Int {
        var j = i
        while j > 0, !TextInputState.isWord(characters[j - 1]) { j -= 1 }
        while j > 0, TextInputState.isWord(characters[j - 1]) { j -= 1 }
        return j
    }

    /// Where the word after `i` ends (readline's forward-word).
    func wordEnd(after i: Int) -> Int {
        var j = i
        while j < characters.count, !TextInputState.isWord(characters[j]) { j += 1 }
        while j < characters.count, TextInputState.isWord(characters[j]) { j += 1 }
        return j
    }

    static func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    /// Updates `scroll` so the cursor is visible in a field `width` cells wide.
    public mutating func layout(width: Int) { scroll = visibleScroll(width: width) }

    /// The scroll that shows the cursor in `width` cells, moving as little as possible from `scroll`.
    public func visibleScroll(width: Int) -> Int {
        guard width > 1 else { return cursorColumn }
        let col = cursorColumn
        var s = scroll
        // Keep one cell for the cursor itself at the right edge.
        if col < s { s = col }
        if col > s + width - 1 { s = col - width + 1 }
        s = min(s, max(0, totalWidth + 1 - width))
        return max(0, s)
    }
}

extension TextInputState {
    /// The text from display column `scroll`, `width` columns of it (a wide character cut at the
    /// left edge shows as spaces): found from the cursor, which is always in view, so a frame
    /// costs the field's width, not the text's length.
    func visible(from scroll: Int, width: Int) -> String {
        var i = cursor, col = cursorColumn
        while i > 0, col > scroll {
            i -= 1
            col -= displayWidth(characters[i])
        }
        var out = col < scroll ? String(repeating: " ", count: min(width, col + displayWidth(characters[i]) - scroll)) : ""
        if col < scroll { col += displayWidth(characters[i]); i += 1 }
        var used = col - scroll
        while i < characters.count, used < width {
            out.append(characters[i])
            used += displayWidth(characters[i])
            i += 1
        }
        return out
    }
}

/// Draws a text input into one row.
public enum TextInputView {
    /// Draws the visible part of the text and the cursor cell; returns the cursor's screen position.
    @discardableResult
    public static func render(_ state: TextInputState, into frame: inout Frame, rect: Rect,
                              role: Role = .input, cursorRole: Role? = .inputCursor) -> (x: Int, y: Int) {
        guard rect.width > 0, rect.height > 0 else { return (rect.x, rect.y) }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        frame.fill(row, role: role)
        let scroll = state.visibleScroll(width: rect.width)
        let shown = state.visible(from: scroll, width: rect.width)
        frame.put(shown, x: rect.x, y: rect.y, role: role, maxWidth: rect.width)
        let cx = rect.x + state.cursorColumn - scroll
        if let cursorRole, cx < rect.maxX {
            let w = state.cursor < state.characters.count ? displayWidth(state.characters[state.cursor]) : 1
            frame.setRole(cursorRole, in: Rect(x: cx, y: rect.y, width: min(w, rect.maxX - cx), height: 1))
        }
        frame.cursor = Position(x: min(cx, rect.maxX - 1), y: rect.y)
        return (cx, rect.y)
    }
}
