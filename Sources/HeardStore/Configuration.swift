import Foundation
import HeardCore
import ConfigFile

/// The user's `config.toml`: who they are, the council's lists and timescales. Anything wrong in
/// it is reported (file, key, value) and the default is used instead.
public struct HeardConfiguration: Sendable {
    public var officer: String
    public var rules: Rules
    public var reference: ReferenceData
    public var retentionYears: Int
    public var warnings: [String]
    /// `[ui] date_format`: how the screens write dates (default ISO).
    public var dateStyle: DateStyle = .iso
    /// Whether config.toml names the officer (else `officer` is the login name).
    public var namesOfficer = false
    /// The officer a new contact starts with: the one config.toml names, else none. The login
    /// name names who changed the record in the audit trail; it is no officer to give cases to.
    public var defaultOfficerOfNewContacts: String { namesOfficer ? officer : "" }
    /// `[ui] cursor = "visible"`: show the terminal cursor on the selected row or field (for
    /// screen readers such as brltty and speakup); hidden by default.
    public var cursorVisible = false
    /// `[letters]`: letterhead, signatory, addresses and the Ombudsman's details for letters.
    public var letters = LetterSettings()
    /// `[documents] max_size_mb`: the largest document Heard keeps, in megabytes (1 to 200, default 20).
    public var documentMaxSizeMB = 20
    /// `documentMaxSizeMB` in bytes, as the store's `addDocument` takes it.
    public var documentLimit: Int { documentMaxSizeMB * 1024 * 1024 }
    /// `[retention.kinds]`: a kind's own retention period in years (`retention` combines them).
    public var retentionByKind: [ContactKind: Int] = [:]
    /// `[audit] reads`: record who opens a case's record in the access log (default true).
    public var recordReads = true

    public init(officer: String = StoreOptions.defaultActor, rules: Rules = .default, reference: ReferenceData = .default,
                retentionYears: Int = 6, warnings: [String] = []) {
        self.officer = officer; self.rules = rules; self.reference = reference
        self.retentionYears = retentionYears; self.warnings = warnings
    }

    /// `$XDG_CONFIG_HOME/heard`, else `~/.config/heard`.
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let x = environment["XDG_CONFIG_HOME"], !x.isEmpty { return x + "/heard" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/heard"
    }

    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> HeardConfiguration {
        let path = directory(environment: environment) + "/config.toml"
        switch SettingsFile.read(path) {
        case .absent: return HeardConfiguration()
        case .text(let text): return parse(text, file: path)
        case .refused(let why): return HeardConfiguration(warnings: ["\(path) \(why); using the defaults"])
        }
    }

    public static func parse(_ text: String, file: String) -> HeardConfiguration {
        var config = HeardConfiguration()
        let table: ConfigValue
        switch parseConfig(text) {
        case .success(let t): table = t
        case .failure(let e) where e.line > 0:
            config.warnings.append("\(file): line \(e.line): \(e.reason); using the defaults")
            return config
        case .failure:
            config.warnings.append("\(file): cannot be read; using the defaults")
            return config
        }
        func warn(_ key: String, _ value: String, _ why: String) {
            config.warnings.append("\(file): \(ConfigValue.shortened(key)) = \(value): \(why)")
        }
        /// A section (`[ui]`): the table, or nil with a warning when the key names something else.
        func section(_ t: ConfigValue, _ key: String, _ path: String) -> ConfigValue? {
            guard let v = t[key] else { return nil }
            guard let table = v.tableValue else { warn(path, v.warningText, "expected a section ([\(path)]); ignored"); return nil }
            return table
        }
        func int(_ t: ConfigValue, _ key: String, _ path: String, range: ClosedRange<Int>) -> Int? {
            guard let v = t[key] else { return nil }
            guard let n = v.int, range.contains(n) else { warn(path, v.warningText, "expected a whole number from \(range.lowerBound) to \(range.upperBound); using the default"); return nil }
            return n
        }
        func strings(_ t: ConfigValue, _ key: String, _ path: String) -> [String]? {
            guard let v = t[key] else { return nil }
            guard let a = v.array else { warn(path, v.warningText, "expected a list of names; using the default"); return nil }
            let out = a.compactMap { $0.string?.trimmingSpaces }.filter { !$0.isEmpty }
            if out.isEmpty || out.count != a.count { warn(path, v.warningText, "expected a list of names; using the default"); return nil }
            return out
        }
        let known: Set<String> = ["officer", "lists", "timescales", "report", "retention", "ui", "letters", "documents", "audit"]
        for (k, _) in table.table ?? [] where !known.contains(k) { warn(k, "…", "unknown setting; ignored") }
        /// Every key of a section that is not one of `names`, said: a misspelt `[timescales.statutry]`
        /// or `targt` left the deadlines at their defaults without a word (found by an attack).
        func unknown(_ t: ConfigValue, _ path: String, _ names: [String]) {
            for (k, _) in (t.table ?? []).sorted(by: { $0.key < $1.key }) where !names.contains(k) { warn(path + "." + k, "…", "unknown setting; ignored") }
        }
        if let o = table["officer"] {
            // Control characters out, as from every other way in: the audit's "who" kept an ESC,
            // and a NUL cut the name short to another officer's (found by an attack).
            let name = o.string.map { TextSanitiser.clean($0.replacingOccurrences(of: "\u{0}", with: ""), allowLineBreaks: false).0.trimmingSpaces }
            if let name, !name.isEmpty { config.officer = name; config.namesOfficer = true } else { warn("officer", o.warningText, "expected a name") }
        }
        if let lists = section(table, "lists", "lists") {
            unknown(lists, "lists", ["service_areas", "categories", "category_version", "learning_themes"])
            if let v = strings(lists, "service_areas", "lists.service_areas") { config.reference.serviceAreas = v }
            if let v = strings(lists, "categories", "lists.categories") { config.reference.categories = v }
            if let v = int(lists, "category_version", "lists.category_version", range: 1...10_000) { config.reference.categoryVersion = v }
            if let v = strings(lists, "learning_themes", "lists.learning_themes") { config.reference.learningThemes = v }
        }
        if let t = section(table, "timescales", "timescales") {
            unknown(t, "timescales", ["enquiry_days", "member_enquiry_days", "complaint_time_limit_months", "due_soon_days"] + ProcedureKind.allCases.map(\.rawValue))
            if let v = int(t, "enquiry_days", "timescales.enquiry_days", range: 1...250) { config.rules.enquiryDays = v }
            if let v = int(t, "member_enquiry_days", "timescales.member_enquiry_days", range: 1...250) { config.rules.memberEnquiryDays = v }
            if let v = int(t, "complaint_time_limit_months", "timescales.complaint_time_limit_months", range: 1...120) { config.rules.complaintTimeLimitMonths = v }
            if let v = int(t, "due_soon_days", "timescales.due_soon_days", range: 0...60) { config.rules.dueSoonDays = v }
            for kind in ProcedureKind.allCases {
                guard let pt = section(t, kind.rawValue, "timescales.\(kind.rawValue)") else { continue }
                var p = config.rules.procedure(kind)
                let prefix = "timescales.\(kind.rawValue)"
                unknown(pt, prefix, ["acknowledgement_days", "escalation_window_days"] + p.stages.map { "stage\($0.number)" })
                if let v = int(pt, "acknowledgement_days", prefix + ".acknowledgement_days", range: 0...250) { p.acknowledgementDays = v }
                if let v = int(pt, "escalation_window_days", prefix + ".escalation_window_days", range: 1...250) { p.escalationWindowDays = v }
                for i in p.stages.indices {
                    guard let st = section(pt, "stage\(p.stages[i].number)", prefix + ".stage\(p.stages[i].number)") else { continue }
                    let sp = prefix + ".stage\(p.stages[i].number)"
                    unknown(st, sp, ["target", "target_months", "maximum"])
                    if let v = int(st, "target", sp + ".target", range: 1...500) { p.stages[i].target = .workingDays(v) }
                    if let v = int(st, "target_months", sp + ".target_months", range: 1...36) { p.stages[i].target = .calendarMonths(v) }
                    if let v = int(st, "maximum", sp + ".maximum", range: 1...500) { p.stages[i].maximum = .workingDays(v); p.stages[i].allowsExtension = true }
                }
                config.rules.procedures[kind] = p
            }
        }
        if let r = section(table, "report", "report") {
            unknown(r, "report", ["suppress_up_to"])
            if let v = int(r, "suppress_up_to", "report.suppress_up_to", range: 0...20) { config.rules.suppressUpTo = v }
        }
        if let r = section(table, "retention", "retention") { config.applyRetention(r, file: file) }
        if let ui = section(table, "ui", "ui") { config.applyUI(ui, file: file) }
        if let l = section(table, "letters", "letters") { config.applyLetters(l, file: file) }
        if let d = section(table, "documents", "documents") {
            unknown(d, "documents", ["max_size_mb"])
            if let v = int(d, "max_size_mb", "documents.max_size_mb", range: 1...200) { config.documentMaxSizeMB = v }
        }
        if let a = section(table, "audit", "audit") { config.applyAudit(a, file: file) }
        return config
    }
}
