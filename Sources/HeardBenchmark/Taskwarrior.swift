import Foundation
import HeardCore

/// taskwarrior side by side (issue 14): the same number of tasks as contacts, made from the
/// contacts (description the summary, project the officer, tags the kind and service area, due
/// the case's deadline, completed when the case is not open), imported into a scratch data
/// folder, then `task import`, `task list`, `task count` (a filtered query) and `task export`
/// timed as whole processes beside Heard's equivalents, with Heard's lead.
enum Taskwarrior {
    /// The `task` executable on PATH, or nil.
    static func find() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/task"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// One task as `task import` reads it.
    struct Task: Encodable {
        var uuid: String
        var status: String
        var description: String
        var entry: String
        var due: String?
        var end: String?
        var project: String
        var tags: [String]
    }

    /// A day as taskwarrior writes dates (noon UTC, so no time zone moves it to another day).
    static func stamp(_ d: LocalDate) -> String { d.iso.replacingOccurrences(of: "-", with: "") + "T120000Z" }

    /// A name as one project or tag word (taskwarrior filters split on spaces).
    static func word(_ s: String) -> String { s.replacingOccurrences(of: " ", with: "_") }

    /// The tasks for `cases`, their dates moved by `shift` days so that taskwarrior's today (the
    /// real one) stands where the bench's today stands for Heard: the same tasks are overdue.
    static func tasks(_ cases: [CaseSummary], shift: Int) throws -> String {
        let encoder = JSONEncoder()
        var out = ""
        out.reserveCapacity(cases.count * 260)
        for (i, c) in cases.enumerated() {
            let live = c.status == .open || c.status == .responded || c.status == .mediation
            let received = c.received.adding(days: shift)
            let t = Task(uuid: String(format: "%08x-0000-4000-8000-%012x", i, i), status: live ? "pending" : "completed",
                         description: c.summary.isEmpty ? c.reference : c.summary, entry: stamp(received),
                         due: c.due.map { stamp($0.adding(days: shift)) }, end: live ? nil : stamp(received.adding(days: 30)),
                         project: word(c.officer.isEmpty ? "unassigned" : c.officer),
                         tags: [word(c.kind.rawValue), word(c.serviceArea)].filter { !$0.isEmpty })
            out += String(decoding: try encoder.encode(t), as: UTF8.self) + "\n"
        }
        return out
    }

    /// Imports the tasks for `cases` and times taskwarrior's commands beside Heard's figures of
    /// the same size on SQLite (already in `figures`), printing each with Heard's lead.
    static func run(task: String, size: Int, cases: [CaseSummary], officer: String?, work: String, today: LocalDate, figures: Figures) throws {
        let folder = "\(work)/taskwarrior-\(size)"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
        let rc = "\(folder)/taskrc"
        try """
            data.location=\(folder)/data
            confirmation=off
            hooks=off
            verbose=nothing
            color=off
            detection=off
            defaultwidth=120
            recurrence=off
            gc=on
            news.version=2.6.0

            """.write(toFile: rc, atomically: true, encoding: .utf8)
        let env = ["TASKRC": rc, "TASKDATA": folder + "/data", "HOME": folder]
        let now = LocalDate(iso: String(ISO8601DateFormatter().string(from: Date()).prefix(10))) ?? today
        let file = "\(folder)/tasks.json"
        try tasks(cases, shift: today.days(to: now)).write(toFile: file, atomically: true, encoding: .utf8)

        let officerWord = word(officer ?? "unassigned")
        let measures: [(task: String, args: [String], runs: Int, heard: String)] = [
            ("task import", ["import", file], 1, "heard import of"),
            ("task list", ["list"], 1, "heard cases --format table"),
            ("task count project:\(officerWord) +OVERDUE", ["count", "project:\(officerWord)", "+OVERDUE"], 3, "heard cases --overdue --officer"),
            ("task export", ["export"], 1, "heard export --format json"),
        ]
        for m in measures {
            var runs: [ProcessRun] = []
            for _ in 0..<m.runs { runs.append(Measure.run(task, m.args, env: env)) }
            guard let best = runs.min(by: { $0.seconds < $1.seconds }) else { continue }
            let failed = runs.contains { $0.status != 0 }
            figures.add(size, m.task + (m.runs > 1 ? " (min of \(m.runs))" : ""), best.seconds, cpu: best.cpu, failed: failed)
            figures.add(size, m.task + " peak memory", runs.map(\.peakMB).max() ?? 0, .megabytes)
            guard let heard = figures.all.last(where: { $0.size == size && $0.database == figures.database && $0.unit == .seconds && $0.name.hasPrefix(m.heard) }),
                  heard.value > 0 else {
                figures.note(size, "  (no Heard figure for \"\(m.heard)\" in this run: no lead)")
                continue
            }
            // The issue's floors: the whole list ≥ 25× task list, the import ≥ 5× task import.
            let floor: Double? = m.task == "task list" ? 25 : m.task == "task import" ? 5 : nil
            figures.add(size, "  Heard's lead over \(m.task.split(separator: " ").prefix(2).joined(separator: " "))", best.seconds / heard.value, .times, budget: floor, failed: failed)
        }
    }
}
