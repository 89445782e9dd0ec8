/// Key names as written in keys.toml and shown in help: "ctrl-a", "shift-tab", "pgdn", "f5", "G".
extension Key: CustomStringConvertible, LosslessStringConvertible {
    /// The canonical name of the key.
    public var name: String {
        switch self {
        case .char(" "): return "space"
        case .char(let c): return String(c)
        case .enter: return "enter"
        case .escape: return "esc"
        case .tab: return "tab"
        case .backTab: return "shift-tab"
        case .backspace: return "backspace"
        case .delete: return "delete"
        case .insert: return "insert"
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        case .home: return "home"
        case .end: return "end"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case .function(let n): return "f\(n)"
        case .ctrl(let c): return "ctrl-\(c)"
        case .resize: return "resize"
        case .alt(let c): return "alt-\(c)"
        case .ctrlLeft: return "ctrl-left"
        case .ctrlRight: return "ctrl-right"
        case .paste: return "paste"
        }
    }

    /// The canonical name.
    public var description: String { name }

    /// Parses a key name; nil when it is not one.
    public init?(_ description: String) {
        guard let k = Key.parse(description) else { return nil }
        self = k
    }

    private static let named: [String: Key] = [
        "enter": .enter, "return": .enter, "ret": .enter, "cr": .enter,
        "esc": .escape, "escape": .escape,
        "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "s-tab": .backTab,
        "backspace": .backspace, "bs": .backspace, "bksp": .backspace,
        "delete": .delete, "del": .delete, "insert": .insert, "ins": .insert,
        "up": .up, "down": .down, "left": .left, "right": .right,
        "home": .home, "end": .end,
        "pgup": .pageUp, "pageup": .pageUp, "page-up": .pageUp,
        "pgdn": .pageDown, "pagedown": .pageDown, "page-down": .pageDown, "pgdown": .pageDown,
        "space": .char(" "), "spc": .char(" "),
        "resize": .resize,
        "ctrl-left": .ctrlLeft, "c-left": .ctrlLeft, "ctrl-right": .ctrlRight, "c-right": .ctrlRight,
    ]

    /// Parses a key name: single characters are taken as they are (case matters), names are not case-sensitive.
    public static func parse(_ raw: String) -> Key? {
        if raw.count == 1, let c = raw.first {
            if c == " " { return .char(" ") }
            return displayWidth(c) > 0 ? .char(c) : nil
        }
        let s = raw.trimmingSpaces().lowercased()
        if s.isEmpty { return nil }
        if let k = named[s] { return k }
        for prefix in ["alt-", "alt+", "m-", "meta-"] where s.hasPrefix(prefix) {
            // The character after alt- keeps its case as typed (alt-B is not alt-b).
            let rest = raw.trimmingSpaces().dropFirst(prefix.count)
            if rest.count == 1, let c = rest.first, c.isASCII, !c.isWhitespace, displayWidth(c) > 0 { return .alt(c) }
            return nil
        }
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where s.hasPrefix(prefix) {
            let rest = s.dropFirst(prefix.count)
            if rest.count == 1, let c = rest.first, c.isASCII, c.isLetter { return .ctrl(c) }
            return nil
        }
        if s.hasPrefix("f"), let n = Int(s.dropFirst()), (1...63).contains(n) { return .function(n) }
        return nil
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var sub = Substring(self)
        while let f = sub.first, f == " " || f == "\t" { sub = sub.dropFirst() }
        while let l = sub.last, l == " " || l == "\t" { sub = sub.dropLast() }
        return String(sub)
    }
}
