/// A change the rules do not allow, with the reason in words an officer understands.
public struct MoveRefused: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
