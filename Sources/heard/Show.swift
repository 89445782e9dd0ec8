import ArgumentParser
import Foundation
import HeardCore
import HeardStore
import TerminalUI

/// `heard show REF`: a case's whole record, as the detail screen describes it (`CaseRecord`),
/// in text or JSON.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "A case's whole record: fields, people, clocks, findings, remedies, timeline, history.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The case's reference, or its number alone when that is unique.", valueName: "REF")) var reference: String
    @Option(help: "text or json.") var format: ShowFormat = .text

    enum ShowFormat: String, ExpressibleByArgument { case text, json }

    func run() throws {
        let store = try openStore(database.path, readOnly: true)
        let today = try Environment.today()
        let c = try findCase(reference, in: store)
        noteRead(store, contactID: c.id, via: .show)
        let calendar = try store.calendar()
        let history = try c.id.map { try store.caseHistory(contactID: $0, reference: c.reference) } ?? []
        var record = CaseRecord(contact: c, clock: c.clock(rules: store.rules, calendar: calendar, today: today), calendar: calendar,
                                rules: store.rules, learning: try store.learningPoints(caseReference: c.reference),
                                actions: try c.id.map { try store.actions(forCase: $0) } ?? [], history: history.map { $0.historyItem(issues: c.issues) },
                                correspondence: try c.id.map { try store.correspondence(contactID: $0) } ?? Correspondence())
        if let id = c.id { record.protection = try store.protection(contactID: id) }
        record.reads = try c.id.map { try store.reads(contactID: $0) } ?? []
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
