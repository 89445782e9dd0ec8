import Foundation

/// What a figure counts: time (held in seconds, printed in ms), memory (MB), or a lead (how many
/// times faster Heard is than another tool, where more is better).
enum Unit {
    case seconds, megabytes, times

    /// Whether more is better (a lead), so the budget is a floor, not a ceiling.
    var isFloor: Bool { self == .times }

    /// The figure as printed: milliseconds for time, MB for memory.
    func format(_ v: Double) -> String {
        switch self {
        case .seconds: return String(format: "%8.1f ms", v * 1000)
        case .megabytes: return String(format: "%8.1f MB", v)
        case .times: return String(format: "%8.1f × ", v)
        }
    }
}

/// One measured figure: at which size, on which database, against which budget.
struct Figure {
    var size: Int
    var database: String
    var name: String
    var value: Double
    var unit: Unit
    /// Same unit as `value`; the figure passes when it is at most this (at least, for a lead).
    /// Nil: no budget.
    var budget: Double?
    /// CPU time (user + system) of a whole process, when known.
    var cpu: Double?
    /// The command failed (its figure would flatter): always FAIL.
    var failed = false

    /// PASS/FAIL when there is a budget, else nil.
    var pass: Bool? {
        if failed { return false }
        return budget.map { unit.isFloor ? value >= $0 : value <= $0 }
    }

    /// The figure's line: size, name, value, CPU, budget and verdict in fixed columns.
    var line: String {
        let label = name.count >= 50 ? name : name + String(repeating: " ", count: 50 - name.count)
        let cpuText = cpu.map { String(format: "%8.1f ms cpu", $0 * 1000) } ?? String(repeating: " ", count: 15)
        let budgetText = budget.map { (unit.isFloor ? "≥ " : "≤ ") + unit.format($0).trimmingCharacters(in: .whitespaces) } ?? ""
        let verdict = failed ? "FAIL (command failed)" : pass.map { $0 ? "PASS" : "FAIL" } ?? ""
        let budgetCol = budgetText + String(repeating: " ", count: max(0, 12 - budgetText.count))
        return String(format: "%7d  ", size) + label + " " + unit.format(value) + "  " + cpuText + "   " + budgetCol + " " + verdict
    }
}

/// Every figure of the run, printed as it comes and kept for the summaries at the end.
final class Figures {
    private(set) var all: [Figure] = []
    /// The database the figures now being added are measured on ("sqlite", "postgres").
    var database = "sqlite"

    /// Records and prints one figure.
    @discardableResult
    func add(_ size: Int, _ name: String, _ value: Double, _ unit: Unit = .seconds, budget: Double? = nil, cpu: Double? = nil, failed: Bool = false) -> Figure {
        let f = Figure(size: size, database: database, name: name, value: value, unit: unit, budget: budget, cpu: cpu, failed: failed)
        all.append(f)
        print((database == "sqlite" ? "" : "[\(database)] ") + f.line)
        fflush(nil)   // every stream: the figures show as they come, even through a pipe
        return f
    }

    /// A line that is not a figure (a skipped part, a note), printed at once.
    func note(_ size: Int, _ text: String) {
        print(String(format: "%7d  ", size) + text)
        fflush(nil)
    }

    /// Every budgeted figure of `database` with its verdict, and the count of failures.
    func summary(database: String) -> String {
        let budgeted = all.filter { $0.database == database && $0.pass != nil }
        var out = "\nSummary (\(database)): every budget, PASS or FAIL\n"
        for f in budgeted { out += f.line + "\n" }
        let failed = budgeted.filter { $0.pass == false }.count
        out += "\(budgeted.count - failed) PASS, \(failed) FAIL of \(budgeted.count) budgets\n"
        return out
    }
}
