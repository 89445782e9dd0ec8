import ArgumentParser
import Foundation
import HeardCore
import HeardStore

/// `heard bulk CHANGE [VALUE] (--ref REF… | filters | --all) [--yes]`: the case list's bulk
/// assign, area change, escalation and closure from the command line. The cases are those
/// `heard cases` lists with the same filters (in its order), or those named with `--ref`; the
/// change is the store's one bulk command (`Store.bulk`), so the same rules refuse the same
/// cases, the rest commit together as one step with one audit group, and a refused case is
/// named with the reason. Without `--yes` nothing is written: it says how many cases are chosen.
struct BulkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulk",
        abstract: "Change many cases in one step: assign an officer, move to a service area, escalate or close.",
        discussion: "CHANGE is one of: assign NAME, area NAME, escalate, close. "
            + "The cases are those `heard cases` lists with the same filters, or those named with --ref (repeat it); --all takes every case. "
            + "Without --yes nothing is changed: it says how many cases are chosen. "
            + "A case the rules refuse is left as it is and named with the reason (exit status 1); the others are changed together, as one step in the audit trail.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("assign, area, escalate or close.", valueName: "CHANGE")) var change: String
    @Argument(help: ArgumentHelp("assign: the officer; area: the service area (in quotes when it has spaces).", valueName: "NAME"))
    var value: String?
    @Option(name: .customLong("ref"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("A case by its reference, or its number alone when that is unique (repeat for several).", valueName: "REF"))
    var references: [String] = []
    @Flag(help: "Every case (with no filter and no --ref).") var all = false
    @OptionGroup var filters: CaseFilterOptions
    @Flag(help: "Make the change (without it, only say how many cases are chosen).") var yes = false

    /// The longest name a bulk change takes: longer is a mistake (a file pasted in, say).
    static let longestName = 200

    /// The change CHANGE and NAME ask for. The name is cleaned as every typed value is (line
    /// breaks and tabs as spaces, control characters dropped): an escape sequence in an
    /// officer's name was stored and echoed to the terminal (found by an attack).
    func bulkChange() throws -> BulkChange {
        let name = MoveRequest.clean(value ?? "")
        func named(_ what: String) throws -> String {
            guard !name.isEmpty else { throw ValidationError("\(change) needs the \(what): heard bulk \(change) NAME …") }
            guard name.count <= BulkCommand.longestName else {
                throw ValidationError("the \(what) is \(name.count) characters long; at most \(BulkCommand.longestName)")
            }
            return name
        }
        func nothingAfter() throws {
            guard name.isEmpty else {
                throw ValidationError("\(change) takes no name ('\(name)' given)")
            }
        }
        switch change.lowercased() {
        case "assign": return .assign(officer: try named("officer"))
        case "area": return .serviceArea(try named("service area"))
        case "escalate": try nothingAfter(); return .escalate
        case "close": try nothingAfter(); return .close
        default:
            let typed = TextSanitiser.clean(change, allowLineBreaks: false).0
            throw ValidationError("'\(typed)' is not a bulk change; the changes are assign NAME, area NAME, escalate, close")
        }
    }

    func validate() throws {
        _ = try bulkChange()
        let ways = [all, !references.isEmpty, filters.given].filter { $0 }.count
        if ways == 0 { throw ValidationError("say which cases: --ref REF, a filter (--overdue, --officer NAME, …) or --all") }
        if ways > 1 { throw ValidationError("--all, --ref and the filters each choose the cases: give one of them") }
    }

    func run() throws {
        var change = try bulkChange()
        let store = try openStore(database.path, readOnly: !yes)
        let today = try Environment.today()
        // The configured spelling, as every other way in takes it ("adoption" was stored as
        // typed and split the report's service areas; found by an attack); an unknown one is
        // refused before anything, the dry run too.
        if case .serviceArea(let typed) = change {
            guard let area = store.reference.serviceArea(matching: typed) else {
                throw Failure("'\(typed)' is not a configured service area (\(store.reference.serviceAreas.joined(separator: ", "))); nothing changed")
            }
            change = .serviceArea(area)
        }
        // A name no case holds makes a new officer: the screens ask ("New officer?"); here it is
        // said, with the known names it may have meant (a trial assigned to "Kate", not to Kate
        // Richardson, unawares). Not refused: a new colleague's first cases come this way too.
        if case .assign(let officer) = change, case let known = try store.knownValues("officer", limit: 10_000), !known.contains(officer) {
            warn("'\(OfficerHint.shown(officer))' is not an officer Heard knows: no case names them yet" + OfficerHint.meant(officer, among: known))
        }
        let ids: [Int64]
        if references.isEmpty {
            ids = try store.cases(filters.filter, today: today).map(\.id)
        } else {
            var seen = Set<Int64>()
            ids = try references.compactMap { ref in
                let c = try findCase(ref, in: store)
                return c.id.flatMap { seen.insert($0).inserted ? $0 : nil }
            }
        }
        let cases = { (n: Int) in "\(groupedNumber(n)) case\(n == 1 ? "" : "s")" }
        guard !ids.isEmpty else {
            if let w = try OfficerHint.unknownFilter(filters.officer, store) { warn(w) }
            try say("No case matches; nothing changed.")
            return
        }
        guard yes else {
            // Chosen, not changed: the rules are asked case by case without writing (a forecast;
            // with --yes they are asked again as each case is changed).
            try say("\(cases(ids.count)) chosen to be \(change.pastTense); nothing changed (--yes to do it; a case the rules refuse is then named and left as it is).")
            let forecast = try store.bulkForecast(change, ids: ids, today: today)
            try sayForecast(ids, forecast, change)
            try sayChosen(ids, forecast, change, store: store, today: today)
            return
        }
        var shown = 0
        let result = try store.bulk(change, ids: ids, today: today) { n, total in
            // Thousands of cases take seconds: say how far it has got, on stderr.
            guard total >= 10_000, n > 0, n < total, n / 10_000 > shown else { return }
            shown = n / 10_000
            warn("working: \(groupedNumber(n)) of \(groupedNumber(total)) cases…")
        }
        let already = result.unchanged == 0 ? "" : " (\(cases(result.unchanged)) already \(change.alreadyState))"
        if result.done == 0 {
            try say("Nothing changed\(already).")
        } else {
            try say("\(cases(result.done)) \(change.pastTense)\(already).")
        }
        guard !result.refused.isEmpty else { return }
        for r in result.refused { warn(TextSanitiser.clean(r.line, allowLineBreaks: false).0) }
        throw Failure("\(cases(result.refused.count)) refused and left as \(result.refused.count == 1 ? "it was" : "they were") (named above)")
    }

    /// How many chosen cases a dry run names: enough to check the choice by eye, not a list.
    static let namedAtMost = 20

    /// How many of the chosen cases the change would change, leave as they are, and be refused
    /// for, as the rules stand now (a trial: "709 cases chosen to be closed", and 708 refused).
    private func sayForecast(_ ids: [Int64], _ forecast: [Int64: BulkForecast], _ change: BulkChange) throws {
        var would = 0, already = 0, refused = 0
        for id in ids {
            switch forecast[id] {
            case .change?: would += 1
            case .already?: already += 1
            case .refused?: refused += 1
            case nil: break
            }
        }
        var parts = ["\(groupedNumber(would)) would be \(change.pastTense)"]
        if already > 0 { parts.append("\(groupedNumber(already)) \(already == 1 ? "is" : "are") already \(change.alreadyState)") }
        if refused > 0 { parts.append("\(groupedNumber(refused)) would be refused") }
        try say("As the rules stand now: " + parts.joined(separator: ", ") + ".")
    }

    /// The dry run's list of the chosen cases, in the order they would be changed: each by its
    /// reference with what it holds now of what the change sets (no complainant's name) and its
    /// forecast, the first `namedAtMost` of them (a count alone let a wrong filter pass unseen).
    /// Data another tool wrote is shown as text, never as terminal control.
    /// The cases that would be refused beyond those named follow, the first `namedAtMost` of them
    /// with the reason: a trial's dry run named twenty cases already closed, and the two it would
    /// refuse (and exit 1 for) were among "… and 250 more".
    private func sayChosen(_ ids: [Int64], _ forecast: [Int64: BulkForecast], _ change: BulkChange, store: Store, today: LocalDate) throws {
        let shown = Array(ids.prefix(BulkCommand.namedAtMost))
        let unnamedRefusals = ids.dropFirst(shown.count).filter { if case .refused? = forecast[$0] { return true } else { return false } }
        try sayCases(shown, forecast, change, store: store, today: today)
        if ids.count > shown.count {
            let how = all ? "heard cases lists them all" : references.isEmpty ? "heard cases with the same filters lists them all" : "the rest are those named with --ref"
            try say("  … and \(groupedNumber(ids.count - shown.count)) more (\(how))")
        }
        guard !unnamedRefusals.isEmpty else { return }
        let refusals = Array(unnamedRefusals.prefix(BulkCommand.namedAtMost))
        try say("Of those, \(groupedNumber(unnamedRefusals.count)) would be refused:")
        try sayCases(refusals, forecast, change, store: store, today: today)
        if unnamedRefusals.count > refusals.count { try say("  … and \(groupedNumber(unnamedRefusals.count - refusals.count)) more") }
    }

    /// One line each for `ids`: the reference, what the case holds now, and its forecast.
    private func sayCases(_ ids: [Int64], _ forecast: [Int64: BulkForecast], _ change: BulkChange, store: Store, today: LocalDate) throws {
        let byID = Dictionary(try store.cases(today: today, ids: ids).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let clean = { (s: String) in TextSanitiser.clean(s, allowLineBreaks: false).0 }
        let rows = ids.compactMap { byID[$0] }
        let width = rows.map { clean($0.reference).count }.max() ?? 0
        for c in rows {
            let ref = clean(c.reference)
            let verdict: String
            switch forecast[c.id] {
            case .already?: verdict = " (already)"
            case .refused(let why)?:
                // The procedure's words without their first sentence, which says again what the
                // line says ("close is not possible on CS-… now.").
                let said = "\(change.move?.commandName ?? "") is not possible on \(c.reference) now. "
                var text = why.hasPrefix(said) ? String(why.dropFirst(said.count)) : why
                // Nor the reference the line begins with, nor "nothing was changed" of what is not done yet.
                if text.hasPrefix(c.reference + " ") { text = String(text.dropFirst(c.reference.count + 1)) }
                if text.hasSuffix("; nothing was changed.") { text = String(text.dropLast("; nothing was changed.".count)) + "." }
                verdict = " (refused: \(clean(text)))"
            case .change?, nil: verdict = ""
            }
            try say("  " + ref + String(repeating: " ", count: max(0, width - ref.count)) + "  now " + clean(change.standing(of: c)) + verdict)
        }
    }
}
