import CNCurses
import TerminalUI

/// Teaches ncurses the editing-key sequences of the common terminals and decodes what it still
/// hands over as Esc followed by bytes, so Home is Home whatever `TERM` says (tmux with
/// `TERM=xterm-256color` sends `ESC[1~`, which xterm's entry does not know).
struct KeyDecoding {
    /// Key codes ncurses returns for sequences registered here, or for ones terminfo defines
    /// beyond the standard codes (xterm's kLFT5 for ctrl-left).
    private(set) var codes: [Int32: Key] = [:]

    /// The codes of bracketed paste's start and end markers (nil: ncurses could not take them,
    /// and they arrive as Esc and bytes, which `CursesBackend.escapeSequence` reads).
    private(set) var pasteStart: Int32?
    private(set) var pasteEnd: Int32?

    /// The first code of our own: above any ncurses assigns to terminfo's extended keys.
    static let privateBase: Int32 = 0x7100

    /// Registers `KeySequences.known` with the current screen: a sequence ncurses already knows
    /// keeps its code (remembered when KeyMapping does not name it); an unknown one gets a code
    /// of ours. A sequence that clashes with a longer known one is left to `decode`.
    mutating func register() {
        for (i, entry) in KeySequences.known.enumerated() {
            let existing = key_defined(entry.sequence)
            if existing > 0 {
                if KeyMapping.key(forCode: existing) == nil { codes[existing] = entry.key }
                continue
            }
            guard existing == 0 else { continue }
            let code = KeyDecoding.privateBase + Int32(i)
            if define_key(entry.sequence, code) == OK { codes[code] = entry.key }
        }
        pasteStart = code(for: BracketedPaste.start, private: KeyDecoding.privateBase + 0xF0)
        pasteEnd = code(for: BracketedPaste.end, private: KeyDecoding.privateBase + 0xF1)
    }

    /// The code ncurses returns for `sequence`: its own when it knows it, else `code` defined for it.
    private func code(for sequence: String, private code: Int32) -> Int32? {
        let existing = key_defined(sequence)
        if existing > 0 { return existing }
        guard existing == 0 else { return nil }
        return define_key(sequence, code) == OK ? code : nil
    }

    /// The key of a code wget_wch returned with KEY_CODE_YES.
    func key(forCode code: Int32) -> Key? { KeyMapping.key(forCode: code) ?? codes[code] }
}
