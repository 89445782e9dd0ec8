import ArgumentParser
import Foundation
import HeardCore
import HeardStore
import TerminalUI

/// `heard show REF`: a case's whole record, as the detail screen describes it (`CaseRecord`),
/// in text or JSON.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A case's whole record: fields, people, clocks, findings, remedies, timeline, history.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The case's reference, or its number alone when that is unique.", valueName: "REF")) var reference: String
    @Option(help: "text or json.") var format: ShowFormat = .text

    enum ShowFormat: String, ExpressibleByArgument { case text, json }

    func run() throws {
        let store = try openStore(database.path, readOnly: true)
        let today = try Environment.today()
        // Found (and read) first, so that a case Heard cannot read is refused before the access
        // log says it was shown; then the record in one read, with this read in its log.
        let c = try findCase(reference, in: store)
        guard let id = c.id else { throw Failure("\(c.reference) has no id") }
        noteRead(store, contactID: id, via: .show)
        let p = try store.caseParts(id: id)
        var record = CaseRecord(contact: p.contact, clock: p.contact.clock(rules: store.rules, calendar: p.calendar, today: today),
                                calendar: p.calendar, rules: store.rules, learning: p.learning, actions: p.actions,
                                history: p.history.map { $0.historyItem(issues: p.contact.issues) }, correspondence: p.correspondence)
        record.protection = p.protection
        record.reads = p.reads
        let out = format == .json ? record.json() + "\n" : Self.text(record)
        try emit(out, to: nil)
    }

    /// The record as plain text, laid out like the detail screen; no control character from the
    /// data reaches the terminal.
    static func text(_ record: CaseRecord) -> String {
        var out: [String] = [record.contact.reference, ""]
        // Before the dates they are about, as the detail screen puts them.
        for w in record.warnings { out += ["warning: " + w, ""] }
        let nameWidth = 22
        func named(_ name: String, _ value: String) -> String { pad(name, toWidth: nameWidth, unicode: false) + value }
        for line in record.lines() {
            switch line {
            case .section(let title): out.append(title)
            case .blank: out.append("")
            case .field(let name, let value, _, _):
                let parts = value.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                for (i, p) in parts.enumerated() { out.append(named(i == 0 ? name : "", i == 0 && p.isEmpty ? "—" : p)) }
            case .spans(let spans, let indent):
                out.append(String(repeating: " ", count: indent) + spans.map(\.text).joined())
            case .paragraph(let text, let indent, _):
                for p in text.split(separator: "\n") { out.append(String(repeating: " ", count: indent) + p) }
            case .entry(let date, let text):
                out.append("  \(date)  \(text)")
            }
        }
        return out.map { TextSanitiser.clean($0, allowLineBreaks: false).0 }.joined(separator: "\n") + "\n"
    }
}
