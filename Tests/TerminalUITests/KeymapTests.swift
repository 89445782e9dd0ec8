import XCTest
import TerminalUI

final class KeymapTests: XCTestCase {
    let defaults: [KeyBinding] = [
        KeyBinding(scope: "global", action: "back", keys: [.escape, .char("q")], description: "back out"),
        KeyBinding(scope: "global", action: "help", keys: [.char("?")], description: "help for this screen"),
        KeyBinding(scope: "global", action: "actionPlan", keys: [.char("A")], description: "action plan"),
        KeyBinding(scope: "list", action: "down", keys: [.down, .char("j")], description: "move down"),
        KeyBinding(scope: "list", action: "up", keys: [.up, .char("k")], description: "move up"),
        KeyBinding(scope: "list", action: "mark", keys: [.char(" ")], description: "mark / unmark"),
        KeyBinding(scope: "caseList", action: "quickEntry", keys: [.char("n")], description: "new contact"),
        KeyBinding(scope: "caseList", action: "workflow", keys: [.char("w")], description: "resolution workflow"),
        KeyBinding(scope: "caseList", action: "quit", keys: [.char("q")], description: "quit"),
    ]

    func testDefaultsLookupMostSpecificScopeFirst() {
        let map = Keymap(defaults: defaults)
        let scopes = ["caseList", "list", "global"]
        XCTAssertEqual(map.action(for: .char("q"), scopes: scopes), "quit")
        XCTAssertEqual(map.action(for: .char("q"), scopes: ["list", "global"]), "back")
        XCTAssertEqual(map.action(for: .char("j"), scopes: scopes), "down")
        XCTAssertEqual(map.action(for: .char("?"), scopes: scopes), "help")
        XCTAssertNil(map.action(for: .char("z"), scopes: scopes))
        XCTAssertTrue(map.conflicts().isEmpty)
    }

    func testRebindWithStringAndList() {
        var map = Keymap(defaults: defaults)
        let errors = map.applyOverrides(toml: """
        [caseList]
        quickEntry = "N"

        [list]
        down = ["ctrl-n", "down"]
        """)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(map.keys(for: "quickEntry", scope: "caseList"), [.char("N")])
        XCTAssertNil(map.action(for: .char("n"), scopes: ["caseList"]))
        XCTAssertEqual(map.action(for: .ctrl("n"), scopes: ["list"]), "down")
        XCTAssertNil(map.action(for: .char("j"), scopes: ["list"]))
    }

    func testUnbindWithEmptyStringOrList() {
        var map = Keymap(defaults: defaults)
        let errors = map.applyOverrides(toml: """
        [caseList]
        workflow = ""
        [global]
        actionPlan = []
        """)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(map.keys(for: "workflow", scope: "caseList"), [])
        XCTAssertNil(map.action(for: .char("A"), scopes: ["global"]))
        XCTAssertFalse(map.helpEntries(scopes: ["caseList"]).contains { $0.action == "workflow" })
    }

    func testErrorsNameLineAndKeyAndValidPartStillApplies() {
        var map = Keymap(defaults: defaults)
        let errors = map.applyOverrides(toml: """
        # my keys
        [caseList]
        quickEntry = "N"
        fly = "f"
        workflow = "hyper-x"

        [nowhere]
        down = "j"

        [list]
        up = "j"
        """, file: "keys.toml")
        XCTAssertEqual(errors.count, 4, errors.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(errors[0].kind, .unknownAction)
        XCTAssertEqual(errors[0].line, 4)
        XCTAssertEqual(errors[0].action, "fly")
        XCTAssertEqual(errors[1].kind, .badKey)
        XCTAssertEqual(errors[1].line, 5)
        XCTAssertEqual(errors[1].key, "hyper-x")
        XCTAssertEqual(errors[2].kind, .unknownScope)
        XCTAssertEqual(errors[2].line, 7)
        XCTAssertEqual(errors[3].kind, .conflict(otherAction: "down"))
        XCTAssertEqual(errors[3].line, 11)
        XCTAssertEqual(errors[3].description, "keys.toml:11: [list] up: key \"j\" is already bound to down")
        // The valid line applied; the conflicting key did not steal "j".
        XCTAssertEqual(map.keys(for: "quickEntry", scope: "caseList"), [.char("N")])
        XCTAssertEqual(map.action(for: .char("j"), scopes: ["list"]), "down")
        XCTAssertTrue(map.conflicts().isEmpty)
    }

    func testSwappingTwoKeysIsNotAConflict() {
        var map = Keymap(defaults: defaults)
        let errors = map.applyOverrides(toml: """
        [list]
        down = "k"
        up = "j"
        """)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(map.action(for: .char("k"), scopes: ["list"]), "down")
        XCTAssertEqual(map.action(for: .char("j"), scopes: ["list"]), "up")
    }

    func testSyntaxErrorIsReportedAndNothingChanges() {
        let (map, errors) = Keymap.load(defaults: defaults, overrides: "[caseList\nquickEntry = \"N\"\n")
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?.line, 1)
        XCTAssertEqual(map, Keymap(defaults: defaults))
    }

    func testBadValueType() {
        var map = Keymap(defaults: defaults)
        let errors = map.applyOverrides(toml: "[caseList]\nquickEntry = 5\n")
        XCTAssertEqual(errors.first?.kind, .badValue)
        XCTAssertEqual(errors.first?.line, 2)
        XCTAssertEqual(map.keys(for: "quickEntry", scope: "caseList"), [.char("n")])
    }

    func testHelpEntriesAndOverlay() {
        let map = Keymap(defaults: defaults)
        let entries = map.helpEntries(scopes: ["caseList", "global"])
        XCTAssertEqual(entries.map(\.action), ["quickEntry", "workflow", "quit", "back", "help", "actionPlan"])
        XCTAssertEqual(entries.first(where: { $0.action == "back" })?.keys, ["esc", "q"])
        // The overlay drops keys shadowed by a more specific scope.
        let overlay = HelpOverlay(keymap: map, scopes: ["caseList", "global"])
        XCTAssertEqual(overlay.entries.first(where: { $0.action == "back" })?.keys, ["esc"])
        var f = Frame(width: 40, height: 10)
        overlay.render(into: &f, area: f.bounds)
        assertFrame(f, [
            "                                        ",
            "     ┌ Keys ─────────────────────┐      ",
            "     │ n    new contact          │      ",
            "     │ w    resolution workflow  │      ",
            "     │ q    quit                 │      ",
            "     │ esc  back out             │      ",
            "     │ ?    help for this screen │      ",
            "     │ A    action plan          │      ",
            "     └───────────────────────────┘      ",
            "                                        ",
        ])
    }

    func testReadOnlyRemovesActions() {
        let map = Keymap(defaults: defaults).removing(actions: ["quickEntry", "workflow"])
        XCTAssertNil(map.action(for: .char("n"), scopes: ["caseList"]))
        XCTAssertEqual(map.action(for: .char("q"), scopes: ["caseList"]), "quit")
    }
}

/// A mistake in keys.toml never leaves an action unreachable: a misspelt key or a key taken by
/// another action keeps the action's own keys, and the message says so.
final class KeymapMistakeTests: XCTestCase {
    let defaults = [
        KeyBinding(scope: "caseList", action: "quickEntry", keys: [.char("n")], description: "New"),
        KeyBinding(scope: "caseList", action: "workflow", keys: [.char("w")], description: "Workflow"),
    ]

    private func keys(_ map: Keymap, _ action: String) -> [Key] {
        map.bindings.first { $0.scope == "caseList" && $0.action == action }?.keys ?? []
    }

    func testAMisspeltKeyKeepsTheDefault() {
        let (map, errors) = Keymap.load(defaults: defaults, overrides: "[caseList]\nquickEntry = \"ctrl-banana\"\n", file: "keys.toml")
        XCTAssertEqual(keys(map, "quickEntry"), [.char("n")])
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors.first?.description.contains("keeps") ?? false, "\(errors)")
    }

    func testOneGoodKeyAmongBadOnesIsTaken() {
        let (map, _) = Keymap.load(defaults: defaults, overrides: "[caseList]\nquickEntry = [\"ctrl-banana\", \"N\"]\n", file: "keys.toml")
        XCTAssertEqual(keys(map, "quickEntry"), [.char("N")])
    }

    func testAKeyTakenByAnotherActionKeepsTheOwnKey() {
        let (map, errors) = Keymap.load(defaults: defaults, overrides: "[caseList]\nquickEntry = \"w\"\n", file: "keys.toml")
        XCTAssertEqual(keys(map, "quickEntry"), [.char("n")])
        XCTAssertEqual(keys(map, "workflow"), [.char("w")])
        XCTAssertEqual(errors.count, 1)
    }

    func testAnEmptyValueStillUnbinds() {
        let (map, errors) = Keymap.load(defaults: defaults, overrides: "[caseList]\nquickEntry = \"\"\n", file: "keys.toml")
        XCTAssertEqual(keys(map, "quickEntry"), [])
        XCTAssertEqual(errors, [])
    }
}
