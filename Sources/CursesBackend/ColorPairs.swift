import CNCurses
import TerminalUI

/// Allocates curses colour pairs lazily, one per (foreground, background).
struct ColorPairs {
    private var pairs: [PairKey: Int32] = [:]
    private var next: Int32 = 1
    /// Whether colour numbers may be 24-bit (a direct-colour terminfo entry).
    let direct: Bool
    /// Number of colours the terminal has.
    let colors: Int32
    /// Number of pairs available.
    let maxPairs: Int32

    private struct PairKey: Hashable { var fg: ResolvedColor; var bg: ResolvedColor }

    init(direct: Bool, colors: Int32, maxPairs: Int32) {
        self.direct = direct; self.colors = colors; self.maxPairs = maxPairs
    }

    /// The pair for a style's colours, allocating it on first use (0 when out of pairs).
    mutating func pair(fg: ResolvedColor, bg: ResolvedColor) -> Int32 {
        if fg == .terminalDefault && bg == .terminalDefault { return 0 }
        let key = PairKey(fg: fg, bg: bg)
        if let p = pairs[key] { return p }
        guard next < maxPairs else { return 0 }
        let p = next
        if init_extended_pair(p, colorNumber(fg), colorNumber(bg)) == ERR { return 0 }
        next += 1
        pairs[key] = p
        return p
    }

    /// A curses colour number for a resolved colour (-1: the terminal's default).
    func colorNumber(_ c: ResolvedColor) -> Int32 {
        switch c {
        case .terminalDefault: return -1
        case .indexed(let n):
            if Int32(n) < colors { return Int32(n) }
            if colors >= 16 || n < 8 { return Int32(n) % max(colors, 1) }
            return Int32(n % 8)
        case .rgb(let rgb):
            if direct { return Int32(rgb.r) << 16 | Int32(rgb.g) << 8 | Int32(rgb.b) }
            if colors >= 256 { return Int32(nearestANSI256(rgb)) }
            return Int32(nearestBasic(rgb).rawValue) % max(colors, 1)
        }
    }
}
