import CellWidth
import Foundation
import GRDB
import HeardApp
import HeardCore
import HeardStore
import TerminalUI

/// heard-bench [SIZES...] [--only PART,...] [--postgres URL] [--data DIR] [--no-taskwarrior]:
/// builds deterministic data at each size (default 1000 10000 100000) and prints every figure the
/// issues budget with PASS/FAIL, taskwarrior beside it when `task` is installed, and with
/// --postgres the same on a server beside SQLite. Run it from a release build:
///   swift build -c release --product heard --product heard-bench && .build/release/heard-bench
let environment = ProcessInfo.processInfo.environment
let options: Options
switch Options.parse(Array(CommandLine.arguments.dropFirst()), environment: environment) {
case .success(let o): options = o
case .failure(let e):
    if e.isHelp { print(e.message); exit(0) }
    try? FileHandle.standardError.write(contentsOf: Data(("heard-bench: " + e.message + "\n").utf8))   // best effort
    exit(64)
}
let today = LocalDate(iso: "2026-03-16") ?? LocalDate(dayNumber: 0)
let heard = PathText.folder(CommandLine.arguments[0]) + "/heard"
guard FileManager.default.isExecutableFile(atPath: heard) else {
    print("heard-bench: build the heard binary first (swift build -c release --static-swift-stdlib --product heard)")
    exit(1)
}
// A binary linked to the toolchain's shared Swift libraries starts slower and maps more than the
// one a team installs (README, "Installing it for a team"): its figures are said to be for it.
if let binary = FileManager.default.contents(atPath: heard), binary.range(of: Data("libswiftCore.so".utf8)) != nil {
    print("heard-bench: \(heard) is linked to the shared Swift libraries; build it with --static-swift-stdlib to measure what a team installs")
}
let work = options.dataFolder ?? NSTemporaryDirectory() + "heard-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
let env = ["HEARD_TODAY": today.iso, "HEARD_DB": ""]
let figures = Figures()
let task = options.taskwarrior && options.runs("taskwarrior") ? Taskwarrior.find() : nil

print("heard-bench: today \(today.iso), data in \(work)")
if options.taskwarrior && options.runs("taskwarrior") && task == nil { print("heard-bench: taskwarrior (`task`) is not installed: no side by side") }
if let server = options.postgres {
    do { try PostgresBench.execute(server, "SELECT 1") } catch {
        print("heard-bench: --postgres: \(error)")
        exit(1)
    }
    print("heard-bench: PostgreSQL at \(PostgresBench.display(server))")
}
print("   size  measure                                                value         cpu           budget       verdict")

/// Removes an SQLite file and its companions.
func removeDatabase(_ path: String) {
    for f in [path, path + "-wal", path + "-shm"] { unlink(f) }
}

/// The record measured, as the issue states its sizes (contacts, issues, audit rows) with its
/// events and the file's size: a note's figures can be checked against the record they are of.
func recordShape(_ path: String) -> String {
    guard let q = try? DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }()) else {
        return "the record's shape could not be read"
    }
    defer { try? q.close() }
    let tables = ["contacts", "issues", "events", "audit"]
    let counts = tables.map { t in (try? q.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(t)") }).flatMap { $0 } }
    let bytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value
    let parts = zip(tables, counts).map { t, n in "\(n.map(groupedNumber) ?? "?") \(t == "audit" ? "audit rows" : t)" }
    return "the record measured: " + parts.joined(separator: ", ") + (bytes.map { String(format: ", a %.0f MB file", Double($0) / 1_048_576) } ?? "")
}

var comparisons: [String] = []
for size in options.sizes {
    let db = "\(work)/bench-\(size).sqlite"
    let csv = "\(work)/bench-\(size).csv"
    let ready = "\(work)/bench-\(size).ready"
    // The record as built, kept beside the one measured: every run starts from a fresh copy of it.
    // Measured in place, each run's bulk change and undo left 200,000 audit rows behind, and a
    // folder kept for a day held 5,000,000 of them where the issue measures 1,000,000: every
    // figure after the first runs was of a larger record than it said (found in session 39).
    let built0 = "\(work)/bench-\(size).built.sqlite"
    var built: ProcessRun?
    if FileManager.default.fileExists(atPath: ready) && FileManager.default.fileExists(atPath: built0) {
        removeDatabase(db)
        try FileManager.default.copyItem(atPath: built0, toPath: db)
        figures.note(size, "reusing the data built before in \(work) (a fresh copy: earlier runs' saves are not in it)")
    } else {
        unlink(ready)
        removeDatabase(db)
        try DataGenerator.csv(count: size, today: today).write(toFile: csv, atomically: true, encoding: .utf8)
        let imp = Measure.run(heard, ["import", csv, "--db", db], env: env)
        if imp.status != 0 {
            let again = Measure.run(heard, ["import", csv, "--db", db, "--dry-run"], env: env, keepOutput: true)
            print("import failed with status \(imp.status); the CSV is kept at \(csv)\n\(again.output.prefix(2000))")
            exit(1)
        }
        built = imp
        try DataGenerator.topUp(path: db, today: today)
        try SubjectAccessBench.prepare(db: db)
        // The names' words taken, as a team's record has them between saves: the log lines and
        // letters just added left every case's waiting, and each run's first search took them.
        let words = Measure.run(heard, ["sar", "--rebuild-index", "--db", db], env: env)
        if words.status != 0 { print("heard sar --rebuild-index failed with status \(words.status)"); exit(1) }
        // Closed with its log copied in (`prepare` closes its queue), so the file alone is the record.
        removeDatabase(built0)
        try FileManager.default.copyItem(atPath: db, toPath: built0)
        _ = FileManager.default.createFile(atPath: ready, contents: Data())
    }
    let subject = try SubjectAccessBench.subject(db: db)
    figures.note(size, recordShape(db))

    // The server's copy is made first, so both databases are measured on the same rows.
    var serverURL: String?
    // HEARD_BENCH_SCHEMA=NAME measures a schema the record was already copied into (kept by an
    // earlier run with HEARD_BENCH_KEEP, or made by heard migrate), without copying it again.
    let reused = environment["HEARD_BENCH_SCHEMA"].flatMap { $0.isEmpty ? nil : $0 }
    let schemaName = reused ?? "heard_bench_\(size)_\(getpid())"
    if let server = options.postgres, reused != nil {
        serverURL = PostgresBench.url(server, schemaName)
        figures.note(size, "PostgreSQL: measuring the schema \(schemaName) as it is (HEARD_BENCH_SCHEMA; not copied again)")
    } else if let server = options.postgres {
        let url = try PostgresBench.schema(server, schemaName)
        figures.database = "postgres"
        let copy = Measure.run(heard, ["migrate", db, url], env: env)
        figures.add(size, "heard migrate of the record to the server", copy.seconds, cpu: copy.cpu, failed: copy.status != 0)
        if copy.status == 0 { serverURL = url } else { figures.note(size, "the copy failed: no PostgreSQL figures at this size") }
        if copy.status == 0 { PostgresBench.setUpTeam(heard, url, env: env, size: size, figures: figures) }
        figures.database = "sqlite"
    }

    // taskwarrior's tasks are made from the cases as they are before the saves below change officers.
    let casesBefore = task == nil ? [] : try Store(path: db, options: StoreOptions(create: false)).cases(CaseFilter(), today: today)
    var imports = 0
    let onFile = Suite(size: size, db: db, heard: heard, env: env, work: work, today: today, options: options, figures: figures) {
        imports += 1
        let target = "\(work)/import-\(size)-\(imports).sqlite"
        removeDatabase(target)
        return (target, { removeDatabase(target) })
    }
    if let other = options.against {
        let copy = "\(work)/against-\(size).sqlite"
        removeDatabase(copy)
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        onFile.against = (other, copy)
        figures.note(size, "each whole-process figure is also run by \(other), in turn, on a copy of the record")
    }
    try onFile.run(csv: csv, subject: subject, built: built)
    if let copy = onFile.against?.db { removeDatabase(copy) }

    if let task {
        try Taskwarrior.run(task: task, size: size, cases: casesBefore, officer: Suite.busiestOfficer(casesBefore)?.name, work: work, today: today, figures: figures)
    }

    if let server = options.postgres, let url = serverURL {
        figures.database = "postgres"
        let onServer = Suite(size: size, db: url, heard: heard, env: env, work: work, today: today, options: options, figures: figures) {
            imports += 1
            let name = "heard_bench_import_\(size)_\(getpid())_\(imports)"
            let url = try PostgresBench.schema(server, name)
            PostgresBench.setUpTeam(heard, url, env: env, size: size, figures: figures, quietly: true)
            return (url, { PostgresBench.drop(server, name) })
        }
        onServer.importRuns = 1
        try onServer.run(csv: csv, subject: subject)
        figures.database = "sqlite"
        let c = PostgresBench.compare(size: size, figures: figures)
        print(c.text, terminator: "")
        comparisons.append(c.text)
        if environment["HEARD_BENCH_KEEP"] == nil && reused == nil { PostgresBench.drop(server, schemaName) } else { print("kept the schema \(schemaName)") }
    }
}

print(figures.summary(database: "sqlite"), terminator: "")
if options.postgres != nil {
    print(figures.summary(database: "postgres"), terminator: "")
    for c in comparisons { print(c, terminator: "") }
}

// HEARD_BENCH_KEEP=1 keeps the generated data (always kept in a folder given with --data).
if options.dataFolder == nil && environment["HEARD_BENCH_KEEP"] == nil { try? FileManager.default.removeItem(atPath: work) }
else { print("kept \(work)") }
