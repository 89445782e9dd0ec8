import ArgumentParser
import Foundation
import HeardCore
import HeardStore

struct Heard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heard",
        abstract: "Children's services complaints: log contacts, run the procedure against working-day deadlines, report.",
        subcommands: [Demo.self, Import.self, Export.self, Report.self, Cases.self, Actions.self, ActionCommand.self, Holidays.self, Check.self, Backup.self, Show.self, MoveCommand.self,
                      LetterCommand.self, LettersList.self, Digest.self, LogCommand.self, DocumentCommand.self,
                      RetentionCommand.self, HoldCommand.self, AnonymiseCommand.self, SubjectAccessCommand.self, AuditCommand.self, InitCommand.self,
                      MigrateCommand.self, BulkCommand.self, IssueCommand.self, UndoCommand.self])

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("Colour theme for the screens.", valueName: "NAME")) var theme: String?
    @Flag(name: .long, help: "Open without any way to change the record.") var readOnly = false

    func run() throws {
        try App.open(path: database.path, theme: theme, readOnly: readOnly, demo: false)
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Create the demo database (if absent) and open it.")
    @OptionGroup var database: DatabaseOptions
    @Flag(name: .long, help: "Create the database but do not open the screens.") var noOpen = false
    @Option(help: ArgumentHelp("Colour theme for the screens.", valueName: "NAME")) var theme: String?

    func run() throws {
        let path = database.path
        let today = try Environment.today()
        try withCreatedStore(path) { store in
            if try store.contactCount() == 0 {
                try store.writeDemo(today: today)
                let n = try store.contactCount()
                // store.path: a server's URL without its password.
                warn("demo database written to \(store.path) (\(n) contact\(n == 1 ? "" : "s"))")
            } else if noOpen {
                warn("\(store.path) already holds contacts; left as it is")
            }
        }
        if !noOpen { try App.open(path: path, theme: theme, readOnly: false, demo: true) }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import contacts from a CSV file: all or nothing.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The CSV file (UTF-8, header row).", valueName: "FILE.csv")) var file: String
    @Flag(name: .long, help: "Check the file and say what would be imported, without importing.") var dryRun = false

    func run() throws {
        let bytes = try readBytes(file)
        let today = try Environment.today()
        do {
            // A dry run, or a file with nothing to import, leaves no new database behind. On a
            // server with no record yet, opening would create its schema: the file is checked
            // against an empty record in a scratch file instead, removed after.
            let emptyServer = dryRun ? try Store.emptyServer(database.path) : nil
            let scratch = (NSTemporaryDirectory() as NSString).appendingPathComponent("heard-dry-run-\(getpid()).sqlite")
            let s = try withCreatedStore(emptyServer == nil ? database.path : scratch, keep: { !$0.dryRun }) { store in
                try store.importCSV(bytes, source: file, dryRun: dryRun, today: today)
            }
            let kinds = ContactKind.allCases.compactMap { k in s.byKind[k].map { "\($0) \($0 == 1 ? k.label : plural(k.label))" } }.joined(separator: ", ")
            var msg = "\(s.dryRun ? "would import" : "imported") \(s.imported) contact\(s.imported == 1 ? "" : "s")\(kinds.isEmpty ? "" : " (\(kinds))")"
            if s.droppedControlCharacters > 0 { msg += "; dropped \(s.droppedControlCharacters) control character\(s.droppedControlCharacters == 1 ? "" : "s")" }
            if !s.ignoredColumns.isEmpty {
                let shown = s.ignoredColumns.prefix(8).joined(separator: ", ")
                let more = s.ignoredColumns.count > 8 ? " and \(s.ignoredColumns.count - 8) more" : ""
                msg += "; ignored unknown columns: \(shown)\(more)"
            }
            if let emptyServer { msg += "; \(emptyServer) holds no Heard record yet, and was left untouched" }
            try say(msg)
        } catch StoreError.invalidImport(let problems) {
            let closing = RowProblem.closing(problems).map { "\n" + $0 } ?? ""
            throw Failure("\(file): nothing imported; \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n"
                          + problems.map(\.description).joined(separator: "\n") + closing)
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Every contact, in the import format.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "csv or json.") var format: ContactExportFormat = .csv
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE")) var output: String?
    @OptionGroup var unreadable: UnreadableOptions

    func run() throws {
        let store = try openStore(database.path, readOnly: true)
        let today = try Environment.today()
        // Everyone's details: in the access log as one read of the whole record (`emitExport`).
        try emitExport(store, format, today: today, to: output)
        // Both formats carry the contact log and letters.
        try unreadable.check(store, contacts: true, actions: false, correspondence: true)
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "The annual complaints report for a date range.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var unreadable: UnreadableOptions
    @Option(help: ArgumentHelp("First day (YYYY-MM-DD).", valueName: "DATE")) var from: String
    @Option(help: ArgumentHelp("Last day, included (YYYY-MM-DD).", valueName: "DATE")) var to: String
    @Option(name: .customLong("service-area"), help: ArgumentHelp("Only this service area (repeat for several).", valueName: "NAME"))
    var serviceAreas: [String] = []
    @Option(help: "text, markdown, csv, json or html (default: as the --output file's ending says, else text).") var format: ReportFormat?
    @Flag(help: "Drop names and free text; show counts from 1 to [report] suppress_up_to (default 4) as c.") var `public` = false
    @Option(help: ArgumentHelp("Write to this file instead of standard output (- is standard output).", valueName: "FILE")) var output: String?

    func run() throws {
        let fromDate = try parseDate(from, option: "--from")
        let toDate = try parseDate(to, option: "--to")
        if toDate < fromDate { throw ValidationError("--to \(toDate.iso) is before --from \(fromDate.iso)") }
        // Opened for writing where it can be, so that the facts the report works out are kept
        // for the next one; read-only where it cannot (`openStoreToRead`).
        let store = try openStoreToRead(database.path)
        var areas: [String] = []
        for a in serviceAreas {
            guard let m = store.reference.serviceArea(matching: a) else {
                throw Failure("--service-area: '\(a)' is not a configured service area (\(store.reference.serviceAreas.joined(separator: ", ")))")
            }
            if !areas.contains(m) { areas.append(m) }
        }
        let today = try Environment.today()
        var options = ReportOptions(period: Period(from: fromDate, to: toDate), serviceAreas: areas, today: today, rules: store.rules,
                                    calendar: try store.calendar(), reference: store.reference)
        // No format prints the references behind a count (the screen lists them): not kept.
        options.references = false
        // Read a piece at a time and counted as it comes: memory stays a few pieces, whatever the period.
        var report = try store.report(options)
        if `public` { report = report.publicVersion(threshold: store.rules.suppressUpTo) }
        try emit(ReportRenderer.render(report, as: chosenFormat), to: output == "-" ? nil : output)
        try unreadable.check(store, contacts: true, actions: true)
    }

    func validate() throws {
        // An ending that names no format, with no --format to say one, is a mistake to say now
        // (r.xlsx got the text report, as heard letter refuses such a name; found by an attack).
        if format == nil, let out = output, out != "-" {
            let ending = (out as NSString).pathExtension
            if !ending.isEmpty, ReportFormat(fileEnding: ending) == nil {
                throw ValidationError("--output \(TextSanitiser.clean(out, allowLineBreaks: false).0): .\(TextSanitiser.clean(ending, allowLineBreaks: false).0) is no report format (.txt, .md, .csv, .json, .html); give --format, or name the file with one of those")
            }
        }
    }

    /// The format asked for; else the one the output file's ending names (`--output r.csv`
    /// wrote the text report into r.csv: found by a trial), as the report screen's export does;
    /// else text.
    var chosenFormat: ReportFormat {
        if let format { return format }
        return output.flatMap { ReportFormat(fileEnding: ($0 as NSString).pathExtension) } ?? .text
    }
}

extension ReportFormat: ExpressibleByArgument {}
extension ListFormat: ExpressibleByArgument {}
extension ContactExportFormat: ExpressibleByArgument {}

struct Cases: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cases", abstract: "List cases, with their deadlines as of today.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var unreadable: UnreadableOptions
    @OptionGroup var filters: CaseFilterOptions
    @Option(help: "table, csv or json.") var format: ListFormat = .table

    func run() throws {
        let store = try openStore(database.path, readOnly: true)
        let today = try Environment.today()
        let f = filters.filter
        // Deadlines past the bank holidays Heard knows may be wrong: said beside the list, as the screen says it.
        let calendar = try store.calendar()
        var beyond = 0
        // Each row is written as it is read, from the database's bytes, on a second thread, and
        // sent in pieces.
        let list = CaseListPipe(format: format)
        var out = ListOutput()
        var rows = 0
        // The older part of a whole list comes formatted by the reader that read it.
        let isBeyond: @Sendable (CaseListRow) -> Bool = { $0.due.map(calendar.isBeyondHorizon) ?? false }
        try store.eachCaseListRow(f, today: today, formattingOlderAs: format, counting: isBeyond, { row in
            rows += 1
            list.add(row)
            if isBeyond(row) { beyond += 1 }
            out.write(list.ready())
        }, older: { part in
            rows += part.rows
            beyond += part.counted
            list.add(formatted: part.bytes)
            out.write(list.ready())
        })
        try out.finish(list.finish())
        if beyond > 0 { warn(calendar.horizonSummary(count: beyond)) }
        if rows == 0, let w = try OfficerHint.unknownFilter(f.officer, store) { warn(w) }
        try unreadable.check(store, contacts: true, actions: false)
    }
}

/// The filters `heard cases` lists by, which `heard bulk` chooses its cases by too.
struct CaseFilterOptions: ParsableArguments {
    @Flag(help: "Only cases past their deadline.") var overdue = false
    @Option(name: .customLong("due-within"), help: ArgumentHelp("Only cases due within N working days.", valueName: "N")) var dueWithin: Int?
    @Option(help: ArgumentHelp("Only this officer's cases.", valueName: "NAME")) var officer: String?
    @Option(help: ArgumentHelp("Only cases at this stage.", valueName: "N")) var stage: Int?
    @Option(help: ArgumentHelp("Only cases whose reference, names (the subject child too, with their social care ID and date of birth) or summary contain every word (case and accents ignored), as / does.", valueName: "TEXT")) var search: String?

    func validate() throws {
        if let n = dueWithin, n < 0 { throw ValidationError("--due-within must be 0 or more") }
        if let s = stage, !(1...3).contains(s) { throw ValidationError("--stage must be 1, 2 or 3") }
    }

    /// Whether any filter is given (a blank --search is none: it matches every case, and an
    /// unset variable in a script, `--search "$Q"`, must not choose them all; found by an attack).
    var given: Bool { overdue || dueWithin != nil || officer != nil || stage != nil || !(search ?? "").trimmingSpaces.isEmpty }

    var filter: CaseFilter {
        var f = CaseFilter()
        f.overdue = overdue
        f.dueWithin = dueWithin
        f.officer = officer
        f.stage = stage
        f.search = search
        return f
    }
}

struct Actions: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "actions", abstract: "The action plan.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var unreadable: UnreadableOptions
    @Flag(help: "Only open and in-progress actions, overdue first, then by due date, then undated.") var outstanding = false
    @Flag(help: "Only actions past their due date.") var overdue = false
    @Option(help: ArgumentHelp("Only this owner's actions.", valueName: "NAME")) var owner: String?
    @Option(help: "table, csv or json.") var format: ListFormat = .table

    func run() throws {
        let store = try openStore(database.path, readOnly: true)
        let today = try Environment.today()
        var items = try store.actions(outstanding: outstanding || overdue, today: today)
        if overdue { items = items.filter { $0.isOverdue(today: today) } }
        if let o = owner { items = items.filter { normaliseWord($0.owner) == normaliseWord(o) } }
        if !outstanding && !overdue { items.sort { ActionItem.reviewOrder($0, $1, today: today) } }
        try emit(ActionListFormat.render(items, as: format, today: today), to: nil)
        try unreadable.check(store, contacts: false, actions: true)
    }
}

struct Holidays: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "holidays", abstract: "Bank holidays.", subcommands: [HolidaysImport.self, HolidaysList.self])
}

struct HolidaysImport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import gov.uk bank-holidays.json (England and Wales).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The gov.uk file.", valueName: "FILE.json")) var file: String

    func run() throws {
        let holidays = try BankHolidayFile.parse(try readFile(file), file: file)
        let added = try withCreatedStore(database.path) { try $0.importHolidays(holidays) }
        try say("imported \(holidays.count) England and Wales bank holidays (\(added) not already known); open cases are re-dated")
    }
}

struct HolidaysList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the bank holidays in force.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only this year.") var year: Int?

    func run() throws {
        let store = try openStore(database.path, readOnly: true)
        let cal = try store.calendar()
        for (d, t) in cal.holidays.sorted(by: { $0.key < $1.key }) where year == nil || d.year == year {
            try say("\(d.iso)  \(TextSanitiser.clean(t, allowLineBreaks: false).0)")
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Check the database's integrity.")
    @OptionGroup var database: DatabaseOptions
    @Flag(name: .customLong("rebuild-search-index"),
          help: "Build the search index again from every case's text, and check nothing else: when heard check says it has too few or too many entries, or (on a PostgreSQL server, which keeps each case's words) words that differ from a case's text.")
    var rebuildSearchIndex = false

    func run() throws {
        if rebuildSearchIndex {
            let store = try openStore(database.path)
            let entries = try store.rebuildSearchIndex()
            try say("search index built again: \(groupedNumber(entries)) contact\(entries == 1 ? "" : "s")")
            return
        }
        do {
            try checkFile()
        } catch StoreError.damaged(let path) {
            // Too damaged to open as Heard's: SQLite's own check still says where.
            let problems = Store.integrityProblems(path: path)
            // With no problem named, no empty list either (an attack found a bare blank line).
            let found = problems.isEmpty ? "a page could not be read." : "\(problems.count) problem\(problems.count == 1 ? "" : "s"):\n" + problems.joined(separator: "\n")
            throw Failure("\(path) is damaged: \(found)\nRestore the file from a backup.")
        }
    }

    private func checkFile() throws {
        let store = try openStore(database.path, readOnly: true)
        let today = try Environment.today()
        // The check reads every page: a large file takes seconds, said first on stderr so the
        // wait is not taken for a hang (13 s at 100,000 contacts in silence; found by a trial).
        if let size = (try? FileManager.default.attributesOfItem(atPath: database.path))?[.size] as? NSNumber,
           size.int64Value >= 64 << 20, isatty(STDERR_FILENO) == 1 {
            warn("checking \(groupedNumber(Int(size.int64Value / 1_000_000))) MB: every page is read, which takes a while…")
        }
        let problems = try store.check(today: today)
        // Not a fault in the file, so not a failure: deadlines Heard cannot be sure of, and the fix.
        let calendar = try store.calendar()
        for (reference, due) in try store.dueBeyondHorizon(today: today) {
            try say("warning: case \(reference): " + (calendar.horizonWarning(due: due) ?? ""))
        }
        if problems.isEmpty {
            let n = try store.contactCount()
            try say("\(store.path): ok (\(n) contact\(n == 1 ? "" : "s"))"); return
        }
        // store.path, not --db: a server's URL is said without its password.
        throw Failure("\(store.path): \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n" + problems.joined(separator: "\n"))
    }
}

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Copy the database safely while it is in use.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The new file.", valueName: "PATH")) var destination: String

    func run() throws {
        let store = try openStore(database.path, readOnly: true)
        // The store refuses too; said here as the command's own answer, with the two ways that work.
        if Store.isServerURL(database.path) {
            throw Failure("""
                \(store.path) is on a PostgreSQL server: heard backup copies a SQLite file only; nothing was written.
                Back the server up with pg_dump, or copy the record to a new file with: heard migrate URL \(destination)
                """)
        }
        // In the access log first, so the copy holds its own read too.
        let contacts = try store.contactCount()
        noteWholeRead(store, via: "backup", cases: contacts)
        try store.backup(to: destination)
        let documents = try store.documentCount()
        try say("backed up \(contacts) contacts" + (documents > 0 ? " and \(documents) document\(documents == 1 ? "" : "s")" : "") + " to \(destination)")
    }
}

/// "enquiry" → "enquiries", "complaint" → "complaints".
func plural(_ word: String) -> String { word.hasSuffix("y") ? String(word.dropLast()) + "ies" : word + "s" }
