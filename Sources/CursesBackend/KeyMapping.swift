import CNCurses
import TerminalUI

/// Maps what `wget_wch` returned to a Key.
enum KeyMapping {
    /// A function key code (wget_wch returned KEY_CODE_YES).
    static func key(forCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_FIND, KEY_A1: return .home
        case KEY_END, KEY_SELECT, KEY_C1: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        default:
            let f0 = heard_KEY_F0()
            if code > f0 && code <= f0 + 63 { return .function(Int(code - f0)) }
            return nil
        }
    }

    /// A character (wget_wch returned OK).
    static func key(forChar ch: UInt32) -> Key? {
        switch ch {
        case 27: return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 1...26:
            guard let s = Unicode.Scalar(ch + 96) else { return nil }
            return .ctrl(Character(s))
        case 0..<32: return nil
        default:
            guard let s = Unicode.Scalar(ch), s.properties.generalCategory != .control else { return nil }
            return .char(Character(s))
        }
    }
}
