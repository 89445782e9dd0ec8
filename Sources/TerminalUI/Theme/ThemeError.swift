/// A problem in a theme file, naming the file, the key and the offending value.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// File path or name.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// Dotted key, e.g. "roles.header.fg".
    public var key: String
    /// The value as written, e.g. "\"blu\"".
    public var value: String
    /// What is wrong with it.
    public var reason: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, key: String, value: String, reason: String) {
        self.file = file; self.line = line; self.key = key; self.value = value; self.reason = reason
    }

    /// "themes/x.toml:7: roles.header.fg = "blu": unknown colour".
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        if key.isEmpty { return "\(place): \(reason)" }
        return "\(place): \(key) = \(value): \(reason)"
    }
}

/// One or more theme errors as a single `Error`.
public struct ThemeErrors: Error, Equatable, Sendable {
    /// The errors, in file order.
    public var errors: [ThemeError]
    /// Wraps errors.
    public init(_ errors: [ThemeError]) { self.errors = errors }
}
