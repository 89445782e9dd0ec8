import TerminalUI
import XCTest

/// A screen takes only some actions of a scope: routing and help both see just those.
final class KeyScopeTests: XCTestCase {
    let map = Keymap(defaults: [
        KeyBinding(scope: "global", action: "back", keys: [.escape, .char("q")], description: "back out"),
        KeyBinding(scope: "global", action: "undo", keys: [.char("u")], description: "undo"),
        KeyBinding(scope: "list", action: "down", keys: [.down, .char("j")], description: "move down"),
        KeyBinding(scope: "list", action: "mark", keys: [.char(" ")], description: "mark / unmark"),
        KeyBinding(scope: "findings", action: "upheld", keys: [.char("u")], description: "upheld"),
    ])
    let screen = [KeyScope("findings"), KeyScope("list", only: ["down"]), KeyScope("global")]

    func testAnActionOutsideTheScreensPartOfAScopeIsNotFound() {
        XCTAssertEqual(map.binding(for: .char("j"), in: screen)?.action, "down")
        XCTAssertNil(map.binding(for: .char(" "), in: screen), "mark is not the screen's")
        XCTAssertEqual(map.binding(for: .char("u"), in: screen)?.scope, "findings", "the first scope wins")
        XCTAssertEqual(map.binding(for: .char("q"), in: screen)?.action, "back")
    }

    func testHelpListsOnlyTheScreensActionsAndNoShadowedKey() {
        let overlay = HelpOverlay(keymap: map, keyScopes: screen)
        XCTAssertEqual(overlay.entries.map(\.action), ["upheld", "down", "back"], "mark is not listed; undo's only key is upheld's here")
        XCTAssertEqual(overlay.entries.last?.keys, ["esc", "q"])
    }
}
