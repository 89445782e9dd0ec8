/// Bracketed paste (xterm's mode 2004): a terminal told `ESC [ ? 2004 h` sends pasted text
/// between `ESC [ 200 ~` and `ESC [ 201 ~`, so the app can tell typing from a paste. Without it
/// a paste of "Kat\nq" was the keys K, a, t, Enter and q: the rest of a paste after a newline
/// ran as commands (it quit the app, applied a filter, dropped an action).
public enum BracketedPaste {
    // The mode is turned on and off by the backend's C shim (`heard_bracketed_paste`), which
    // the signal handlers can call.
    /// What the terminal sends before pasted text.
    public static let start = "\u{1B}[200~"
    /// What the terminal sends after it.
    public static let end = "\u{1B}[201~"
    /// The most of one paste kept, in UTF-8 bytes; the rest is read and dropped (and said).
    public static let limit = 64 * 1024

    /// Collects a paste's text as its characters arrive, up to the end marker.
    public struct Collector: Sendable {
        private var scalars = String.UnicodeScalarView()
        private var bytes = 0
        /// Scalars held back because they may be the start of the end marker.
        private var held: [Unicode.Scalar] = []
        /// More arrived than `limit`: only the start is kept.
        public private(set) var cut = false
        /// The end marker arrived.
        public private(set) var ended = false
        private let limit: Int
        private static let endScalars = Array(BracketedPaste.end.unicodeScalars)

        public init(limit: Int = BracketedPaste.limit) { self.limit = limit }

        /// Takes the next character the terminal sent; true once the end marker has arrived.
        @discardableResult
        public mutating func take(_ u: Unicode.Scalar) -> Bool {
            guard !ended else { return true }
            held.append(u)
            if held == Collector.endScalars { held = []; ended = true; return true }
            if Collector.endScalars.starts(with: held) { return false }
            // Not the marker after all: keep what was held back, save a new Esc that may start it.
            let restart = held.last == "\u{1B}" && held.count > 1
            let keep = restart ? held.dropLast() : held[...]
            for s in keep { keepScalar(s) }
            held = restart ? ["\u{1B}"] : []
            return false
        }

        /// The end marker was read as one key (ncurses knew it): the paste is whole.
        public mutating func finish() {
            for s in held { keepScalar(s) }
            held = []
            ended = true
        }

        private mutating func keepScalar(_ s: Unicode.Scalar) {
            let n = String(s).utf8.count
            guard bytes + n <= limit else { cut = true; return }
            bytes += n
            scalars.append(s)
        }

        /// The paste as a key.
        public var key: Key { .paste(String(scalars), cut: cut) }
    }

    /// Pasted text as one line of a text field: each line break (CR, LF, CRLF) and tab is a
    /// space, other control characters (an Esc of a pasted sequence) are dropped. With
    /// `keepingLines`, line breaks stay as `\n` (a long text field that keeps them).
    public static func text(_ pasted: String, keepingLines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for u in pasted.unicodeScalars {
            defer { afterCR = u == "\r" }
            switch u.value {
            case 0x0A where afterCR: continue   // CRLF is one break
            case 0x0D, 0x0A: out.append(keepingLines ? "\n" : " ")
            case 0x09: out.append(" ")
            case 0..<0x20, 0x7F, 0x80..<0xA0: continue
            default: out.append(u)
            }
        }
        return String(out)
    }
}
