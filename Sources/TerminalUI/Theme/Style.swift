/// Text attributes a terminal can show without colour.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    /// Bit set.
    public let rawValue: UInt8
    /// Creates attributes from bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bold.
    public static let bold = TextAttributes(rawValue: 1)
    /// Underline.
    public static let underline = TextAttributes(rawValue: 2)
    /// Reverse video.
    public static let reverse = TextAttributes(rawValue: 4)
    /// Dim.
    public static let dim = TextAttributes(rawValue: 8)
    /// Italic.
    public static let italic = TextAttributes(rawValue: 16)

    /// Names used in theme files.
    public static let names: [(String, TextAttributes)] = [
        ("bold", .bold), ("underline", .underline), ("reverse", .reverse), ("dim", .dim), ("italic", .italic),
    ]

    /// Parses one attribute name.
    public init?(name: String) {
        guard let m = TextAttributes.names.first(where: { $0.0 == name.lowercased() }) else { return nil }
        self = m.1
    }
}

/// A concrete style for one role at one colour level.
public struct Style: Hashable, Sendable {
    /// Foreground.
    public var fg: ResolvedColor
    /// Background.
    public var bg: ResolvedColor
    /// Attributes.
    public var attributes: TextAttributes

    /// Creates a style.
    public init(fg: ResolvedColor = .terminalDefault, bg: ResolvedColor = .terminalDefault, attributes: TextAttributes = []) {
        self.fg = fg; self.bg = bg; self.attributes = attributes
    }

    /// The terminal's default colours, no attributes.
    public static let plain = Style()
}
