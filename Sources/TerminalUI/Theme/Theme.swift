/// How a theme styles one role; nil fields fall back to the parent role.
public struct RoleStyle: Equatable, Sendable {
    /// Foreground: a palette name, "default", a basic colour name or "#rrggbb".
    public var fg: String?
    /// Background, same forms as `fg`.
    public var bg: String?
    /// Attributes when colours are shown.
    public var attrs: TextAttributes?
    /// Attributes in monochrome.
    public var mono: TextAttributes?

    /// Creates a role style.
    public init(fg: String? = nil, bg: String? = nil, attrs: TextAttributes? = nil, mono: TextAttributes? = nil) {
        self.fg = fg; self.bg = bg; self.attrs = attrs; self.mono = mono
    }

    /// Fields of `self`, falling back to `base` where nil.
    public func merged(over base: RoleStyle) -> RoleStyle {
        RoleStyle(fg: fg ?? base.fg, bg: bg ?? base.bg, attrs: attrs ?? base.attrs, mono: mono ?? base.mono)
    }
}

/// A colour theme: named palette colours and role styles.
public struct Theme: Equatable, Sendable {
    /// Theme name (file name without .toml).
    public var name: String
    /// Name of the theme this one extends, if any (already merged once loaded).
    public var inherits: String?
    /// Named colours.
    public var palette: [String: PaletteColor]
    /// Styles by role.
    public var roles: [Role: RoleStyle]

    /// Creates a theme.
    public init(name: String, inherits: String? = nil, palette: [String: PaletteColor] = [:], roles: [Role: RoleStyle] = [:]) {
        self.name = name; self.inherits = inherits; self.palette = palette; self.roles = roles
    }

    /// This theme laid over `base`: palette entries replace, role fields merge.
    public func merged(over base: Theme) -> Theme {
        var out = base
        out.name = name
        out.inherits = inherits
        for (k, v) in palette { out.palette[k] = v }
        for (r, s) in roles { out.roles[r] = s.merged(over: base.roles[r] ?? RoleStyle()) }
        return out
    }

    /// The role style after dotted fallback: each field from the nearest role that sets it.
    public func effectiveRoleStyle(for role: Role) -> RoleStyle {
        var acc = RoleStyle()
        for r in role.fallbackChain {
            if let s = roles[r] { acc = acc.merged(over: s) }
        }
        return acc
    }

    /// The concrete style of a role at a colour level.
    public func style(for role: Role, level: ColorLevel) -> Style {
        let s = effectiveRoleStyle(for: role)
        if level == .mono {
            return Style(attributes: s.mono ?? s.attrs ?? [])
        }
        return Style(fg: color(s.fg, level: level), bg: color(s.bg, level: level), attributes: s.attrs ?? [])
    }

    /// Resolves a colour reference (palette name, "default", basic name, "#hex").
    public func color(_ ref: String?, level: ColorLevel) -> ResolvedColor {
        guard let ref, level != .mono else { return .terminalDefault }
        if let p = palette[ref] { return p.resolved(for: level) }
        if let c = ThemeColorReference.literal(ref) { return c.resolved(for: level) }
        return .terminalDefault
    }
}

/// Colour references usable without a palette entry.
enum ThemeColorReference {
    /// "default" or "none", a basic colour name or "#rrggbb" as a palette colour.
    static func literal(_ ref: String) -> PaletteColor? {
        let s = ref.lowercased()
        if s == "default" || s == "none" { return PaletteColor() }
        if let rgb = RGB(hex: ref) { return PaletteColor(hex: rgb) }
        if let b = BasicColor(name: s) { return PaletteColor(basic: b) }
        return nil
    }
}
