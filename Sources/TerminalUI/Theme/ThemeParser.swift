/// Reads the TOML theme format: `inherits`, `[palette]` and `[roles]`.
public enum ThemeParser {
    /// Parses theme text; structural problems are returned as errors (colour references are
    /// checked by `validate` once inheritance is resolved).
    public static func parse(_ text: String, name: String, file: String) -> (Theme, [ThemeError]) {
        var theme = Theme(name: name)
        var errors: [ThemeError] = []
        let root: ConfigValue
        switch parseConfig(text) {
        case .success(let v): root = v
        case .failure(let e):
            return (theme, [ThemeError(file: file, line: e.line, key: "", value: "", reason: "not valid TOML: \(e.reason)")])
        }
        let loc = SourceLocator(text)
        for (key, value) in root.table ?? [] {
            switch key {
            case "inherits":
                if let s = value.string { theme.inherits = s } else {
                    errors.append(ThemeError(file: file, line: loc.line(ofKey: key, inSection: nil), key: key, value: value.displayText, reason: "expected a theme name"))
                }
            case "name", "description", "author":
                continue
            case "palette":
                for (cname, cval) in value.table ?? [] {
                    let line = loc.line(ofKey: cname, inSection: "palette")
                    switch parsePaletteColor(cval, key: "palette.\(cname)", file: file, line: line) {
                    case .success(let c): theme.palette[cname] = c
                    case .failure(let e): errors.append(e)
                    }
                }
            case "roles":
                parseRoles(value, prefix: "", theme: &theme, errors: &errors, file: file, loc: loc)
            default:
                errors.append(ThemeError(file: file, line: loc.line(ofKey: key, inSection: nil) ?? loc.line(ofSection: key),
                                         key: key, value: value.displayText, reason: "unknown key (expected inherits, palette or roles)"))
            }
        }
        return (theme, errors)
    }

    private static func parsePaletteColor(_ v: ConfigValue, key: String, file: String, line: Int?) -> Result<PaletteColor, ThemeError> {
        if let s = v.string {
            if let rgb = RGB(hex: s) { return .success(PaletteColor(hex: rgb)) }
            if let b = BasicColor(name: s) { return .success(PaletteColor(basic: b)) }
            return .failure(ThemeError(file: file, line: line, key: key, value: v.displayText, reason: "expected \"#rrggbb\" or a basic colour name"))
        }
        guard let t = v.table else {
            return .failure(ThemeError(file: file, line: line, key: key, value: v.displayText, reason: "expected { hex = \"#rrggbb\", ansi256 = N, basic = \"name\" }"))
        }
        var c = PaletteColor()
        for (f, fv) in t {
            switch f {
            case "hex":
                guard let s = fv.string, let rgb = RGB(hex: s) else {
                    return .failure(ThemeError(file: file, line: line, key: "\(key).hex", value: fv.displayText, reason: "expected \"#rrggbb\""))
                }
                c.hex = rgb
            case "ansi256":
                guard let i = fv.int, (0...255).contains(i) else {
                    return .failure(ThemeError(file: file, line: line, key: "\(key).ansi256", value: fv.displayText, reason: "expected an index 0-255"))
                }
                c.ansi256 = i
            case "basic":
                guard let s = fv.string, let b = BasicColor(name: s) else {
                    return .failure(ThemeError(file: file, line: line, key: "\(key).basic", value: fv.displayText, reason: "expected a basic colour name such as \"red\" or \"bright-blue\""))
                }
                c.basic = b
            default:
                return .failure(ThemeError(file: file, line: line, key: "\(key).\(f)", value: fv.displayText, reason: "unknown field (expected hex, ansi256, basic)"))
            }
        }
        return .success(c)
    }

    private static func parseRoles(_ v: ConfigValue, prefix: String, theme: inout Theme, errors: inout [ThemeError], file: String, loc: SourceLocator) {
        for (rname, rval) in v.table ?? [] {
            let full = prefix.isEmpty ? rname : prefix + "." + rname
            let line = loc.line(ofKey: rname, inSection: prefix.isEmpty ? "roles" : "roles.\(prefix)")
                ?? loc.line(ofSection: "roles.\(full)")
            guard let t = rval.table else {
                errors.append(ThemeError(file: file, line: line, key: "roles.\(full)", value: rval.displayText, reason: "expected { fg = ..., bg = ..., attrs = [...], mono = [...] }"))
                continue
            }
            var style = RoleStyle()
            var children: [(key: String, value: ConfigValue)] = []
            for (f, fv) in t {
                let key = "roles.\(full).\(f)"
                switch f {
                case "fg", "bg":
                    guard let s = fv.string else {
                        errors.append(ThemeError(file: file, line: line, key: key, value: fv.displayText, reason: "expected a palette colour name"))
                        continue
                    }
                    if f == "fg" { style.fg = s } else { style.bg = s }
                case "attrs", "mono":
                    var attrs: TextAttributes = []
                    let items = fv.array ?? (fv.string.map { [ConfigValue.string($0)] } ?? [fv])
                    var ok = true
                    for item in items {
                        if let s = item.string, let a = TextAttributes(name: s) { attrs.insert(a) } else {
                            errors.append(ThemeError(file: file, line: line, key: key, value: item.displayText, reason: "unknown attribute (expected bold, underline, reverse, dim, italic)"))
                            ok = false
                        }
                    }
                    if ok { if f == "attrs" { style.attrs = attrs } else { style.mono = attrs } }
                default:
                    if fv.table != nil { children.append((f, fv)) } else {
                        errors.append(ThemeError(file: file, line: line, key: key, value: fv.displayText, reason: "unknown field (expected fg, bg, attrs, mono)"))
                    }
                }
            }
            if style != RoleStyle() || children.isEmpty { theme.roles[Role(full)] = style }
            if !children.isEmpty { parseRoles(.table(children), prefix: full, theme: &theme, errors: &errors, file: file, loc: loc) }
        }
    }

    /// Checks that every fg/bg of `theme`'s roles refers to a colour of `palette` or a literal colour.
    public static func validate(_ theme: Theme, palette: [String: PaletteColor], file: String, text: String?) -> [ThemeError] {
        let loc = text.map(SourceLocator.init)
        var errors: [ThemeError] = []
        for (role, style) in theme.roles.sorted(by: { $0.key.name < $1.key.name }) {
            for (field, ref) in [("fg", style.fg), ("bg", style.bg)] {
                guard let ref else { continue }
                if palette[ref] != nil || ThemeColorReference.literal(ref) != nil { continue }
                errors.append(ThemeError(file: file, line: loc?.line(ofKey: role.name, inSection: "roles"),
                                         key: "roles.\(role.name).\(field)", value: "\"\(ref)\"", reason: "unknown colour (not in [palette])"))
            }
        }
        return errors
    }
}
