/// The import and export columns of the procedure's record beyond the contract: each stage's
/// findings in words (with their verdicts), the remedies, and the people of stages 2 and 3.
/// All optional; export then import gives them back as they were.
extension ContactCSV {
    /// In export order, after `extraColumns`.
    public static let stageRecordColumns = [
        "stage1_findings", "stage2_findings", "stage3_findings", "remedies",
        "investigating_officer", "independent_person", "panel", "panel_date",
    ]

    // MARK: - Cells

    /// A stage's findings, one line per issue that has one: `2. not upheld: what was found`
    /// (the issue's number as the categories list them; a line break inside the words is `\n`).
    static func findingsCell(_ c: Contact, stage n: Int) -> String {
        c.issues.enumerated().compactMap { i, issue -> String? in
            let verdict = issue.findings[n]
            let words = issue.findingTexts[n] ?? ""
            if verdict == nil && words.isEmpty { return nil }
            return "\(i + 1). \(verdict?.label ?? noVerdict)" + (words.isEmpty ? "" : ": " + escapeLines(words))
        }.joined(separator: "\n")
    }

    /// The remedies, one a line: `2022-05-20 stage 1 payment £250.00: for the delay`.
    static func remediesCell(_ record: CaseRecord) -> String {
        record.clock.remedies.map { r in
            var t = r.date.iso + (record.stage(of: r).map { " stage \($0)" } ?? "") + " " + (r.remedy?.label ?? "")
            if let a = r.amountPence { t += " £" + CaseRecord.pounds(a) }
            if !r.reason.isEmpty { t += ": " + escapeLines(r.reason) }
            return t
        }.joined(separator: "\n")
    }

    static let noVerdict = "no verdict"

    static func escapeLines(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func unescapeLines(_ s: String) -> String {
        var out = ""
        var escaped = false
        for ch in s {
            if escaped { out.append(ch == "n" ? "\n" : ch); escaped = false } else if ch == "\\" { escaped = true } else { out.append(ch) }
        }
        return out
    }

    /// The export values of these columns for `c`.
    static func stageRecordValues(_ c: Contact, clock: CaseClock, rules: Rules, calendar: WorkingDayCalendar) -> [String: String] {
        var v: [String: String] = [:]
        for n in 1...3 { v["stage\(n)_findings"] = findingsCell(c, stage: n) }
        v["remedies"] = remediesCell(CaseRecord(contact: c, clock: clock, calendar: calendar, rules: rules))
        let p = c.stagePeople
        v["investigating_officer"] = p.investigatingOfficer
        v["independent_person"] = p.independentPerson
        v["panel"] = p.panel.joined(separator: "; ")
        v["panel_date"] = p.panelDate?.iso ?? ""
        return v
    }
}

extension ContactCSV.RowReader {
    /// Reads these columns onto `contact`: findings and their words on its issues, the stage
    /// people; the remedies come back as events for the caller to apply after the rest of the
    /// history (a remedy may follow the close).
    mutating func readStageRecord(_ contact: inout Contact, today: LocalDate) -> [(CaseEvent, String)] {
        for n in 1...3 {
            let col = "stage\(n)_findings"
            for line in text(col).split(separator: "\n") {
                let entry = String(line).trimmingSpaces
                if entry.isEmpty { continue }
                guard let dot = entry.firstIndex(of: "."), let number = Int(String(entry[..<dot]).trimmingSpaces), number >= 1 else {
                    fail(col, "each line is 'N. verdict: what was found' (N the issue's number in categories)"); continue
                }
                guard contact.issues.indices.contains(number - 1) else {
                    fail(col, "names issue \(number), but categories lists \(contact.issues.count)"); continue
                }
                let rest = entry[entry.index(after: dot)...]
                let verdictText: Substring
                var words = ""
                if let colon = rest.range(of: ": ") {
                    verdictText = rest[..<colon.lowerBound]
                    words = ContactCSV.unescapeLines(String(rest[colon.upperBound...])).trimmingSpaces
                } else {
                    verdictText = rest.hasSuffix(":") ? rest.dropLast() : rest
                }
                let v = String(verdictText).trimmingSpaces
                if normaliseWord(v) != normaliseWord(ContactCSV.noVerdict) {
                    guard let f = Finding(matching: v) else { fail(col, "a verdict is one of: \(Finding.labels.joined(separator: ", ")) (or \(ContactCSV.noVerdict))"); continue }
                    contact.issues[number - 1].findings[n] = f
                }
                if !words.isEmpty { contact.issues[number - 1].findingTexts[n] = words }
            }
        }

        var remedies: [(CaseEvent, String)] = []
        for line in text("remedies").split(separator: "\n") {
            let entry = String(line).trimmingSpaces
            if entry.isEmpty { continue }
            if let e = remedy(entry, today: today) { remedies.append((e, "remedies")) }
        }

        var people = StagePeople(investigatingOfficer: MoveRequest.clean(text("investigating_officer")),
                                 independentPerson: MoveRequest.clean(text("independent_person")))
        people.panel = text("panel").split(separator: ";").map { MoveRequest.clean(String($0)) }.filter { !$0.isEmpty }
        if people.panel.count > StagePeople.panelSize { fail("panel", "a review panel is \(StagePeople.panelSize) people, separated by ;") }
        // A panel may be arranged for a date still to come.
        let panelDate = text("panel_date")
        if !panelDate.isEmpty {
            if let d = LocalDate(parsing: panelDate), DateInput.years.contains(d.year) { people.panelDate = d }
            else { fail("panel_date", "is not a date that exists (use YYYY-MM-DD or DD/MM/YYYY)") }
        }
        if !people.isEmpty {
            let stage2 = !people.investigatingOfficer.isEmpty || !people.independentPerson.isEmpty
            if contact.procedure != .statutory || contact.kind != .complaint {
                fail(stage2 ? "investigating_officer" : "panel", "only a statutory complaint has an investigation and a panel")
            } else if stage2 && !has("stage2_requested") {
                fail("investigating_officer", "is given but stage2_requested has no date")
            } else if (!people.panel.isEmpty || people.panelDate != nil) && !has("stage3_requested") {
                fail("panel", "is given but stage3_requested has no date")
            }
            contact.stagePeople = people
        }
        return remedies
    }

    /// Whether the row has anything in `col` (read without counting its characters again).
    private func has(_ col: String) -> Bool {
        guard let i = index[col], i < record.fields.count else { return false }
        return !record.fields[i].trimmingSpaces.isEmpty
    }

    /// `2022-05-20 stage 1 payment £250.00: for the delay`, or nil with the problem noted.
    private mutating func remedy(_ entry: String, today: LocalDate) -> CaseEvent? {
        let shape = "each line is 'YYYY-MM-DD stage N kind [£amount][: note]'"
        var rest = Substring(entry)
        let dateText = rest.prefix { !$0.isWhitespace }
        guard let d = LocalDate(parsing: String(dateText)) else { fail("remedies", shape); return nil }
        if d > today { fail("remedies", "\(d.iso) is in the future (today is \(today.iso))"); return nil }
        rest = rest.dropFirst(dateText.count).drop { $0.isWhitespace }
        var stage: Int?
        if rest.lowercased().hasPrefix("stage ") {
            rest = rest.dropFirst("stage ".count)
            let digits = rest.prefix { $0.isNumber }
            guard let n = Int(digits), (1...3).contains(n) else { fail("remedies", shape); return nil }
            stage = n
            rest = rest.dropFirst(digits.count).drop { $0.isWhitespace }
        }
        var note = ""
        if let colon = rest.range(of: ":") {
            note = ContactCSV.unescapeLines(String(rest[colon.upperBound...])).trimmingSpaces
            rest = rest[..<colon.lowerBound]
        }
        var amount: Int?
        if let pound = rest.firstIndex(of: "£") {
            do { amount = try MoveRequest.pence(String(rest[pound...]), .amount) } catch { fail("remedies", "the amount is not in pounds (like £250.00)"); return nil }
            rest = rest[..<pound]
        }
        guard let kind = RemedyKind(matching: String(rest).trimmingSpaces) else {
            fail("remedies", "a remedy is one of: \(RemedyKind.labels.joined(separator: ", "))"); return nil
        }
        return .remedy(d, stage: stage, kind, amountPence: amount, note: note)
    }
}
