import HeardApp
import HeardCore
import HeardStore
import TerminalUI

/// A runner on the demo record written into `dir` as of `today`, with the default keys, every
/// row of the case list loaded: what a screen test drives with keys.
public func demoRunner(in dir: TemporaryDirectory, today: LocalDate, size: Size = Size(width: 80, height: 24)) throws -> (AppRunner, Store) {
    let store = try makeStore(in: dir, name: "demo.sqlite")
    try store.writeDemo(today: today)
    let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
    let runner = AppRunner(state: AppState(size: size, today: today, readOnly: false, databaseLabel: "demo", unicode: true, keymap: keymap),
                           store: store, backend: TestBackend(size: size))
    runner.firstFrame()
    runner.loadEverything()
    return (runner, store)
}
