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

    /// Draws the message in the first row of `rect`.
    public func render(into frame: inout Frame, rect: Rect, glyphs: Glyphs = .fancy) {
        guard rect.width > 0, rect.height > 0 else { return }
        frame.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: role)
        frame.put(truncate(sanitizeForDisplay(text), toWidth: rect.width, unicode: glyphs.unicode), x: rect.x, y: rect.y, role: role, maxWidth: rect.width)
    }
}
