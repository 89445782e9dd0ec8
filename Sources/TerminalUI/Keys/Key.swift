/// A key press as the application sees it, independent of the terminal.
public enum Key: Hashable, Sendable {
    /// A printable character (any Unicode, including space).
    case char(Character)
    /// Enter / Return.
    case enter
    /// Escape.
    case escape
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Backspace.
    case backspace
    /// Delete (forward).
    case delete
    /// Insert.
    case insert
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home.
    case home
    /// End.
    case end
    /// Page up.
    case pageUp
    /// Page down.
    case pageDown
    /// Function key F1...F63.
    case function(Int)
    /// Control plus a lowercase letter, e.g. ctrl-a.
    case ctrl(Character)
    /// The terminal changed size.
    case resize
    /// Alt (Meta) plus a character: the terminal sends Esc then the character, e.g. alt-b.
    case alt(Character)
    /// Ctrl plus the left arrow (a word to the left in text fields; alt-left arrives as this too).
    case ctrlLeft
    /// Ctrl plus the right arrow (a word to the right in text fields; alt-right arrives as this too).
    case ctrlRight
    /// Text the terminal marked as pasted (bracketed paste: between `ESC [ 200 ~` and
    /// `ESC [ 201 ~`), whole, as it came; `cut` when it was longer than `BracketedPaste.limit`
    /// and only its start is here. It is text, never keys: a newline in it is no Enter.
    case paste(String, cut: Bool)

    /// Whether this is pasted text.
    public var isPaste: Bool {
        if case .paste = self { return true }
        return false
    }

    /// Whether this key inserts text in an input field.
    public var isPrintable: Bool {
        if case .char = self { return true }
        return false
    }
}
