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
        let calendar = try store.calendar()
        let record = CaseRecord(contact: c, clock: c.clock(rules: store.rules, calendar: calendar, today: today), calendar: calendar,
                                rules: store.rules, learning: try store.learningPoints(caseReference: c.reference),
                                actions: try c.id.map { try store.actions(forCase: $0) } ?? [])
        let history = try c.id.map { try store.caseHistory(contactID: $0, reference: c.reference) } ?? []
        let items = history.map(Self.item)
        switch format {
        case .json: try emit(record.json(history: items) + "\n", to: nil)
        case .text: try emit(Self.text(record, history: items), to: nil)
        }
    }

    /// An audit row with its changes read from the JSON they were stored as.
    static func item(_ a: AuditEntry) -> HistoryItem {
        var changes: [HistoryItem.FieldChange] = []
        if let data = a.changes.data(using: .utf8), let obj = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
            for key in obj.keys.sorted() {
                let pair = obj[key] as? [Any] ?? []
                func value(_ i: Int) -> String? {
                    guard pair.indices.contains(i) else { return nil }
                    switch pair[i] {
                    case is NSNull: return nil
                    case let s as String: return s
                    case let n as NSNumber: return n.stringValue
                    default: return "\(pair[i])"
                    }
                }
                changes.append(HistoryItem.FieldChange(field: key, before: value(0), after: value(1)))
            }
        }
        return HistoryItem(at: a.at, who: a.who, action: a.action, entity: a.entity, changes: changes, batch: a.batch)
    }

    /// The record as plain text, laid out like the detail screen; no control character from the
    /// data reaches the terminal.
    static func text(_ record: CaseRecord, history: [HistoryItem]) -> String {
        var out: [String] = [record.contact.reference, ""]
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
        out += ["", "History"]
        if history.isEmpty { out.append("  No audit rows.") }
        for h in history {
            let changes = h.changes.map { "\($0.field): \($0.before ?? "(none)") → \($0.after ?? "(none)")" }.joined(separator: "; ")
            let when = h.at.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
            out.append("  \(when)  \(h.who)  \(h.action) \(h.entity)" + (changes.isEmpty ? "" : "  " + changes))
        }
        return out.map { TextSanitiser.clean($0, allowLineBreaks: false).0 }.joined(separator: "\n") + "\n"
    }
}
