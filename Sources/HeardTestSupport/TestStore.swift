import XCTest

/// Sends actions to an update function and checks, after each, the whole state and what the
/// update asked for (as TCA's TestStore does): the test says what it expects to change, and any
/// other change fails. States need not be Equatable: they are compared by their `dump`.
public final class TestStore<State, Action, Result> {
    /// The state after the actions sent so far.
    public private(set) var state: State
    private let update: (inout State, Action) -> Result

    /// A store starting at `state`, changed by `update`.
    public init(_ state: State, update: @escaping (inout State, Action) -> Result) {
        self.state = state
        self.update = update
    }

    /// Sends `action`; fails unless the update returns `expected` and the state is the one
    /// before with `change` applied (nothing else changed).
    @discardableResult
    public func send(_ action: Action, returns expected: Result, file: StaticString = #filePath, line: UInt = #line,
                     _ change: (inout State) -> Void = { _ in }) -> Result {
        var wanted = state
        change(&wanted)
        let result = update(&state, action)
        if let diff = TestStore.difference(wanted, state) {
            XCTFail("state after \(TestStore.text(action).prefix(200)) is not the one expected:\n\(diff)", file: file, line: line)
        }
        if let diff = TestStore.difference(expected, result) {
            XCTFail("\(TestStore.text(action).prefix(200)) asked for something else:\n\(diff)", file: file, line: line)
        }
        return result
    }

    /// Sends several actions that must each change nothing and ask for nothing of note:
    /// `returns` for each is `quiet`.
    public func sendQuietly(_ actions: [Action], returning quiet: Result, file: StaticString = #filePath, line: UInt = #line) {
        for a in actions { send(a, returns: quiet, file: file, line: line) }
    }

    /// Changes the state without checking (setting up, or data the runner would deliver).
    public func set(_ change: (inout State) -> Void) { change(&state) }

    static func text<T>(_ value: T) -> String {
        var out = ""
        dump(value, to: &out)
        return out
    }

    /// The lines that differ between two values' dumps; nil when none do.
    public static func difference<T>(_ expected: T, _ actual: T) -> String? {
        let e = text(expected), a = text(actual)
        if e == a { return nil }
        let el = e.split(separator: "\n", omittingEmptySubsequences: false), al = a.split(separator: "\n", omittingEmptySubsequences: false)
        // A Set or Dictionary may dump its elements in another order while equal.
        if el.sorted() == al.sorted() { return nil }
        var out: [String] = []
        for i in 0..<max(el.count, al.count) where out.count < 40 {
            let x = i < el.count ? String(el[i]) : "", y = i < al.count ? String(al[i]) : ""
            if x != y { out.append("  expected: \(x.trimmingCharacters(in: .whitespaces))\n  actual:   \(y.trimmingCharacters(in: .whitespaces))") }
        }
        return out.joined(separator: "\n")
    }
}
