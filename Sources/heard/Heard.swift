import ArgumentParser
import Foundation
import HeardCore
import HeardStore

struct Heard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heard",
        abstract: "Children's services complaints: log contacts, run the procedure against working-day deadlines, report.",
        subcommands: [Demo.self, Import.self, Export.self, Report.self, Cases.self, Actions.self, Holidays.self, Check.self, Backup.self, Show.self, MoveCommand.self])

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("Colour theme for the screens.", valueName: "NAME")) var theme: String?
    @Flag(name: .long, help: "Open without any way to change the record.") var readOnly = false

    func run() throws {
        try App.open(path: database.path, theme: theme, readOnly: readOnly, demo: false)
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create the demo database (if absent) and open it.")
    @OptionGroup var database: DatabaseOptions
    @Flag(name: .long, help: "Create the database but do not open the screens.") var noOpen = false
    @Option(help: ArgumentHelp("Colour theme for the screens.", valueName: "NAME")) var theme: String?

    func run() throws {
        let path = database.path
        let today = try Environment.today()
        let store = try openStore(path, create: true)
        if try store.contactCount() == 0 {
            try store.writeDemo(today: today)
            FileHandle.standardError.write(Data("heard: demo database written to \(path) (\(try store.contactCount()) contacts)\n".utf8))
        } else if noOpen {
            FileHandle.standardError.write(Data("heard: \(path) already holds contacts; left as it is\n".utf8))
        }
        if !noOpen { try App.open(path: path, theme: theme, readOnly: false, demo: true) }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import contacts from a CSV file: all or nothing.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The CSV file (UTF-8, header row).", valueName: "FILE.csv")) var file: String
    @Flag(name: .long, help: "Check the file and say what would be imported, without importing.") var dryRun = false

    func run() throws {
        let bytes = try readBytes(file)
        let today = try Environment.today()
        let store = try openStore(database.path, create: true)
        do {
            let s = try store.importCSV(bytes, source: file, dryRun: dryRun, today: today)
            let kinds = ContactKind.allCases.compactMap { k in s.byKind[k].map { "\($0) \($0 == 1 ? k.label : plural(k.label))" } }.joined(separator: ", ")
            var msg = "\(s.dryRun ? "would import" : "imported") \(s.imported) contact\(s.imported == 1 ? "" : "s")\(kinds.isEmpty ? "" : " (\(kinds))")"
            if s.droppedControlCharacters > 0 { msg += "; dropped \(s.droppedControlCharacters) control character\(s.droppedControlCharacters == 1 ? "" : "s")" }
            if !s.ignoredColumns.isEmpty { msg += "; ignored unknown columns: \(s.ignoredColumns.joined(separator: ", "))" }
            print(msg)
        } catch StoreError.invalidImport(let problems) {
            throw Failure("\(file): nothing imported; \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n" + problems.map(\.description).joined(separator: "\n"))
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Every contact, in the import format.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "csv or json.") var format: ExportFormat = .csv
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE")) var output: String?

    enum ExportFormat: String, ExpressibleByArgument { case csv, json }

    func run() throws {
        let store = try openStore(database.path, readOnly: true)
        let today = try Environment.today()
        try emit(format == .csv ? try store.exportCSV(today: today) : try store.exportJSON(today: today), to: output)
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The annual complaints report for a date range.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("First day (YYYY-MM-DD).", valueName: "DATE")) var from: String
    @Option(help: ArgumentHelp("Last day, included (YYYY-MM-DD).", valueName: "DATE")) var to: String
    @Option(name: .customLong("service-area"), help: ArgumentHelp("Only this service area (repeat for several).", valueName: "NAME"))
    var serviceAreas: [String] = []
    @Option(help: "text, markdown, csv, json or html.") var format: ReportFormat = .text
    @Flag(help: "Drop names and free text; show counts from 1 to 4 as c.") var `public` = false
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE")) var output: String?

    func run() throws {
        let fromDate = try parseDate(from, option: "--from")
        let toDate = try parseDate(to, option: "--to")
        if toDate < fromDate { throw ValidationError("--to \(toDate.iso) is before --from \(fromDate.iso)") }
        let config = try HeardConfiguration.load()
        let store = try openStore(database.path, readOnly: true)
        var areas: [String] = []
        for a in serviceAreas {
            guard let m = store.reference.serviceArea(matching: a) else {
                throw Failure("--service-area: '\(a)' is not a configured service area (\(store.reference.serviceAreas.joined(separator: ", ")))")
            }
            if !areas.contains(m) { areas.append(m) }
        }
        let today = try Environment.today()
        let options = ReportOptions(period: Period(from: fromDate, to: toDate), serviceAreas: areas, today: today, rules: store.rules,
                                    calendar: try store.calendar(), reference: store.reference)
        let input = try store.reportInput(for: options.loadRange, today: today)
        var report = AnnualReport.build(input, options)
        if `public` { report = report.publicVersion(threshold: config.suppressUpTo) }
        try emit(ReportRenderer.render(report, as: format), to: output)
    }
}

extension ReportFormat: ExpressibleByArgument {}

struct Cases: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List cases, with their deadlines as of today.")
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Only cases past their deadline.") var overdue = false
    @Option(name: .customLong("due-within"), help: ArgumentHelp("Only cases due within N working days.", valueName: "N")) var dueWithin: Int?
    @Option(help: ArgumentHelp("Only this officer's cases.", valueName: "NAME")) var officer: String?
    @Option(help: ArgumentHelp("Only cases at this stage.", valueName: "N")) var stage: Int?
    @Option(help: ArgumentHelp("Only cases whose reference, names or summary match.", valueName: "TEXT")) var search: String?
    @Option(help: "table, csv or json.") var format: ListFormat = .table

    func validate() throws {
        if let n = dueWithin, n < 0 { throw ValidationError("--due-within must be 0 or more") }
        if let s = stage, !(1...3).contains(s) { throw ValidationError("--stage must be 1, 2 or 3") }
    }

    func run() throws {
        let store = try openStore(database.path, readOnly: true)
        let today = try Environment.today()
        var f = CaseFilter()
        f.overdue = overdue
        f.dueWithin = dueWithin
        f.officer = officer
        f.stage = stage
        f.search = search
        let rows = try store.cases(f, today: today)
        switch format {
        case .json:
            let items = rows.map { r in
                JSONText.object([
                    ("reference", JSONText.quote(r.reference)), ("kind", JSONText.quote(r.kind.rawValue)), ("received", JSONText.quote(r.received.iso)),
                    ("service_area", JSONText.quote(r.serviceArea)), ("team", JSONText.quote(r.team)),
                    ("complainant_name", JSONText.quote(r.complainantName)), ("child_or_young_person", r.isChildOrYoungPerson ? "true" : "false"),
                    ("officer", JSONText.quote(r.officer)), ("stage", r.stage.map(String.init) ?? "null"), ("status", JSONText.quote(r.status.rawValue)),
                    ("due", JSONText.optional(r.due?.iso)), ("overdue", r.overdue ? "true" : "false"), ("paused", r.paused ? "true" : "false"),
                    ("extended", r.extended ? "true" : "false"), ("days_left", r.daysLeft.map(String.init) ?? "null"),
                ])
            }
            print(JSONText.array(items, indent: 2))
        case .csv:
            var out = "reference,kind,received,service_area,team,complainant_name,officer,stage,status,due,overdue\r\n"
            for r in rows {
                out += [r.reference, r.kind.label, r.received.iso, r.serviceArea, r.team, r.complainantName, r.officer, r.stage.map(String.init) ?? "",
                        r.status.rawValue, r.due?.iso ?? "", r.overdue ? "yes" : "no"].map(CSVField.escape).joined(separator: ",") + "\r\n"
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        case .table:
            var out = fit("REFERENCE", 13) + " " + fit("RECEIVED", 10) + " " + fit("KIND", 15) + " " + fit("SERVICE AREA", 24) + " "
                + fit("COMPLAINANT", 20) + " " + fit("ST", 2) + " " + fit("OFFICER", 16) + " " + fit("DUE", 10) + " STATUS\n"
            for r in rows {
                let status = r.overdue ? "OVERDUE" : r.paused ? "paused" : r.status.label
                out += fit(r.reference, 13) + " " + r.received.iso + " " + fit(r.kind.label, 15) + " " + fit(r.serviceArea, 24) + " "
                    + fit(r.complainantName, 20) + " " + fit(r.stage.map(String.init) ?? "-", 2) + " " + fit(r.officer, 16) + " "
                    + fit(r.due?.iso ?? "", 10) + " " + status + "\n"
            }
            out += "\(rows.count) case\(rows.count == 1 ? "" : "s")\n"
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }
}

enum ListFormat: String, ExpressibleByArgument { case table, csv, json }

struct Actions: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The action plan.")
    @OptionGroup var database: DatabaseOptions
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
        switch format {
        case .json:
            print(JSONText.array(items.map { a in
                JSONText.object([
                    ("id", String(a.id ?? 0)), ("title", JSONText.quote(a.title)), ("detail", JSONText.quote(a.detail)),
                    ("owner", JSONText.quote(a.owner)), ("service_area", JSONText.quote(a.serviceArea)),
                    ("created", JSONText.quote(a.created.iso)), ("due", JSONText.optional(a.due?.iso)),
                    ("status", JSONText.quote(a.status.label)), ("tags", JSONText.array(a.tags.map(JSONText.quote))),
                    ("overdue", a.isOverdue(today: today) ? "true" : "false"), ("source", JSONText.optional(a.source?.label)),
                    ("completed", JSONText.optional(a.completed?.iso)), ("drop_reason", a.dropReason.isEmpty ? "null" : JSONText.quote(a.dropReason)),
                    ("notes", JSONText.array(a.notes.map { JSONText.object([("date", JSONText.quote($0.date.iso)), ("text", JSONText.quote($0.text))]) })),
                ])
            }, indent: 2))
        case .csv:
            var out = "title,owner,service_area,due,status,tags,overdue,source\r\n"
            for a in items {
                out += [a.title, a.owner, a.serviceArea, a.due?.iso ?? "", a.status.label, a.tags.joined(separator: " "),
                        a.isOverdue(today: today) ? "yes" : "no", a.source?.label ?? ""].map(CSVField.escape).joined(separator: ",") + "\r\n"
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        case .table:
            var out = fit("DUE", 11) + " " + fit("STATUS", 11) + " " + fit("OWNER", 28) + " TITLE\n"
            for a in items {
                let due = a.due?.iso ?? "(when due)"
                out += fit(due, 11) + " " + fit(a.isOverdue(today: today) ? "OVERDUE" : a.status.label, 11) + " " + fit(a.owner, 28) + " "
                    + TextSanitiser.clean(a.title, allowLineBreaks: false).0 + "\n"
            }
            out += "\(items.count) action\(items.count == 1 ? "" : "s")\n"
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }
}

struct Holidays: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bank holidays.", subcommands: [HolidaysImport.self, HolidaysList.self])
}

struct HolidaysImport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import gov.uk bank-holidays.json (England and Wales).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The gov.uk file.", valueName: "FILE.json")) var file: String

    func run() throws {
        let holidays = try BankHolidayFile.parse(try readFile(file), file: file)
        let store = try openStore(database.path, create: true)
        let added = try store.importHolidays(holidays)
        print("imported \(holidays.count) England and Wales bank holidays (\(added) not already known); open cases are re-dated")
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
            print("\(d.iso)  \(TextSanitiser.clean(t, allowLineBreaks: false).0)")
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the database's integrity.")
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try openStore(database.path, readOnly: true)
        let problems = try store.check(today: try Environment.today())
        if problems.isEmpty { print("\(database.path): ok (\(try store.contactCount()) contacts)"); return }
        throw Failure("\(database.path): \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n" + problems.joined(separator: "\n"))
    }
}

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Copy the database safely while it is in use.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The new file.", valueName: "PATH")) var destination: String

    func run() throws {
        let store = try openStore(database.path, readOnly: true)
        try store.backup(to: destination)
        print("backed up \(try store.contactCount()) contacts to \(destination)")
    }
}

/// "enquiry" → "enquiries", "complaint" → "complaints".
func plural(_ word: String) -> String { word.hasSuffix("y") ? String(word.dropLast()) + "ies" : word + "s" }
