import TOMLKit

/// A parsed TOML value as plain Swift data: the one layer over TOMLKit, read by the toolkit
/// (keys.toml, themes) and the store (config.toml) alike.
public indirect enum ConfigValue: Equatable, Sendable {
    /// A string.
    case string(String)
    /// An integer.
    case int(Int)
    /// A float.
    case double(Double)
    /// A boolean.
    case bool(Bool)
    /// An array.
    case array([ConfigValue])
    /// A table, keys in document order where TOMLKit preserves it.
    case table([(key: String, value: ConfigValue)])
    /// A date, time or other value shown as text.
    case other(String)

    /// The string, if this is one.
    public var string: String? { if case .string(let s) = self { return s }; return nil }
    /// The integer, if this is one.
    public var int: Int? { if case .int(let i) = self { return i }; return nil }
    /// The array, if this is one.
    public var array: [ConfigValue]? { if case .array(let a) = self { return a }; return nil }
    /// The table entries, if this is a table.
    public var table: [(key: String, value: ConfigValue)]? { if case .table(let t) = self { return t }; return nil }

    /// The value itself when it is a table, so its keys can be looked up; else nil.
    public var tableValue: ConfigValue? { if case .table = self { return self }; return nil }

    /// The value of `key` in a table.
    public subscript(key: String) -> ConfigValue? {
        table?.first(where: { $0.key == key })?.value
    }

    /// The value as it would be written in TOML, for messages.
    public var displayText: String {
        switch self {
        case .string(let s): return "\"\(s)\""
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return String(b)
        case .array(let a): return "[" + a.map(\.displayText).joined(separator: ", ") + "]"
        case .table(let t): return "{ " + t.map { "\($0.key) = \($0.value.displayText)" }.joined(separator: ", ") + " }"
        case .other(let s): return s
        }
    }

    /// Structural equality, tables compared in order.
    public static func == (a: ConfigValue, b: ConfigValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.other(let x), .other(let y)): return x == y
        case (.table(let x), .table(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }
}

/// A TOML syntax error with its position.
public struct ConfigSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// What the parser said.
    public var reason: String
    /// "line N, column M: reason".
    public var description: String { "line \(line), column \(column): \(reason)" }
}

/// Parses TOML text into a top-level table.
public func parseConfig(_ text: String) -> Result<ConfigValue, ConfigSyntaxError> {
    if let bad = tableHeaderTheParserCannotTake(text) { return .failure(bad) }
    do {
        let table = try TOMLTable(string: text)
        return .success(convert(table))
    } catch let e as TOMLParseError {
        return .failure(ConfigSyntaxError(line: e.source.begin.line, column: e.source.begin.column, reason: e.description))
    } catch {
        return .failure(ConfigSyntaxError(line: 0, column: 0, reason: "unreadable TOML"))
    }
}

/// A table header whose name starts with something other than a name (`[[[`, `[.]`, `[#]`):
/// TOMLKit's parser asserts on these and aborts the process instead of reporting an error, so
/// they are found here first and reported like any other syntax error.
func tableHeaderTheParserCannotTake(_ text: String) -> ConfigSyntaxError? {
    var line = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
        line += 1
        var rest = raw.drop { $0 == " " || $0 == "\t" }
        guard rest.first == "[" else { continue }
        rest = rest.dropFirst()
        if rest.first == "[" { rest = rest.dropFirst() }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        guard let c = rest.unicodeScalars.first else { continue }
        let startsAName = ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
            || c == "_" || c == "-" || c == "\"" || c == "'" || c == "]"
        if !startsAName {
            let column = raw.count - rest.count + 1
            return ConfigSyntaxError(line: line, column: column, reason: "a table header must start with a name, not '\(Character(c))'")
        }
    }
    return nil
}

private func convert(_ v: TOMLValueConvertible) -> ConfigValue {
    switch v.type {
    case .string: return .string(v.string ?? "")
    case .int: return .int(v.int ?? 0)
    case .double: return .double(v.double ?? 0)
    case .bool: return .bool(v.bool ?? false)
    case .array:
        guard let a = v.array else { return .array([]) }
        return .array(a.map { convert($0) })
    case .table:
        guard let t = v.table else { return .table([]) }
        return convert(t)
    default:
        return .other(v.debugDescription)
    }
}

private func convert(_ t: TOMLTable) -> ConfigValue {
    var entries: [(key: String, value: ConfigValue)] = []
    for key in t.keys {
        if let v = t[key] { entries.append((key, convert(v))) }
    }
    return .table(entries)
}

extension ConfigValue {
    /// The value as TOMLKit (toml++) writes it, which config.toml's warnings have always shown:
    /// `[ 1, 2 ]`, `{ a = 'b' }`, a string on its own in double quotes.
    public var tomlText: String {
        switch self {
        case .string(let s): return "\"\(s)\""
        default: return nestedTOMLText
        }
    }

    /// `tomlText` as a warning quotes it: at most `limit` characters, then "…", so a 200 KB value
    /// does not fill the screen (and every command's standard error) with itself.
    public var warningText: String { ConfigValue.shortened(tomlText) }

    /// `text` cut to `limit` characters with "…" when longer: what a warning quotes of a file.
    /// Control characters (a line break in a quoted key) are shown as `?`: a key could
    /// otherwise print a second, made-up message line (found by an attack).
    public static func shortened(_ text: String, limit: Int = 60) -> String {
        var scalars = String.UnicodeScalarView()
        for u in text.unicodeScalars { scalars.append(u.value < 0x20 || (0x7F...0x9F).contains(u.value) ? "?" : u) }
        let shown = String(scalars)
        guard shown.count > limit else { return shown }
        return String(shown.prefix(limit)) + "…"
    }

    /// A value inside an array or inline table: strings as toml++ writes them there.
    private var nestedTOMLText: String {
        switch self {
        case .string(let s):
            // A literal string when it can be one; else a basic string with escapes.
            if !s.contains("'") && !s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "'\(s)'" }
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\r": out += "\\r"
                default:
                    if u.value < 0x20 || u.value == 0x7F { out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16).uppercased() }
                    else { out.unicodeScalars.append(u) }
                }
            }
            return out + "\""
        case .array(let a): return a.isEmpty ? "[]" : "[ " + a.map(\.nestedTOMLText).joined(separator: ", ") + " ]"
        case .table(let t): return t.isEmpty ? "{}" : "{ " + t.map { "\($0.key) = \($0.value.nestedTOMLText)" }.joined(separator: ", ") + " }"
        default: return displayText
        }
    }
}
