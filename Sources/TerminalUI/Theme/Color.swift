/// A 24-bit colour.
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    /// Red.
    public var r: UInt8
    /// Green.
    public var g: UInt8
    /// Blue.
    public var b: UInt8

    /// Creates a colour from components.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) { self.r = r; self.g = g; self.b = b }

    /// Parses "#rrggbb" (or "#rgb"); nil when malformed.
    public init?(hex: String) {
        var s = Substring(hex)
        guard s.first == "#" else { return nil }
        s = s.dropFirst()
        if s.count == 3 { s = Substring(s.map { "\($0)\($0)" }.joined()) }
        guard s.count == 6, s.allSatisfy(\.isHexDigit), let v = UInt32(s, radix: 16) else { return nil }
        self.init(UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
    }

    /// "#rrggbb".
    public var description: String {
        let h = [r, g, b].map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }
        return "#" + h.joined()
    }

    func distance2(_ o: RGB) -> Int {
        let dr = Int(r) - Int(o.r), dg = Int(g) - Int(o.g), db = Int(b) - Int(o.b)
        // Weighted for perceived brightness.
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}

/// The terminal's 16 basic colours, by their theme names ("red", "bright-blue").
public enum BasicColor: Int, CaseIterable, Sendable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite

    /// The name used in theme files.
    public var name: String {
        let base = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"][rawValue % 8]
        return rawValue >= 8 ? "bright-" + base : base
    }

    /// Parses a theme name: "red", "bright-blue", "brightblue", "bright_blue", "gray"/"grey".
    public init?(name raw: String) {
        let s = raw.lowercased().replacingOccurrences(of: "_", with: "-")
        if s == "gray" || s == "grey" { self = .brightBlack; return }
        guard let match = BasicColor.allCases.first(where: { $0.name == s || $0.name.replacingOccurrences(of: "-", with: "") == s }) else {
            return nil
        }
        self = match
    }

    /// Typical xterm RGB for approximating a hex colour.
    var rgb: RGB { xterm256RGB(rawValue) }
}

/// RGB of an xterm 256-colour index.
func xterm256RGB(_ index: Int) -> RGB {
    let basic: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0), RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0), RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]
    if index < 16 { return basic[max(0, index)] }
    if index < 232 {
        let i = index - 16
        let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
        return RGB(levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
    }
    let v = UInt8(min(255, 8 + 10 * (index - 232)))
    return RGB(v, v, v)
}

/// Nearest xterm 256-colour index (from the cube and grey ramp, 16...255).
public func nearestANSI256(_ c: RGB) -> Int {
    var best = 16, bestD = Int.max
    for i in 16..<256 {
        let d = c.distance2(xterm256RGB(i))
        if d < bestD { bestD = d; best = i }
    }
    return best
}

/// Nearest of the 16 basic colours.
public func nearestBasic(_ c: RGB) -> BasicColor {
    var best = BasicColor.white, bestD = Int.max
    for b in BasicColor.allCases {
        let d = c.distance2(b.rgb)
        if d < bestD { bestD = d; best = b }
    }
    return best
}

/// A palette entry: a hex value, an optional 256 index and an optional basic colour.
public struct PaletteColor: Equatable, Sendable {
    /// 24-bit value.
    public var hex: RGB?
    /// xterm 256-colour index.
    public var ansi256: Int?
    /// One of the 16 basic colours.
    public var basic: BasicColor?

    /// Creates a palette entry.
    public init(hex: RGB? = nil, ansi256: Int? = nil, basic: BasicColor? = nil) {
        self.hex = hex; self.ansi256 = ansi256; self.basic = basic
    }

    /// The colour to use at a colour level.
    public func resolved(for level: ColorLevel) -> ResolvedColor {
        switch level {
        case .mono: return .terminalDefault
        case .direct:
            if let hex { return .rgb(hex) }
            if let ansi256 { return .indexed(ansi256) }
            if let basic { return .indexed(basic.rawValue) }
        case .ansi256:
            if let ansi256 { return .indexed(ansi256) }
            if let hex { return .indexed(nearestANSI256(hex)) }
            if let basic { return .indexed(basic.rawValue) }
        case .basic16:
            if let basic { return .indexed(basic.rawValue) }
            if let hex { return .indexed(nearestBasic(hex).rawValue) }
            if let ansi256 { return .indexed(ansi256 < 16 ? ansi256 : nearestBasic(xterm256RGB(ansi256)).rawValue) }
        }
        return .terminalDefault
    }
}

/// A colour ready for a backend: the terminal's default, an index (0-255) or 24-bit.
public enum ResolvedColor: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// A palette index: 0-15 basic, 16-255 xterm.
    case indexed(Int)
    /// 24-bit colour.
    case rgb(RGB)
}
