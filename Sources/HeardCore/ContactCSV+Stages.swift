/// The import and export columns of the procedure's record beyond the contract: each stage's
/// findings in words (with their verdicts), the remedies, and the people of stages 2 and 3.
/// All optional; export then import gives them back as they were.
extension ContactCSV {
    /// In export order, after `extraColumns`.
    public static let stageRecordColumns = [
        "stage1_findings", "stage2_findings", "stage3_findings", "remedies",
        "investigating_officer", "independent_person", "panel", "panel_date",
        "stage2_acknowledged", "stage3_acknowledged", "extensions", "pauses",
        "stage2_late_reason", "stage3_late_reason", "end_reason", "ombudsman_remedy", "ombudsman_payment",
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

    /// Each event with the stage it belongs to: as recorded, else (events written before they
    /// carried their stage) the stage in hand when it was recorded.
    static func staged(_ events: [CaseEvent]) -> [(event: CaseEvent, stage: Int)] {
        var current = 1
        return events.map { e in
            if e.kind == .nextStageRequested { current = e.stage ?? current + 1; return (e, current) }
            return (e, e.stage ?? current)
        }
    }

    /// The extensions, one a line in the order recorded: `2022-05-20 stage 1 to 2022-06-10: reason`.
    static func extensionsCell(_ c: Contact) -> String {
        staged(c.events).filter { $0.event.kind == .extended }.map { e, n in
            "\(e.date.iso) stage \(n) to \(e.newDue?.iso ?? "")" + (e.reason.isEmpty ? "" : ": " + escapeLines(e.reason))
        }.joined(separator: "\n")
    }

    /// The pauses as recorded (not as a close ended them), one a line:
    /// `2022-05-20 stage 1 to 2022-05-27: reason`, without `to DATE` while the clock is paused.
    static func pausesCell(_ c: Contact) -> String {
        let all = staged(c.events)
        return all.enumerated().compactMap { i, item -> String? in
            guard item.event.kind == .paused else { return nil }
            let resumed = all[(i + 1)...].first { $0.event.kind == .resumed || $0.event.kind == .paused }
            let to = resumed.flatMap { $0.event.kind == .resumed ? " to \($0.event.date.iso)" : nil } ?? ""
            let e = item.event
            return "\(e.date.iso) stage \(item.stage)\(to)" + (e.reason.isEmpty ? "" : ": " + escapeLines(e.reason))
        }.joined(separator: "\n")
    }

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
        for n in 2...3 { v["stage\(n)_acknowledged"] = clock.stages.first { $0.number == n }?.acknowledged?.iso ?? "" }
        v["extensions"] = extensionsCell(c)
        v["pauses"] = pausesCell(c)
        // Why a request came late, why the case was withdrawn or mediated, what the Ombudsman
        // asked for: words the contract's columns have no room for.
        for (e, n) in staged(c.events) where e.kind == .nextStageRequested && (2...3).contains(n) { v["stage\(n)_late_reason"] = e.reason }
        if clock.status == .withdrawn || clock.status == .mediation { v["end_reason"] = clock.endReason }
        v["ombudsman_remedy"] = clock.ombudsman.remedy
        v["ombudsman_payment"] = clock.ombudsman.amountPence.map { CaseRecord.pounds($0) } ?? ""
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
            let cell = text(col)
            if n > 1 && !cell.isEmpty && !has("stage\(n)_requested") {
                fail(col, "is given but stage\(n)_requested has no date"); continue
            }
            var seen: Set<Int> = []
            for line in cell.split(separator: "\n") {
                let entry = String(line).trimmingSpaces
                if entry.isEmpty { continue }
                guard let dot = entry.firstIndex(of: "."), let number = Int(String(entry[..<dot]).trimmingSpaces), number >= 1 else {
                    fail(col, "each line is 'N. verdict: what was found' (N the issue's number in categories)"); continue
                }
                guard contact.issues.indices.contains(number - 1) else {
                    fail(col, "names issue \(number), but categories lists \(contact.issues.count)"); continue
                }
                guard seen.insert(number).inserted else { fail(col, "names issue \(number) on more than one line"); continue }
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
            guard let e = remedy(entry, today: today) else { continue }
            if let n = e.stage, n > 1, !has("stage\(n)_requested") { fail("remedies", "names stage \(n), but stage\(n)_requested has no date"); continue }
            remedies.append((e, "remedies"))
        }

        var people = StagePeople(investigatingOfficer: MoveRequest.clean(text("investigating_officer")),
                                 independentPerson: MoveRequest.clean(text("independent_person")))
        // Members separated by `;` (the rule the form and `appoint` keep too): `;;;;` is a
        // mistake, not "no panel".
        let panelCell = text("panel")
        if !panelCell.isEmpty {
            let members = panelCell.split(separator: ";", omittingEmptySubsequences: false).map { MoveRequest.clean(String($0)) }
            if let problem = StagePeople.panelProblem(members) { fail("panel", problem + ", separated by ;") }
            else { people.panel = members }
        }
        // A panel may be arranged for a date still to come, but not before stage 3 was requested.
        let panelDate = text("panel_date")
        if !panelDate.isEmpty {
            if let d = LocalDate(parsing: panelDate), DateInput.years.contains(d.year) {
                people.panelDate = d
                if let s3 = LocalDate(parsing: text("stage3_requested")), d < s3 { fail("panel_date", "is before stage 3 was requested (stage3_requested)") }
            } else { fail("panel_date", "is not a date that exists (use YYYY-MM-DD or DD/MM/YYYY)") }
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

    /// Each stage's own events from `acknowledged`, `stage2_acknowledged`, `stage3_acknowledged`,
    /// `extensions` and `pauses`, in the order to apply them: by date; on one day an
    /// acknowledgement first, then the pauses in their own order, then extensions.
    mutating func readStageEvents(today: LocalDate) -> [Int: [(CaseEvent, String)]] {
        var keyed: [(key: (LocalDate, Int, Int), event: CaseEvent, col: String)] = []
        var seq = 0
        for n in 1...3 {
            let col = n == 1 ? "acknowledged" : "stage\(n)_acknowledged"
            guard let d = date(col, today: today) else { continue }
            if n > 1 && !has("stage\(n)_requested") { fail(col, "is given but stage\(n)_requested has no date"); continue }
            keyed.append(((d, 0, 0), .acknowledged(d, stage: n), col))
        }
        for line in text("extensions").split(separator: "\n") {
            let entry = String(line).trimmingSpaces
            if entry.isEmpty { continue }
            guard let (d, n, to, reason) = dated(entry, "extensions", "each line is 'YYYY-MM-DD stage N to YYYY-MM-DD: reason'", today: today) else { continue }
            guard let newDue = to else { fail("extensions", "each line is 'YYYY-MM-DD stage N to YYYY-MM-DD: reason'"); continue }
            seq += 1
            keyed.append(((d, 2, seq), .extended(d, stage: n, to: newDue, reason: reason), "extensions"))
        }
        for line in text("pauses").split(separator: "\n") {
            let entry = String(line).trimmingSpaces
            if entry.isEmpty { continue }
            guard let (d, n, to, reason) = dated(entry, "pauses", "each line is 'YYYY-MM-DD stage N [to YYYY-MM-DD]: reason'", today: today) else { continue }
            seq += 1
            keyed.append(((d, 1, seq), .paused(d, stage: n, reason: reason), "pauses"))
            if let to {
                if to > today { fail("pauses", "a pause's end is in the future"); continue }
                seq += 1
                keyed.append(((to, 1, seq), .resumed(to, stage: n), "pauses"))
            }
        }
        keyed.sort { a, b in a.key.0 != b.key.0 ? a.key.0 < b.key.0 : a.key.1 != b.key.1 ? a.key.1 < b.key.1 : a.key.2 < b.key.2 }
        var out: [Int: [(CaseEvent, String)]] = [:]
        for k in keyed { out[k.event.stage ?? 1, default: []].append((k.event, k.col)) }
        for n in out.keys.sorted() where n > 1 && !has("stage\(n)_requested") {
            for col in Set(out[n]?.map(\.1) ?? []).sorted() where col == "extensions" || col == "pauses" {
                fail(col, "names stage \(n), but stage\(n)_requested has no date")
            }
            out[n] = nil
        }
        return out
    }

    /// `YYYY-MM-DD stage N [to YYYY-MM-DD][: reason]`, or nil with the problem noted.
    private mutating func dated(_ entry: String, _ col: String, _ shape: String, today: LocalDate) -> (LocalDate, Int, LocalDate?, String)? {
        var rest = Substring(entry)
        var reason = ""
        if let colon = rest.range(of: ":") {
            reason = ContactCSV.unescapeLines(String(rest[colon.upperBound...])).trimmingSpaces
            rest = rest[..<colon.lowerBound]
        }
        let words = rest.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count == 3 || words.count == 5, let d = LocalDate(parsing: words[0]), words[1].lowercased() == "stage",
              let n = Int(words[2]), (1...3).contains(n) else { fail(col, shape); return nil }
        var to: LocalDate?
        if words.count == 5 {
            guard words[3].lowercased() == "to", let t = LocalDate(parsing: words[4]) else { fail(col, shape); return nil }
            to = t
        }
        if d > today { fail(col, "a date is in the future"); return nil }
        if !DateInput.years.contains(d.year) { fail(col, "a date is before \(DateInput.years.lowerBound)"); return nil }
        if reason.isEmpty { fail(col, "each line needs its reason after ':'"); return nil }
        return (d, n, to, reason)
    }

    /// Whether the row has anything in `col` (read without counting its characters again).
    func has(_ col: String) -> Bool {
        guard let i = index[col], i < record.fields.count else { return false }
        return !record.fields[i].trimmingSpaces.isEmpty
    }

    /// `2022-05-20 stage 1 payment £250.00: for the delay`, or nil with the problem noted.
    private mutating func remedy(_ entry: String, today: LocalDate) -> CaseEvent? {
        let shape = "each line is 'YYYY-MM-DD stage N kind [£amount][: note]'"
        var rest = Substring(entry)
        let dateText = rest.prefix { !$0.isWhitespace }
        guard let d = LocalDate(parsing: String(dateText)) else { fail("remedies", shape); return nil }
        if d > today { fail("remedies", "a date is in the future (today is \(today.iso))"); return nil }
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
