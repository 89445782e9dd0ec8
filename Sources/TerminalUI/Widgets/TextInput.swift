/// State of a single-line text input: its characters, the cursor and the horizontal scroll.
public struct TextInputState: Equatable, Sendable {
    /// Grapheme clusters of the text.
    public private(set) var characters: [Character]
    /// Cursor position as a grapheme index, 0...characters.count.
    public private(set) var cursor: Int
    /// First visible display column.
    public private(set) var scroll: Int

    /// Creates a state with the cursor at the end.
    public init(text: String = "") {
        characters = Array(sanitizeForDisplay(text))
        cursor = characters.count
        scroll = 0
    }

    /// The text.
    public var text: String { String(characters) }

    /// Display column of the cursor from the start of the text.
    public var cursorColumn: Int { characters[0..<cursor].reduce(0) { $0 + displayWidth($1) } }

    /// Replaces the text and puts the cursor at the end.
    public mutating func setText(_ s: String) { self = TextInputState(text: s) }

    /// Applies an editing key; returns whether the key was handled.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            // A terminal sends a decomposed "ë" or a family emoji one code point at a time: a
            // combining mark, a joiner or what follows a joiner belongs to the character before
            // it, not dropped and not a character of its own.
            if cursor > 0 {
                let joined = String(characters[cursor - 1]) + String(c)
                if joined.count == 1 {
                    characters[cursor - 1] = Character(joined)
                    return true
                }
            }
            guard displayWidth(c) > 0 else { return false }
            characters.insert(c, at: cursor)
            cursor += 1
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .ctrl("k"): characters.removeSubrange(cursor...)
        case .ctrl("u"):
            characters.removeSubrange(..<cursor)
            cursor = 0
        case .ctrl("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .alt("b"), .ctrlLeft: cursor = wordStart(before: cursor)
        case .alt("f"), .ctrlRight: cursor = wordEnd(after: cursor)
        case .alt("d"):
            characters.removeSubrange(cursor..<wordEnd(after: cursor))
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
        let total = characters.reduce(0) { $0 + displayWidth($1) }
        s = min(s, max(0, total + 1 - width))
        return max(0, s)
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
        let shown = dropLeadingColumns(state.text, scroll)
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
