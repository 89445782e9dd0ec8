/// A transient message shown until a tick count passes.
public struct Message: Equatable, Sendable {
    /// What kind of message.
    public enum Kind: Equatable, Sendable {
        /// Information.
        case info
        /// An error.
        case error
    }

    /// Text (never personal data in logs; shown only on screen).
    public var text: String
    /// Kind.
    public var kind: Kind
    /// Tick after which the message is gone.
    public var expiresAt: Int

    /// Creates a message lasting `duration` ticks from `now`.
    public init(_ text: String, kind: Kind = .info, now: Int, duration: Int = 30) {
        self.text = text; self.kind = kind; self.expiresAt = now + duration
    }

    /// Whether the message has expired at `tick`.
    public func isExpired(at tick: Int) -> Bool { tick >= expiresAt }

    /// The role to draw it with.
    public var role: Role { kind == .error ? .messageError : .messageInfo }

    /// The rows the message takes at `width`, at most `most`: one when it fits, else broken at
    /// spaces (a refusal says what to do in its last words, which a cut line lost). Past `most`
    /// rows the middle goes, not the end: the last row is the message's end after an ellipsis
    /// (a long file name filled the rows and the reason after it was lost: an attack).
    public func rows(width: Int, most: Int, glyphs: Glyphs = .fancy) -> [String] {
        guard width > 0, most > 0 else { return [] }
        let clean = sanitizeForDisplay(text)
        guard most > 1, displayWidth(clean) > width else { return [truncate(clean, toWidth: width, unicode: glyphs.unicode)] }
        let wrapped = wrapAtSpaces(clean, width: width)
        guard wrapped.count > most else { return wrapped }
        let mark = ellipsis(unicode: glyphs.unicode)
        return Array(wrapped.prefix(most - 1)) + [mark + suffix(clean, fittingWidth: width - displayWidth(mark))]
    }

    /// Draws the message in the rows of `rect`, its last row at the bottom of `rect`: one row
    /// when it fits, more (up to `rect`'s height) when it does not.
    public func render(into frame: inout Frame, rect: Rect, glyphs: Glyphs = .fancy) {
        guard rect.width > 0, rect.height > 0 else { return }
        let lines = rows(width: rect.width, most: rect.height, glyphs: glyphs)
        let top = rect.y + rect.height - lines.count
        for (i, line) in lines.enumerated() {
            frame.fill(Rect(x: rect.x, y: top + i, width: rect.width, height: 1), role: role)
            frame.put(line, x: rect.x, y: top + i, role: role, maxWidth: rect.width)
        }
    }
}
