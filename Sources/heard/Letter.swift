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
    @Flag(help: "With --sent: record the letter although it was recorded as sent for this stage already.") var again = false
    @Flag(help: "With --output: replace FILE when it exists.") var force = false
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
        if again && !sent { throw ValidationError("--again goes with --sent") }
        if force && output == nil { throw ValidationError("--force goes with --output") }
        // A letter.pdf that is really Markdown would mislead whoever opens it.
        if format == nil, let o = output, Self.format(ofName: o) == nil {
            throw ValidationError("--output: '\(o)' does not end in .md, .html or .docx; give one of those endings, or --format md, html or docx")
        }
    }

    /// The format a file's name ends with (`.md`, `.html`, `.docx` and their aliases), else nil.
    static func format(ofName path: String) -> LetterFormat? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return LetterFormat(named: String(name[name.index(after: dot)...]))
    }

    /// The format asked for, else the one --output's name ends with, else Markdown.
    var chosenFormat: LetterFormat {
        if let f = format.flatMap(LetterFormat.init(named:)) { return f }
        if let o = output, let f = Self.format(ofName: o) { return f }
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
        let stage = LetterBook.stage(for: name, record: record)
        for w in LetterBook.fit(name, record: record, date: letterDate, stage: stage, fields: extras).warnings + book.fieldWarnings(name, fields: extras) {
            warn(TextSanitiser.clean(w, allowLineBreaks: false).0)
        }
        if let output, !force {
            var st = stat()
            if lstat(output, &st) == 0 { throw Failure("\(output): already exists; not written (--force to replace it)") }
        }
        let title = "\(LetterCatalogue.title(name)) \(contact.reference)"
        guard sent else { return try write(try bytes(markdown, as: fmt, title: title)) }

        let step = try MoveCommand.checked(LetterSending.step(for: name, record: record, date: letterDate, respond: respond, today: today))
        if !again, let earlier = LetterSending.alreadySent(name, stage: stage, record: record) {
            throw Failure("\(contact.reference): \(LetterCatalogue.title(name))\(stage.map { " (stage \($0))" } ?? "") was recorded as sent on \(earlier.sent.iso) already; --again records it again")
        }
        let letter = LetterSent(template: name, stage: stage, sent: letterDate, format: fmt.rawValue, body: markdown)
        let data = try bytes(markdown, as: fmt, title: title)
        // The file is written in full beside its target first, the letter recorded, and only then
        // the file put in place: a failure at any point (a folder that is not there, a refused
        // step, a busy database) exits 1 with neither the file nor the record.
        let prepared: PreparedFile?
        if let output {
            do { prepared = try PrivateFile.prepare(data, for: output) } catch let e as FileWriteError { throw Failure(e.description) }
        } else {
            prepared = nil
        }
        do {
            try store.write { tx in
                if let step { _ = try store.apply(step, on: id, version: contact.version, today: today, in: tx) }
                try store.recordLetter(letter, on: id, in: tx)
            }
        } catch {
            prepared?.discard()
            throw error
        }
        var said = "\(contact.reference): \(letterDate.iso) " + letter.words
        if let step, let e = step.events.first { said += "; " + CaseRecord.describe(e) }
        // Standard error, so the letter itself can still go to standard output.
        warn(TextSanitiser.clean(said, allowLineBreaks: false).0)
        if let prepared {
            do { try prepared.commit() } catch let e as FileWriteError {
                throw Failure(e.description + "; the letter is recorded as sent (u in the case's screen undoes it)")
            }
        } else {
            try write(data)
        }
    }

    /// The letter in its format, as bytes.
    func bytes(_ markdown: String, as fmt: LetterFormat, title: String) throws -> [UInt8] {
        switch fmt {
        case .md: return Array(markdown.utf8)
        case .html: return Array(LetterOutput.html(markdown: markdown, title: title).utf8)
        case .docx:
            do { return [UInt8](try LetterOutput.docx(markdown: markdown)) } catch let e as LetterError { throw Failure(e.description) }
        }
    }

    /// The letter to --output (written 0600 all or nothing) or to standard output.
    func write(_ data: [UInt8]) throws {
        if let output {
            do { try PrivateFile.write(data, to: output) } catch let e as FileWriteError { throw Failure(e.description) }
        } else if chosenFormat != .docx {
            try emit(String(decoding: data, as: UTF8.self), to: nil)
        } else {
            // The one writer of bytes to standard output: a full disk is a message, a closed reader quiet.
            do { try StandardOutput.write(bytes: data) } catch let e as FileWriteError { throw Failure(e.description) }
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
