/// What terminals send for editing keys, and a decoder for it.
///
/// The terminfo entry of `TERM` tells ncurses one sequence per key, but the terminal in front
/// of the user may send another: tmux with `TERM=xterm-256color` sends `ESC[1~` for Home where
/// xterm's entry says `ESC OH`. The backend registers every sequence here with ncurses and
/// decodes whatever still arrives as Esc followed by bytes, so Home is Home on xterm, tmux,
/// screen, rxvt and the linux console whatever `TERM` claims.
public enum KeySequences {
    /// Sequences of the common terminals, each with its key (Esc is written `\u{1B}`).
    public static let known: [(sequence: String, key: Key)] = [
        // Home and End: xterm normal and application mode, VT220 (tmux, screen, linux), rxvt.
        ("\u{1B}[H", .home), ("\u{1B}OH", .home), ("\u{1B}[1~", .home), ("\u{1B}[7~", .home),
        ("\u{1B}[F", .end), ("\u{1B}OF", .end), ("\u{1B}[4~", .end), ("\u{1B}[8~", .end),
        ("\u{1B}[2~", .insert), ("\u{1B}[3~", .delete),
        ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown),
        // Arrows in both cursor-key modes.
        ("\u{1B}[A", .up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
        ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left),
        // Word moves: xterm and tmux ctrl/alt-arrows, rxvt ctrl-arrows.
        ("\u{1B}[1;5D", .ctrlLeft), ("\u{1B}[1;5C", .ctrlRight), ("\u{1B}[1;3D", .ctrlLeft), ("\u{1B}[1;3C", .ctrlRight),
        ("\u{1B}Od", .ctrlLeft), ("\u{1B}Oc", .ctrlRight), ("\u{1B}[5D", .ctrlLeft), ("\u{1B}[5C", .ctrlRight),
        ("\u{1B}[Z", .backTab),
    ]

    /// The characters whose Esc-prefixed form is read as alt plus them (the word moves and kill).
    public static let altKeys: Set<Character> = ["b", "f", "d"]

    /// The keys in `text` as a terminal sent it: escape sequences become their keys, Esc before
    /// b, f or d is alt plus it (Esc before anything else is Esc, then that key), control bytes their ctrl keys, and sequences not understood
    /// are dropped whole (never typed into a field as `[1~`).
    public static func decode(_ text: String) -> [Key] {
        var keys: [Key] = []
        var rest = Substring(sevenBit(text))
        while let first = rest.first {
            if first == "\u{1B}" {
                let (key, length) = escape(rest)
                if let key { keys.append(key) }
                rest = rest.dropFirst(length)
                continue
            }
            rest = rest.dropFirst()
            if let key = plain(first) { keys.append(key) }
        }
        return keys
    }

    /// Whether `text` (Esc and what followed it) is a whole sequence: Esc and a character, a
    /// CSI/SS3 sequence up to its final byte (an X10 mouse report's three bytes after it), or a
    /// string (OSC, DCS, APC, PM, SOS: a terminal's reply or title) up to BEL or ST. A reader
    /// stops there; what follows is another key.
    public static func isComplete(_ text: String) -> Bool {
        let scalars = Array(sevenBit(text).unicodeScalars)
        guard scalars.first == "\u{1B}", scalars.count >= 2 else { return false }
        let introducer = scalars[1]
        if isStringIntroducer(introducer) { return stringEnd(scalars[2...]) != nil }
        if introducer != "[" && introducer != "O" { return true }  // alt-x, or Esc then another key
        guard scalars.count >= 3 else { return false }
        if introducer == "O" { return isFinal(scalars.last) }
        // The linux console's ESC [ [ A: the second `[` is not yet the end.
        if scalars[2] == "[" { return scalars.count >= 4 }
        // ESC [ M and the X10 mouse report's button, column and row.
        if scalars[2] == "M" { return scalars.count >= 6 }
        return isFinal(scalars.last)
    }

    /// Whether `text` (Esc and what followed it) is inside a string sequence (OSC, DCS…), where
    /// an Esc is the start of its terminator (ESC \), not of the next key.
    public static func isInString(_ text: String) -> Bool {
        let scalars = Array(sevenBit(text).unicodeScalars)
        return scalars.count >= 2 && scalars[0] == "\u{1B}" && isStringIntroducer(scalars[1])
    }

    /// The 8-bit C1 introducer a terminal may send for Esc and a character (U+009B for `ESC [`),
    /// or nil for any other character.
    public static func sevenBitForm(of scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x9B: return "\u{1B}["   // CSI
        case 0x8F: return "\u{1B}O"   // SS3
        case 0x90: return "\u{1B}P"   // DCS
        case 0x9D: return "\u{1B}]"   // OSC
        case 0x9C: return "\u{1B}\\"  // ST
        case 0x98: return "\u{1B}X"   // SOS
        case 0x9E: return "\u{1B}^"   // PM
        case 0x9F: return "\u{1B}_"   // APC
        default: return nil
        }
    }

    /// `text` with 8-bit C1 introducers written as Esc and their character.
    public static func sevenBit(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            if let seven = sevenBitForm(of: u) { out.append(contentsOf: seven.unicodeScalars) } else { out.append(u) }
        }
        return String(out)
    }

    /// OSC `]`, DCS `P`, SOS `X`, PM `^`, APC `_`: text up to a terminator, never keys.
    static func isStringIntroducer(_ s: Unicode.Scalar) -> Bool { s == "]" || s == "P" || s == "X" || s == "^" || s == "_" }

    /// How many scalars of a string sequence's body (after its introducer) there are up to and
    /// including its terminator (BEL, or ESC \); nil when it has not ended.
    static func stringEnd<C: Collection>(_ body: C) -> Int? where C.Element == Unicode.Scalar {
        var n = 0
        var afterEsc = false
        for u in body {
            n += 1
            if u == "\u{07}" { return n }
            if afterEsc && u == "\\" { return n }
            afterEsc = u == "\u{1B}"
        }
        return nil
    }

    static func isFinal(_ s: Unicode.Scalar?) -> Bool { s.map { (0x40...0x7E).contains($0.value) } ?? false }

    /// One key from a character that is not part of an escape sequence.
    static func plain(_ c: Character) -> Key? {
        guard let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1 else { return .char(c) }
        switch v {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 1...26: return Unicode.Scalar(v + 96).map { .ctrl(Character($0)) }
        case 0..<32: return nil
        default: return displayWidth(c) > 0 || c == " " ? .char(c) : nil
        }
    }

    /// The key at the start of `s` (which starts with Esc) and how many characters it takes.
    static func escape(_ s: Substring) -> (Key?, Int) {
        let body = s.dropFirst()
        guard let introducer = body.first else { return (.escape, 1) }
        if let u = introducer.unicodeScalars.first, introducer.unicodeScalars.count == 1, isStringIntroducer(u) {
            // A string (a title, a colour reply, a DCS report): dropped whole, to its terminator.
            let rest = body.dropFirst()
            if let end = stringEnd(rest.flatMap(\.unicodeScalars)) {
                // Count characters, not scalars: walk the characters to the terminator's end.
                var scalars = 0, chars = 0
                for c in rest {
                    if scalars >= end { break }
                    scalars += c.unicodeScalars.count; chars += 1
                }
                return (nil, 2 + chars)
            }
            // Esc and a `]` alone (Esc then ] typed quickly) are those two keys; a string cut
            // short is a reply that lost its end: nothing of it is typed.
            return rest.isEmpty ? (.escape, 1) : (nil, s.count)
        }
        switch introducer {
        case "[", "O":
            // CSI or SS3: parameters (digits and `;`), then one final character.
            var params = ""
            var length = 2
            for c in body.dropFirst() {
                length += 1
                // An X10 mouse report: ESC [ M and three bytes (button, column, row).
                if c == "M", introducer == "[", params.isEmpty { return (nil, min(s.count, length + 3)) }
                // Parameter bytes (0x30-0x3F: digits, `;`, `?`…) and intermediates (0x20-0x2F).
                if let v = c.asciiValue, (0x20...0x3F).contains(v) { params.append(c); continue }
                // The linux console's F1-F5: ESC [ [ A…E.
                if c == "[", introducer == "[", params.isEmpty, let f = body.dropFirst(2).first {
                    let n = "ABCDE".firstIndex(of: f).map { "ABCDE".distance(from: "ABCDE".startIndex, to: $0) + 1 }
                    return (n.map { .function($0) }, length + 1)
                }
                return (control(introducer: introducer, params: params, final: c), length)
            }
            // Cut short: nothing to type for it.
            return (nil, length)
        case "\u{1B}":
            return (.escape, 1)
        default:
            // Esc then a character: alt plus it, as terminals send alt-b and alt-f. Only for the
            // word keys text fields use: tmux also joins an Esc and a key typed soon after it
            // (its escape-time), and Esc then q must stay "back, then quit", not an unknown alt-q.
            if KeySequences.altKeys.contains(introducer) { return (.alt(introducer), 2) }
            return (.escape, 1)
        }
    }

    /// The key a CSI (`[`) or SS3 (`O`) sequence stands for.
    static func control(introducer: Character, params: String, final: Character) -> Key? {
        // A private marker (`?`, `>`) makes it a terminal's report, not a key.
        guard params.allSatisfy({ $0.isNumber || $0 == ";" }) else { return nil }
        let numbers = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        // `ESC[5D` (a lone parameter on an arrow) is the older form of `ESC[1;5D`.
        let modifier = numbers.count > 1 ? (numbers[1] ?? 1) : ("ABCD".contains(final) ? (numbers.first ?? 1) ?? 1 : 1)
        // xterm's modifier parameter is 1 + (shift 1, alt 2, ctrl 4): ctrl or alt means a word move.
        let wordMove = modifier > 1 && ((modifier - 1) & 0b110) != 0
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return wordMove ? .ctrlRight : .right
        case "D": return wordMove ? .ctrlLeft : .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "P", "Q", "R", "S":
            guard introducer == "O" || params.hasPrefix("1;") else { return nil }
            return .function(["P", "Q", "R", "S"].firstIndex(of: final).map { $0 + 1 } ?? 1)
        // rxvt: ctrl-arrows as SS3 a-d, shift-arrows as CSI a-d.
        case "a": return .up
        case "b": return .down
        case "c": return introducer == "O" ? .ctrlRight : .right
        case "d": return introducer == "O" ? .ctrlLeft : .left
        case "~", "^", "$", "@":
            // VT220 keys; rxvt marks ctrl with ^ and shift with $ in place of ~.
            guard let n = numbers.first ?? nil else { return nil }
            return tilde(n)
        default: return nil
        }
    }

    /// The key of `ESC [ n ~`.
    static func tilde(_ n: Int) -> Key? {
        switch n {
        case 1, 7: return .home
        case 4, 8: return .end
        case 2: return .insert
        case 3: return .delete
        case 5: return .pageUp
        case 6: return .pageDown
        case 11...15: return .function(n - 10)
        case 17...21: return .function(n - 11)
        case 23...26: return .function(n - 12)
        case 28, 29: return .function(n - 13)
        case 31...34: return .function(n - 14)
        default: return nil
        }
    }
}
