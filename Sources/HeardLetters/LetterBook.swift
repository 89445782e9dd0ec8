import Foundation
import HeardCore
import Mustache

/// One letter template: its name, words, where it came from and its text (Markdown + Mustache).
public struct LetterTemplate: Sendable {
    public var name: String
    public var title: String
    public var source: LetterSource
    /// The template as written (without the pragma Heard puts before it).
    public var text: String
    let compiled: MustacheTemplate

    /// Whether a council's file, and its path.
    var isCouncils: Bool { path != nil }
    var path: String? { if case .council(let p) = source { return p }; return nil }
}

/// A letter that cannot be made: the template is missing or broken. The message names the
/// letter or file and the problem, never the case's data.
public struct LetterError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { description = message }
}

/// The letters Heard can make: its shipped templates, each replaced by a council's
/// `NAME.mustache` of the same name, plus the council's letters of other names.
public struct LetterBook: Sendable {
    /// Shipped letters in catalogue order, then the council's own, by name.
    public private(set) var templates: [LetterTemplate]
    /// A line for each council file that could not be used ("FILE: line 3: … ; using Heard's own"),
    /// to show as a warning; the letter falls back to the shipped one (or is absent).
    public private(set) var problems: [String]
    /// The shared parts (`_letterhead`, `_signoff`, and any council `_NAME.mustache`) as partials.
    let library: MustacheLibrary

    /// The largest template file read (a letter is a few KB; anything bigger is a mistake).
    public static let maximumTemplateBytes = 256 * 1024

    /// The names, in listing order.
    public var names: [String] { templates.map(\.name) }

    /// The template called `name`, or nil.
    public func template(named name: String) -> LetterTemplate? { templates.first { $0.name == name } }

    /// The shipped letters and, when `directory` is given and exists, the council's `*.mustache`
    /// files in it. Never throws: a bad file is a line in `problems`.
    public static func load(directory: String?) -> LetterBook {
        var templates: [LetterTemplate] = []
        var problems: [String] = []
        var parts: [String: MustacheTemplate] = [:]
        for (name, text) in ShippedParts.text {
            if let t = try? compile(text) { parts[name] = t } else { problems.append("Heard's own \(name) part does not parse; please report it") }
        }
        for name in LetterCatalogue.shipped {
            guard let text = ShippedLetters.text[name] else { continue }
            // The shipped templates are tested to parse; a failure here is Heard's bug, so skip rather than trap.
            if let t = try? compile(text) {
                templates.append(LetterTemplate(name: name, title: LetterCatalogue.title(name), source: .shipped, text: text, compiled: t))
            } else {
                problems.append("Heard's own \(name) letter does not parse; please report it")
            }
        }
        guard let dir = directory else { return LetterBook(templates: templates, problems: problems, library: MustacheLibrary(templates: parts)) }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        let files = entries.filter { $0.hasSuffix(".mustache") }
        // A file meant as a template under another ending (letter.Mustache, letter.mustache.txt)
        // would otherwise be ignored without a word; notes and other files are left alone.
        for other in entries where !other.hasSuffix(".mustache") && other.lowercased().contains(".mustache") {
            problems.append("\(dir)/\(other): not read: a letter's file is NAME.mustache")
        }
        var extra: [LetterTemplate] = []
        // The parts' texts as they stand, and where the council's came from.
        var partTexts = ShippedParts.text
        var councilParts: [String: String] = [:]
        for file in files {
            let name = String(file.dropLast(".mustache".count))
            let path = dir + "/" + file
            switch read(path, name: name) {
            case .failure(let e):
                let shipped = templates.contains { $0.name == name }
                let part = name.hasPrefix("_")
                let fallback = part ? (parts[name] != nil ? "using Heard's own \(name) part" : "part \(name) left out")
                    : (shipped ? "using Heard's own \(name) letter" : "letter \(name) left out")
                problems.append("\(path): \(e.description); " + fallback)
            case .success(let t) where name.hasPrefix("_"):
                parts[name] = t.compiled
                partTexts[name] = t.text
                councilParts[name] = path
            case .success(let t):
                if let i = templates.firstIndex(where: { $0.name == name }) { templates[i] = t } else { extra.append(t) }
            }
        }
        // A council's part that includes itself, or starts too long a chain, gives way to Heard's
        // own (or is left out), one at a time until none does. Heard's own parts include none.
        while let (name, way) = TemplateDepth.loopingPart(partTexts, among: councilParts.keys.sorted()) {
            let path = councilParts.removeValue(forKey: name) ?? name
            if let own = ShippedParts.text[name], let t = try? compile(own) {
                parts[name] = t
                partTexts[name] = own
                problems.append("\(path): its parts include one another without end (\(way)); using Heard's own \(name) part")
            } else {
                parts[name] = nil
                partTexts[name] = nil
                problems.append("\(path): its parts include one another without end (\(way)); part \(name) left out")
            }
        }
        // A council's part, then letter, that would grow past any letter's size with its parts
        // put in gives way to Heard's own likewise.
        // All found first, then put back: one part left out made another that included it small
        // again, and the letters went out with no letterhead (a re-attack).
        let growing = councilParts.keys.sorted().filter { TemplateDepth.expandedSize(partTexts[$0] ?? "", parts: partTexts) > TemplateDepth.expandedLimit }
        for name in growing {
            let path = councilParts[name] ?? name
            let own = ShippedParts.text[name].flatMap { text in (try? compile(text)).map { (text, $0) } }
            parts[name] = own?.1
            partTexts[name] = own?.0
            problems.append("\(path): with the parts it includes it grows past \(TemplateDepth.expandedLimit / 1_000_000) MB; "
                            + (own == nil ? "part \(name) left out" : "using Heard's own \(name) part"))
        }
        var letters = templates + extra
        for (i, t) in letters.enumerated() where t.isCouncils && TemplateDepth.expandedSize(t.text, parts: partTexts) > TemplateDepth.expandedLimit {
            let shipped = ShippedLetters.text[t.name].flatMap { text in (try? compile(text)).map { (text, $0) } }
            problems.append("\(t.path ?? t.name): with the parts it includes it grows past \(TemplateDepth.expandedLimit / 1_000_000) MB; "
                            + (shipped == nil ? "letter \(t.name) left out" : "using Heard's own \(t.name) letter"))
            if let (text, compiled) = shipped {
                letters[i] = LetterTemplate(name: t.name, title: t.title, source: .shipped, text: text, compiled: compiled)
            } else {
                letters[i].text = ""
            }
        }
        letters.removeAll { $0.text.isEmpty && $0.isCouncils }
        return LetterBook(templates: letters, problems: problems, library: MustacheLibrary(templates: parts))
    }

    /// A council's file as a template, or the problem with it (without the path).
    static func read(_ path: String, name: String) -> Result<LetterTemplate, LetterError> {
        guard isUsableName(name) else { return .failure(LetterError("the name must be letters, digits, - or _")) }
        let url = URL(fileURLWithPath: path)
        guard let values = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey]) else {
            return .failure(LetterError("cannot be read"))
        }
        guard values.isRegularFile == true else { return .failure(LetterError("is not a file")) }
        if let size = values.fileSize, size > maximumTemplateBytes {
            return .failure(LetterError("is \(DocumentInfo.sizeWords(size)), more than a letter's \(maximumTemplateBytes / 1024) KB"))
        }
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(LetterError("cannot be read")) }
        guard data.count <= maximumTemplateBytes else { return .failure(LetterError("is more than \(maximumTemplateBytes / 1024) KB")) }
        guard var text = String(data: data, encoding: .utf8) else { return .failure(LetterError("is not UTF-8 text")) }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // No escape sequence from a council's file may reach a terminal that prints the letter.
        text = TextSanitiser.clean(text.replacingOccurrences(of: "\r\n", with: "\n"), allowLineBreaks: true).0
        if TemplateDepth.hasDynamicPartial(text) {
            return .failure(LetterError("names a part by a field ({{>*…}}); a letter names its parts ({{> _letterhead}})"))
        }
        do {
            let t = try compile(text)
            return .success(LetterTemplate(name: name, title: LetterCatalogue.title(name), source: .council(path: path), text: text, compiled: t))
        } catch let e as LetterError {
            return .failure(e)
        } catch let e as MustacheTemplate.ParserError {
            return .failure(LetterError("line \(e.context.lineNumber), column \(e.context.columnNumber): \(describe(e.error))"))
        } catch {
            return .failure(LetterError("is not a Mustache template (\(describe(error)))"))
        }
    }

    /// A file name Heard will use as a letter's name (it becomes a command-line word).
    static func isUsableName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }

    static func describe(_ error: Error) -> String {
        guard let e = error as? MustacheTemplate.Error else { return "a syntax error" }
        switch e {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name from the one that opened it"
        case .unfinishedName: return "a tag is not finished (a {{ without its }})"
        case .expectedSectionEnd: return "a section is opened ({{#…}}) and never closed ({{/…}})"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection, .textInsideInheritSection: return "a partial's inheritance section is malformed"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: return "a {{% …}} pragma is not one Heard knows"
        }
    }

    /// Parses a template so that `{{field}}` escapes the field's text for Markdown (see
    /// `MarkdownEscaping`); `{{{field}}}` leaves it as it is.
    static func compile(_ text: String) throws -> MustacheTemplate {
        _ = MarkdownEscaping.registered
        if let p = TemplateDepth.problem(text) { throw LetterError(p) }  // before the parser's recursion can overflow the stack
        return try MustacheTemplate(string: "{{% CONTENT_TYPE: \(MarkdownEscaping.typeName)}}" + text)
    }

    /// The letter's text in Markdown, for the stage the letter is about (`stage(for:record:)`
    /// unless `stage` is given).
    public func render(name: String, record: CaseRecord, settings: LetterSettings, today: LocalDate,
                       stage: Int? = nil, extras: [String: String] = [:]) throws -> String {
        guard let t = template(named: name) else {
            throw LetterError("no letter called \(name); the letters are \(names.joined(separator: ", "))")
        }
        let n = stage ?? Self.stage(for: name, record: record)
        // The same refusal on the command line and the screen: a letter that does not fit the case
        // would go out wrong or with blanks.
        if let why = Self.fit(name, record: record, date: today, stage: n, fields: extras).refusal { throw LetterError(why) }
        let r = Self.prepared(record, letter: name, stage: n, today: today)
        let fields = LetterFields.make(record: r, settings: settings, today: today, stage: n, extras: extras)
        return Self.tidy(TextSanitiser.clean(t.compiled.render(fields, library: library), allowLineBreaks: true).0)
    }

    /// The case as the letter describes it: an acknowledgement of a stage not yet acknowledged
    /// reads as if acknowledged on the letter's date, so the response date it gives is the one
    /// the clock will count to once it is sent; a response letter of a stage still running reads
    /// as the response made on its date, so the window to ask for the next stage counts from it.
    /// (Recording the letter as sent records exactly that: `LetterSending`.)
    public static func prepared(_ record: CaseRecord, letter name: String, stage n: Int?, today: LocalDate) -> CaseRecord {
        guard let n, let s = record.clock.stages.first(where: { $0.number == n }), s.isRunning, n == record.clock.current?.number else { return record }
        let event: CaseEvent
        if isAcknowledgement(name, stage: n, record: record), s.acknowledged == nil {
            event = .acknowledged(today, stage: n)
        } else if LetterSending.isResponse(name, stage: n, record: record) {
            event = .responded(today, stage: n)
        } else {
            return record
        }
        var r = record
        r.contact.events.append(event)
        r.clock = r.contact.clock(rules: record.rules, calendar: record.calendar, today: max(record.clock.today, today))
        return r
    }

    /// Whether the letter `name` is the acknowledgement of stage `n` of a complaint or enquiry.
    public static func isAcknowledgement(_ name: String, stage n: Int, record: CaseRecord) -> Bool {
        switch record.contact.kind {
        case .complaint: return name == LetterCatalogue.acknowledgement(stage: n)
        case .enquiry, .memberEnquiry: return name == "acknowledgement"
        case .compliment, .comment: return false
        }
    }

    /// The stage a letter is about: the one its name says (`stage2-…`, `stage1-response`), else
    /// the case's current stage; nil for a case without stages (a compliment).
    public static func stage(for name: String, record: CaseRecord) -> Int? {
        let current = record.clock.current?.number
        for n in 1...3 where name.hasPrefix("stage\(n)-") { return n }
        return current
    }

    /// No run of more than one blank line, no trailing spaces, one final newline: optional
    /// sections leave gaps otherwise.
    static func tidy(_ text: String) -> String {
        var out: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var l = line
            while let last = l.last, last == " " || last == "\t" { l.removeLast() }
            if l.isEmpty, out.last?.isEmpty ?? true { continue }
            out.append(l)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }
}
