import HeardCore
import TerminalUI

/// The command line (`:`): what is quicker typed than navigated.
public enum AppCommand: Equatable, Sendable {
    case goto(String)
    case report(Period)
    case filter(StateFilter)
    case theme(String)
    case export(format: String, path: String)
    case help
    case quit
    /// The cases due for disposal and those a legal hold keeps.
    case retention
    /// `:sar NAME`: find where a person appears, then write their subject access bundle.
    case subjectAccess(String)

    static let names = ["goto", "report", "filter", "theme", "export", "help", "quit", "retention", "sar"]
    static let themes = ["default", "light", "terminal16", "mono", "colorblind"]
    static let filters = StateFilter.allCases.map(\.rawValue)

    /// The command typed, or a message saying what is wrong with it.
    public static func parse(_ text: String, today: LocalDate, calendar: WorkingDayCalendar) -> Result<AppCommand, CommandError> {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let name = words.first?.lowercased() else { return .failure(CommandError("type a command: \(names.joined(separator: ", "))")) }
        let rest = words.dropFirst().joined(separator: " ")
        switch name {
        case "goto", "g", "open":
            guard !rest.isEmpty else { return .failure(CommandError("goto needs a reference, e.g. :goto CS-2021-0042")) }
            return .success(.goto(rest))
        case "report", "r":
            if rest.isEmpty { return .success(.report(Period.financialYear(containing: today))) }
            guard let p = period(rest, today: today, calendar: calendar) else {
                return .failure(CommandError("'\(rest)' is not a year (2021-22, 2021) or a range (2020-04-01..2022-03-31)"))
            }
            return .success(.report(p))
        case "filter", "f":
            let key = rest.lowercased()
            if key.isEmpty || key == "none" || key == "clear" { return .success(.filter(.all)) }
            guard let f = StateFilter.allCases.first(where: { $0.rawValue == key || $0.rawValue.replacingOccurrences(of: " ", with: "") == key.replacingOccurrences(of: " ", with: "") }) else {
                return .failure(CommandError("filter takes one of: \(filters.joined(separator: ", "))"))
            }
            return .success(.filter(f))
        case "theme", "t":
            guard !rest.isEmpty else { return .failure(CommandError("theme takes a name: \(themes.joined(separator: ", "))")) }
            return .success(.theme(rest))
        case "export", "e", "w":
            let parts = rest.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["csv", "json"].contains(parts[0].lowercased()) else {
                return .failure(CommandError("export takes a format and a file: :export csv FILE (or json)"))
            }
            return .success(.export(format: parts[0].lowercased(), path: parts[1]))
        case "help", "h", "?": return .success(.help)
        case "quit", "q": return .success(.quit)
        case "retention": return .success(.retention)
        case "sar":
            // Quotes typed around the name, as the README's command lines have them, are not part of it.
            var rest = rest
            for (open, close) in [("\"", "\""), ("\u{201C}", "\u{201D}"), ("'", "'")] where rest.count >= 2 && rest.hasPrefix(open) && rest.hasSuffix(close) {
                rest = String(rest.dropFirst().dropLast()).trimmingSpaces
                break
            }
            guard !PersonName(rest).isEmpty else { return .failure(CommandError("sar needs a person's name, e.g. :sar Zoe O'Neill")) }
            guard rest.count <= 200 else { return .failure(CommandError("sar: the name is longer than 200 characters")) }
            return .success(.subjectAccess(rest))
        default:
            return .failure(CommandError("unknown command '\(name)'; the commands are \(names.joined(separator: ", "))"))
        }
    }

    /// `2021-22`, `2021` (financial years), or `FROM..TO` in any date form.
    static func period(_ text: String, today: LocalDate, calendar: WorkingDayCalendar) -> Period? {
        let t = text.trimmingSpaces
        if let r = t.range(of: "..") {
            let a = String(t[..<r.lowerBound]), b = String(t[r.upperBound...])
            guard case .success(let from) = DateInput.parse(a, today: today, calendar: calendar),
                  case .success(let to) = DateInput.parse(b, today: today, calendar: calendar), from <= to else { return nil }
            return Period(from: from, to: to)
        }
        let parts = t.split(separator: "-")
        if parts.count == 2, let y = Int(parts[0]), parts[0].count == 4, let s = Int(parts[1]), parts[1].count == 2, (y + 1) % 100 == s {
            return Period.financialYear(starting: y)
        }
        if parts.count == 1, let y = Int(parts[0]), parts[0].count == 4, (1900...2100).contains(y) { return Period.financialYear(starting: y) }
        return nil
    }

    /// Tab completion: the command name, then its argument.
    public static func complete(_ text: String, references: [String]) -> String? {
        let endsWithSpace = text.hasSuffix(" ")
        let words = text.split(separator: " ").map(String.init)
        if words.count <= 1 && !endsWithSpace {
            let typed = (words.first ?? "").lowercased()
            return names.first { $0.hasPrefix(typed) && $0 != typed }.map { $0 + " " }
        }
        guard let name = words.first?.lowercased() else { return nil }
        let arg = endsWithSpace ? "" : (words.last ?? "").lowercased()
        let options: [String]
        switch name {
        case "theme": options = themes
        case "filter": options = filters
        case "export": options = words.count <= 2 ? ["csv", "json"] : []
        case "goto": options = references
        case "report": options = []
        default: options = []
        }
        guard let pick = options.first(where: { $0.lowercased().hasPrefix(arg) && $0.lowercased() != arg }) else { return nil }
        let head = endsWithSpace ? text : String(text.dropLast(arg.count))
        return head + pick
    }
}

public struct CommandError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    init(_ s: String) { description = s }
}
