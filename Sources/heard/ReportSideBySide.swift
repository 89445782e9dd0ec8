import Dispatch
import HeardCore
import Synchronization

/// `heard report`'s report built on both cores: the clocks in two halves at once, then the
/// period's figures beside its comparison's. The same report as `AnnualReport.build` (the
/// parts are pure; only where they run differs). Its clocks are `Kept`: the process ends soon after.
enum ReportSideBySide {
    static func build(_ input: ReportInput, _ options: ReportOptions) -> ReportGroup {
        let count = input.contacts.count, half = count / 2
        let (first, second) = both({ AnnualReport.clocks(input, options, in: 0..<half) },
                                   { AnnualReport.clocks(input, options, in: half..<count) })
        let clocks = first + second
        let (current, previous) = both({ AnnualReport.periodFigures(input, options, clocks: clocks) },
                                       { AnnualReport.comparisonFigures(input, options, clocks: clocks) })
        Kept.forever(clocks)
        return AnnualReport.assemble(current: current, previous: previous)
    }

    /// `a()` on another thread while `b()` runs on this one; both results.
    static func both<A: Sendable, B>(_ a: @escaping @Sendable () -> A, _ b: () -> B) -> (A, B) {
        // Written by the other thread before `done.leave()`, read here after `done.wait()`.
        let result = Mutex<A?>(nil)
        let done = DispatchGroup()
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            let value = a()
            result.withLock { $0 = value }
            done.leave()
        }
        let mine = b()
        done.wait()
        // Set before `leave()`: a missing value cannot happen; worked out here again if it did.
        return (result.withLock { $0 } ?? a(), mine)
    }
}

/// A value never freed: for what a command reads just before the process ends, which the
/// system takes back at exit faster than the value's arrays are freed one by one.
final class Kept<T>: @unchecked Sendable {
    let value: T
    private init(_ value: T) { self.value = value }
    static func forever(_ value: T) { _ = Unmanaged.passRetained(Kept(value)) }
}
