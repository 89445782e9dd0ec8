import HeardCore
import HeardStore
import TerminalUI

/// Builds the detail view's lines for a width: fields, issues and findings, the clock, the
/// timeline, the audit history, linked learning and actions.
enum CaseDetailLines {
    static func build(_ d: CaseDetailData, width: Int, today: LocalDate, glyphs: Glyphs) -> [DetailLine] {
        let c = d.contact
        let k = d.clock
        var out: [DetailLine] = []
        func field(_ name: String, _ value: String, _ role: Role = .default) {
            out.append(DetailLine(spans: [(pad(name, toWidth: 22, unicode: glyphs.unicode), .dim), (value.isEmpty ? "—" : value, role)]))
        }
        func wrapped(_ name: String, _ text: String) {
            let lines = wrap(text, width: max(10, width - 24))
            for (i, l) in lines.enumerated() {
                out.append(DetailLine(spans: [(pad(i == 0 ? name : "", toWidth: 22, unicode: glyphs.unicode), .dim), (l, .default)]))
            }
            if lines.isEmpty { field(name, "") }
        }

        out.append(.section("Case"))
        field("Kind", c.kind.label + (c.procedure.map { " · " + (ProcedureKind.allCases.contains($0) ? Rules.default.procedure($0).name : "") } ?? ""))
        field("Status", statusText(k, glyphs: glyphs), statusRole(k))
        field("Received", "\(c.received.iso) (\(weekday(c.received)))" + (c.channel.map { " by \($0.label)" } ?? ""))
        field("Service area", c.serviceArea + (c.team.isEmpty ? "" : " · " + c.team))
        field("Officer", c.officer)
        field("Complainant", c.complainantName + (c.complainantRole.map { " (\($0.label))" } ?? ""))
        field("Child or young person", c.isChildOrYoungPerson ? "yes" : "no")
        field("Advocate", c.advocate)
        field("Subject child", c.subjectChild)
        if let e = c.eventsDate { field("Events complained of", e.iso) }
        if !c.acceptanceDecision.isEmpty { wrapped("Acceptance decision", c.acceptanceDecision) }
        wrapped("Summary", c.summary)
        if c.legalHold { field("Legal hold", "yes: disposal blocked", .messageError) }

        if c.kind != .compliment && c.kind != .comment {
            out.append(.blank)
            out.append(.section("Clock"))
            for s in k.stages { clockLines(s, k, d, &out, glyphs: glyphs) }
            if let r = k.ombudsman.referred {
                field("Ombudsman", "referred \(r.iso)" + (k.ombudsman.decision.map { "; decision: \($0.label) on \(k.ombudsman.decided?.iso ?? "")" } ?? "; awaiting decision"))
            }
            if !k.endReason.isEmpty { wrapped("Reason", k.endReason) }
        }

        if c.kind == .complaint {
            out.append(.blank)
            out.append(.section("Issues and findings"))
            if c.issues.isEmpty { out.append(.text("  No issues recorded.", .dim)) }
            for (i, issue) in c.issues.enumerated() {
                var spans: [(String, Role)] = [("  \(i + 1). ", .dim), (issue.category, .default)]
                for n in 1...3 {
                    if let f = issue.findings[n] { spans.append(("   stage \(n): ", .dim)); spans.append((f.label, Role("outcome." + f.rawValue.replacingOccurrences(of: "_", with: "-")))) }
                }
                out.append(DetailLine(spans: spans))
                if !issue.detail.isEmpty { for l in wrap(issue.detail, width: max(10, width - 6)) { out.append(.text("     " + l, .dim)) } }
            }
            for s in k.stages {
                if let o = s.outcome(issues: c.issues) {
                    out.append(DetailLine(spans: [("  Stage \(s.number) outcome: ", .dim), (o.label, Role("outcome." + o.rawValue.replacingOccurrences(of: "_", with: "-"))),
                                                  (s.satisfied.map { $0 ? " · complainant satisfied" : " · not satisfied" } ?? "", .dim)]))
                }
            }
            for r in k.remedies {
                let amount = r.amountPence.map { " £" + pounds($0) } ?? ""
                out.append(.text("  Remedy \(r.date.iso): \(r.remedy?.label ?? "")\(amount)\(r.reason.isEmpty ? "" : " — " + r.reason)"))
            }
        }

        out.append(.blank)
        out.append(.section("Timeline"))
        out.append(.text("  \(c.received.iso)  Received", .default))
        for e in c.events {
            var t = "  \(e.date.iso)  \(e.kind.label)"
            if let s = e.stage, e.kind != .nextStageRequested { t += " (stage \(s))" }
            if e.kind == .nextStageRequested, let s = e.stage { t += ": stage \(s)" }
            if let n = e.newDue { t += " to \(n.iso)" }
            if let o = e.outcome { t += ": \(o.label)" }
            if let s = e.satisfied { t += s ? ", satisfied" : ", not satisfied" }
            if let dcs = e.ombudsmanDecision { t += ": \(dcs.label)" }
            if let r = e.remedy { t += ": \(r.label)" }
            if let a = e.amountPence { t += " £" + pounds(a) }
            if !e.reason.isEmpty { t += " — " + e.reason }
            for (i, l) in wrap(t, width: max(10, width - 2)).enumerated() { out.append(.text(i == 0 ? l : "              " + l)) }
        }

        out.append(.blank)
        out.append(.section("Learning and actions"))
        if d.learning.isEmpty && d.actions.isEmpty { out.append(.text("  None linked yet.", .dim)) }
        for l in d.learning { out.append(.text("  \(l.date.iso)  Learning (\(l.theme)): \(l.text)")) }
        for a in d.actions {
            let due = a.due?.iso ?? "at the appropriate time"
            let role: Role = a.isOverdue(today: today) ? .statusOverdue : .default
            out.append(DetailLine(spans: [("  Action: ", .dim), (a.title, .default), ("  \(a.owner) · due \(due) · \(a.status.label)", role)]))
        }

        out.append(.blank)
        out.append(.section("History"))
        if d.history.isEmpty { out.append(.text("  No audit rows.", .dim)) }
        for h in d.history {
            let what = "\(h.action) \(h.entity)"
            out.append(.text("  \(h.at.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: ""))  \(h.who)  \(what)  \(h.changeSummary)"))
        }
        return out
    }

    static func clockLines(_ s: StageClock, _ k: CaseClock, _ d: CaseDetailData, _ out: inout [DetailLine], glyphs: Glyphs) {
        let cal = d.calendar
        out.append(.text("  Stage \(s.number): \(s.rule.name)", .header))
        func field(_ name: String, _ value: String, _ role: Role = .default) {
            out.append(DetailLine(spans: [(pad("    " + name, toWidth: 22, unicode: glyphs.unicode), .dim), (value, role)]))
        }
        field(s.number == 1 ? "Received" : "Requested", s.started.iso)
        field("Acknowledged", s.acknowledged?.iso ?? "not yet (target \(s.acknowledgementDue.iso))",
              s.acknowledged == nil && k.today > s.acknowledgementDue && s.isRunning ? .statusOverdue : .default)
        field("Clock", "counts from the working day after \(s.clockFrom.iso)" + (s.provisionalStart ? " (until acknowledged)" : ""))
        var target = "\(s.targetDue.iso) (\(s.rule.target.label))"
        if let m = s.maximumDue { target += "; maximum \(m.iso)" }
        field("Target", target)
        for e in s.extensions { field("Extended", "on \(e.date.iso) to \(e.newDue?.iso ?? "") — \(e.reason)", .statusExtended) }
        for p in s.pauses { field("Paused", "\(p.from.iso) to \(p.to?.iso ?? "now") — \(p.reason)", .statusPaused) }
        for m in s.rule.milestones { field(m.name, cal.adding(workingDays: m.workingDays + s.pausedDays, after: s.clockFrom).iso) }
        if let r = s.responded {
            let t = s.timeliness.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") } ?? ""
            field("Responded", "\(r.iso) after \(s.daysUsed) working days: \(t)", s.timeliness == .late ? .statusOverdue : .statusOk)
        } else if let e = s.endedOn {
            field("Ended", e.iso)
        } else {
            let left = cal.workingDays(after: k.today, through: s.due)
            let role: Role = s.isPaused ? .statusPaused : (left < 0 ? .statusOverdue : (left <= 5 ? .statusDueSoon : .default))
            let leftText = s.isPaused ? "paused" : (left < 0 ? "\(-left) working days overdue" : "\(left) working days left")
            field("Due", "\(s.due.iso): \(s.daysUsed) used, \(leftText)", role)
        }
        if let e = s.escalated { field("Next stage", "requested \(e.iso)") }
    }

    static func statusText(_ k: CaseClock, glyphs: Glyphs) -> String {
        let g = StatusGlyphs.glyph(for: statusKey(k), unicode: glyphs.unicode)
        var t = "\(g) \(k.status.label)"
        if let n = k.stageNumber { t += " · stage \(n)" }
        if k.isOverdue { t += " · overdue" } else if k.isPaused { t += " · paused" } else if k.isExtended && k.status == .open { t += " · extended" }
        if let d = k.due { t += " · due \(d.iso)" }
        return t
    }

    static func statusKey(_ k: CaseClock) -> String {
        if k.isOverdue { return "overdue" }
        if k.isPaused { return "paused" }
        switch k.status {
        case .open: return k.isExtended ? "extended" : "ok"
        case .responded: return "ok"
        case .withdrawn: return "withdrawn"
        default: return "closed"
        }
    }

    static func statusRole(_ k: CaseClock) -> Role { Role("status." + statusKey(k)) }

    static func weekday(_ d: LocalDate) -> String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.isoWeekday - 1] }

    static func pounds(_ pence: Int) -> String {
        let p = pence % 100
        return "\(pence / 100).\(p < 10 ? "0" : "")\(p)"
    }

    /// `{"a": [x, y]}` as `a: x → y`, short.
    static func changeSummary(_ json: String) -> String {
        var s = json
        if s.hasPrefix("{") { s.removeFirst() }
        if s.hasSuffix("}") { s.removeLast() }
        s = s.replacingOccurrences(of: "\":[null,", with: ": ").replacingOccurrences(of: "\":[", with: ": ")
            .replacingOccurrences(of: ",null]", with: " → (none)").replacingOccurrences(of: "\",\"", with: " → ")
            .replacingOccurrences(of: "],\"", with: "; ").replacingOccurrences(of: "]", with: "").replacingOccurrences(of: "\"", with: "")
        return s.count > 160 ? String(s.prefix(157)) + "..." : s
    }

    /// Splits text into lines of at most `width` display cells, at spaces where it can.
    static func wrap(_ text: String, width: Int) -> [String] {
        var out: [String] = []
        for para in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var w = 0
            for word in para.split(separator: " ", omittingEmptySubsequences: false) {
                let ww = displayWidth(String(word))
                if w > 0 && w + 1 + ww > width { out.append(line); line = ""; w = 0 }
                if ww > width {
                    var chunk = ""
                    var cw = 0
                    for ch in word {
                        let chw = displayWidth(ch)
                        if cw + chw > width { out.append(chunk); chunk = ""; cw = 0 }
                        chunk.append(ch); cw += chw
                    }
                    line = chunk; w = cw
                    continue
                }
                if w > 0 { line += " "; w += 1 }
                line += word; w += ww
            }
            out.append(line)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out
    }
}

extension Role {
    static let statusOverdue = Role("status.overdue")
    static let statusDueSoon = Role("status.due-soon")
    static let statusPaused = Role("status.paused")
    static let statusExtended = Role("status.extended")
    static let statusOk = Role("status.ok")
    static let statusClosed = Role("status.closed")
}
