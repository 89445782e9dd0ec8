import Foundation
import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// A seeded monkey: thousands of random keys with resizes from 1x1 to 200x60 against the real
/// runner on a demo database, headless. Nothing may crash, every frame is the terminal's size,
/// and the file passes `check` at the end. The seed is fixed, so a failure replays exactly.
final class MonkeyTests: XCTestCase {
    func testThreeThousandRandomKeysWithResizes() throws {
        let dir = TemporaryDirectory("heard-monkey")
        let store = try makeStore(in: dir, name: "demo.sqlite")
        let today = day("2022-03-15")
        try store.writeDemo(today: today)
        // Exports a random form may save land in the test's folder, not the package's.
        let cwd = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(cwd) }

        var random = SeededRandom(seed: 6)
        let printable = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /?:*+-=[]@#'\".,;!é李")
        // ctrl-o would start $EDITOR: everything else a keyboard sends.
        let special: [Key] = [.enter, .escape, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right, .home, .end, .pageUp, .pageDown,
                              .function(1), .ctrl("a"), .ctrl("u"), .ctrl("w"), .ctrl("l"), .ctrl("n"), .ctrl("b"), .ctrl("f"),
                              .ctrl("e"), .ctrl("k"), .alt("b"), .alt("f"), .alt("d"), .ctrlLeft, .ctrlRight]
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        func newRunner(_ size: Size) -> (AppRunner, TestBackend) {
            let backend = TestBackend(size: size)
            let runner = AppRunner(state: AppState(size: size, today: today, readOnly: false, databaseLabel: "monkey", unicode: true, keymap: keymap),
                                   store: store, backend: backend)
            runner.firstFrame()
            runner.loadEverything()
            return (runner, backend)
        }
        var size = Size(width: 80, height: 24)
        var (runner, _) = newRunner(size)
        var quits = 0
        var keys = 0
        var visited = Set<String>()
        for step in 0..<3_000 {
            if random.chance(0.03) {
                size = random.chance(0.2) ? Size(width: random.int(in: 1...12), height: random.int(in: 1...6))
                    : Size(width: random.int(in: 20...200), height: random.int(in: 5...60))
                runner.dispatch(.resize(size))
            } else if random.chance(0.02) {
                runner.dispatch(.tick)
            } else {
                let key: Key = random.chance(0.7) ? .char(random.pick(printable)) : random.pick(special)
                runner.dispatch(.key(key))
                keys += 1
            }
            if let top = runner.state.stack.last { visited.insert(String(describing: top).prefix { $0 != "(" }.description) }
            let frame = Render.frame(runner.state)
            XCTAssertEqual(frame.size, runner.state.size, "step \(step)")
            if runner.state.quit {
                quits += 1
                (runner, _) = newRunner(size)
            }
        }
        XCTAssertGreaterThan(keys, 2_500)
        XCTAssertGreaterThanOrEqual(visited.count, 5, "the keys reached many screens: \(visited.sorted())")
        print("monkey: \(keys) keys, \(quits) quits, screens \(visited.sorted())")
        XCTAssertEqual(try store.check(today: today), [], "the file is sound after \(keys) keys and \(quits) quits")
    }
}
