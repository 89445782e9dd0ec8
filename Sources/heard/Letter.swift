import ArgumentParser
import Foundation
import HeardCore
import HeardFiles
import HeardLetters
import HeardStore

/// `heard letter REF NAME`: a letter made from a template for a case, as Markdown, HTML or
/// .docx, printed or written to a private file; `--sent` records it on the case (with the
/// acknowledgement it makes, or with `--respond` the response) as one step.
struct LetterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letter",
        abstract: "Make a letter for a case from a template; --sent records it as sent.",
        discussion: """
            NAME is a letter `heard letters` lists. Council templates are read from \
            $XDG_CONFIG_HOME/heard/letters/NAME.mustache; the letterhead and signatory from \
            config.toml [letters].
            --sent records the letter on the case with the date; an acknowledgement letter of a \
            stage not yet acknowledged also records the acknowledgement on that date, in the same \
            step. With --respond, a response letter also records the stage's response (every \
            issue must have its finding).
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The case's reference, or its number alone when that is unique.", valueName: "REF")) var reference: String
    @Argument(help: ArgumentHelp("The letter (see `heard letters`).", valueName: "NAME")) var name: String
    @Option(help: ArgumentHelp("md, html or docx (default: from --output's ending, else md).", valueName: "FORMAT")) var format: String?
    @Option(help: ArgumentHelp("Write to this file (mode 0600) instead of standard output.", valueName: "FILE")) var output: String?
    @Flag(help: "Record the letter as sent (and the acknowledgement it makes).") var sent = false
    @Flag(help: "With --sent and a response letter: record the stage's response too.") var respond = false
    @Option(parsing: .unconditional, help: ArgumentHelp("The letter's date (default today): 2022-03-04, 4/3/2022, today …", valueName: "DATE")) var date: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("The complainant's postal address (default: as recorded), lines separated by commas or new lines.", valueName: "TEXT"))
    var address: String?
    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("A field for the template, e.g. reply=\"…\" for the enquiry reply's answer (repeat for several).", valueName: "NAME=TEXT"))
    var field: [String] = []

    func validate() throws {
        if let f = format, LetterFormat(named: f) == nil { throw ValidationError("--format: '\(f)' is not md, html or docx") }
        if respond && !sent { throw ValidationError("--respond goes with --sent") }
        for f in field where !f.contains("=") || f.hasPrefix("=") { throw ValidationError("--field: '\(f)' is not NAME=TEXT") }
        if let o = output, o.isEmpty { throw ValidationError("--output is empty") }
    }

    /// The format asked for, else the one --output's name ends with, else Markdown.
    var chosenFormat: LetterFormat {
        if let f = format.flatMap(LetterFormat.init(named:)) { return f }
        if let o = output, let dot = o.lastIndex(of: "."), let f = LetterFormat(named: String(o[o.index(after: dot)...])) { return f }
        return .md
    }

    func run() throws {
        let fmt = chosenFormat
        if fmt == .docx && output == nil && isatty(STDOUT_FILENO) == 1 { throw Failure("docx is binary; give --output FILE") }
        let config = try HeardConfiguration.load()
        let book = LetterBook.load(directory: LettersList.directory())
        for p in book.problems { warn(p) }
        guard book.template(named: name) != nil else {
            let typed = TextSanitiser.clean(name, allowLineBreaks: false).0
            throw Failure("no letter called \(typed); the letters are \(book.names.joined(separator: ", "))")
        }
        let today = try Environment.today()
        let store = try openStore(database.path, readOnly: !sent)
        let contact = try findCase(reference, in: store)
        guard let id = contact.id else { throw Failure("no case \(reference)") }
        noteRead(store, contactID: id, via: .letter)
        let calendar = try store.calendar()
        let record = CaseRecord(contact: contact, clock: contact.clock(rules: store.rules, calendar: calendar, today: today), calendar: calendar,
                                rules: store.rules, correspondence: try store.correspondence(contactID: id))
        let letterDate = try date.map { try LetterCommand.date($0, today: today, calendar: calendar) } ?? today
        var extras: [String: String] = [:]
        if let a = address { extras["complainant_address"] = a }
        for f in field {
            guard let eq = f.firstIndex(of: "=") else { continue }
            extras[String(f[..<eq]).trimmingCharacters(in: .whitespaces)] = String(f[f.index(after: eq)...])
        }
        let markdown: String
        do {
            markdown = try book.render(name: name, record: record, settings: config.letters, today: letterDate, extras: extras)
        } catch let e as LetterError { throw Failure(e.description) }

        // Recorded before it is written out, so a refused step leaves no letter file implying it went.
        if sent {
            let step = try MoveCommand.checked(LetterSending.step(for: name, record: record, date: letterDate, respond: respond, today: today))
            let letter = LetterSent(template: name, stage: LetterBook.stage(for: name, record: record), sent: letterDate, format: fmt.rawValue, body: markdown)
            try store.write { tx in
                if let step { _ = try store.apply(step, on: id, version: contact.version, today: today, in: tx) }
                try store.recordLetter(letter, on: id, in: tx)
            }
            var said = "\(contact.reference): \(letterDate.iso) " + letter.words
            if let step, let e = step.events.first { said += "; " + CaseRecord.describe(e) }
            // Standard error, so the letter itself can still go to standard output.
            warn(TextSanitiser.clean(said, allowLineBreaks: false).0)
        }
        try write(markdown, as: fmt, title: "\(LetterCatalogue.title(name)) \(contact.reference)")
    }

    func write(_ markdown: String, as fmt: LetterFormat, title: String) throws {
        switch fmt {
        case .md: try emit(markdown, to: output)
        case .html: try emit(LetterOutput.html(markdown: markdown, title: title), to: output)
        case .docx:
            let data: Data
            do { data = try LetterOutput.docx(markdown: markdown) } catch let e as LetterError { throw Failure(e.description) }
            if let output {
                do { try PrivateFile.write([UInt8](data), to: output) } catch let e as FileWriteError { throw Failure(e.description) }
            } else {
                do { try FileHandle.standardOutput.write(contentsOf: data) } catch { throw Failure("standard output: cannot write (\(error))") }
            }
        }
    }

    /// A letter's date as typed, through the same reader as the moves' dates.
    static func date(_ text: String, today: LocalDate, calendar: WorkingDayCalendar) throws -> LocalDate {
        switch DateInput.parse(text, today: today, calendar: calendar) {
        case .success(let d): return d
        case .failure(let why): throw ValidationError("--date: \(why)")
        }
    }
}

/// `heard letters`: every letter Heard can make, with its title and where it comes from.
struct LettersList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letters",
        abstract: "List the letters: Heard's own and the council's templates.",
        discussion: "A council's NAME.mustache in $XDG_CONFIG_HOME/heard/letters/ replaces Heard's letter of that name, or adds one.")

    static func directory() -> String { HeardConfiguration.lettersDirectory() }

    func run() throws {
        let book = LetterBook.load(directory: Self.directory())
        for p in book.problems { warn(p) }
        let width = (book.names.map(\.count).max() ?? 0) + 2
        let titleWidth = (book.templates.map(\.title.count).max() ?? 0) + 2
        var out = ""
        for t in book.templates {
            let from: String
            switch t.source {
            case .shipped: from = "shipped"
            case .council(let path): from = path
            }
            out += t.name.padding(toLength: width, withPad: " ", startingAt: 0) + t.title.padding(toLength: titleWidth, withPad: " ", startingAt: 0) + from + "\n"
        }
        try emit(TextSanitiser.clean(out, allowLineBreaks: true).0, to: nil)
    }
}
