/// One row of a case's audit history as `heard show` prints it: when, who, what, and each
/// field's value before and after, exactly as recorded (no label is parsed).
public struct HistoryItem: Hashable, Sendable {
    public var at: String
    public var who: String
    public var action: String
    public var entity: String
    public var changes: [FieldChange]
    /// Rows of one user step share a batch; empty for a step of its own.
    public var batch: String
    /// Which one of the case's entities the row is about, in words ("1 (placement)" for its first
    /// issue); empty when the row does not say.
    public var subject: String = ""

    public init(at: String, who: String, action: String, entity: String, changes: [FieldChange], batch: String = "") {
        self.at = at; self.who = who; self.action = action; self.entity = entity; self.changes = changes; self.batch = batch
    }

    /// "2022-06-15 10:00:00  Officer One  create event  kind: responded; outcome: (none) → upheld".
    public var words: String {
        let when = at.replacingAll("T", with: " ").replacingAll("Z", with: "")
        let what = changes.map(\.words).joined(separator: "; ")
        return "\(when)  \(who)  \(HistoryItem.stepWords(action: action, entity: entity))" + (subject.isEmpty ? "" : " " + subject) + (what.isEmpty ? "" : "  " + what)
    }

    /// A step in people's words where the stored names are internal ("hold contact" is
    /// "legal hold set"); otherwise the action and entity as stored ("create event").
    public static func stepWords(action: String, entity: String) -> String {
        knownStepWords(action: action, entity: entity) ?? "\(action) \(entity)"
    }

    /// The words for the steps whose stored names mean nothing to people; nil for the others.
    public static func knownStepWords(action: String, entity: String) -> String? {
        switch (action, entity) {
        case ("hold", "contact"): "legal hold set"
        case ("lift_hold", "contact"): "legal hold lifted"
        case ("anonymise", "contact"): "anonymised"
        case ("create", "subject_access"): "subject access request recorded"
        case ("update", "subject_access"): "subject access request updated"
        default: nil
        }
    }

    /// A field's value before and after (nil: none): the audit's own type.
    public typealias FieldChange = HeardCore.FieldChange
}

extension AuditEntry {
    /// The row as the case record shows it: its typed changes, in the order they were stored.
    public var historyItem: HistoryItem {
        HistoryItem(at: at, who: who, action: action.stored, entity: entity.stored, changes: changes, batch: batch)
    }

    /// The row as the record of `issues`' case shows it: a row about one of its issues names it
    /// by number and category ("issue 2 (placement)"), as `heard show` lists them.
    public func historyItem(issues: [ComplaintIssue]) -> HistoryItem {
        var item = historyItem
        if entity == .issue, let id = entityID, let i = issues.firstIndex(where: { $0.id == id }) {
            item.subject = "\(i + 1) (\(issues[i].category))"
        }
        return item
    }
}

extension CaseRecord {
    /// The record as one JSON object (the keys DESIGN.md promises, then more), keys in a fixed order.
    public func json(indent: Int? = 2) -> String {
        let c = contact
        let k = clock
        typealias J = JSONText
        func date(_ d: LocalDate?) -> String { J.optional(d?.iso) }
        func bool(_ b: Bool) -> String { b ? "true" : "false" }
        func text(_ s: String) -> String { s.isEmpty ? "null" : J.quote(s) }

        let stages = k.stages.map { s -> String in
            J.object([
                ("number", String(s.number)), ("name", J.quote(s.rule.name)),
                ("requested", date(s.started)), ("acknowledged", date(s.acknowledged)),
                ("acknowledgement_due", date(s.acknowledgementDue)),
                ("due", date(s.due)), ("target_due", date(s.targetDue)), ("maximum", date(s.maximumDue)),
                ("response", date(s.responded)), ("outcome", J.optional(s.outcome(issues: c.issues)?.rawValue)),
                ("satisfied", s.satisfied.map(bool) ?? "null"), ("window_ends", date(windowEnds(s))),
                ("clock_from", date(s.clockFrom)), ("days_used", String(s.daysUsed)),
                ("days_left", s.isRunning && !s.isPaused && k.status == .open ? String(calendar.workingDays(after: k.today, through: s.due)) : "null"),
                ("timeliness", J.optional(s.timeliness?.rawValue)), ("paused", bool(s.isPaused)),
                ("extensions", J.array(s.extensions.map { e in
                    J.object([("date", date(e.date)), ("until", date(e.newDue)), ("reason", J.quote(e.reason))])
                })),
                ("pauses", J.array(s.pauses.map { p in J.object([("from", date(p.from)), ("to", date(p.to)), ("reason", J.quote(p.reason))]) })),
                ("escalated", date(s.escalated)), ("ended", date(s.endedOn)),
            ] + stagePeopleJSON(s.number) + [
                ("clock", J.array(clockFields(s).map { f in J.object([("name", J.quote(f.name)), ("value", J.quote(f.value))]) })),
            ])
        }
        let issues = c.issues.enumerated().map { i, issue -> String in
            let latest = (1...3).reversed().lazy.compactMap { issue.findings[$0] }.first
            let latestText = (1...3).reversed().lazy.compactMap { issue.findingTexts[$0] }.first
            let byStage = (1...3).compactMap { n in issue.findings[n].map { (String(n), J.quote($0.rawValue)) } }
            let textByStage = (1...3).compactMap { n in issue.findingTexts[n].map { (String(n), text($0)) } }
            return J.object([
                ("number", String(i + 1)), ("category", J.quote(issue.category)), ("detail", text(issue.detail)),
                // The latest stage's verdict and what was found, in words; each stage's below.
                ("verdict", J.optional(latest?.rawValue)), ("finding", latestText.map(text) ?? "null"),
                ("findings", J.object(byStage)), ("finding_texts", J.object(textByStage)),
            ])
        }
        let remedies = k.remedies.map { r in
            J.object([("date", date(r.date)), ("stage", stage(of: r).map(String.init) ?? "null"), ("kind", J.optional(r.remedy?.rawValue)),
                      ("amount_pence", r.amountPence.map(String.init) ?? "null"), ("text", text(r.reason))])
        }
        let timeline = self.timeline.map { t in J.object([("date", date(t.date)), ("kind", J.quote(t.kind)), ("text", J.quote(t.text))]) }
        let o = k.ombudsman
        let ombudsman = o.referred == nil ? "null" : J.object([
            ("referred", date(o.referred)), ("decision", J.optional(o.decision?.rawValue)), ("decided", date(o.decided)),
            ("remedy", text(o.remedy)), ("amount_pence", o.amountPence.map(String.init) ?? "null"),
        ])
        let historyJSON = history.map { h in
            J.object([("at", J.quote(h.at)), ("who", J.quote(h.who)), ("action", J.quote(h.action)), ("entity", J.quote(h.entity)),
                      ("batch", text(h.batch)),
                      ("changes", J.array(h.changes.map { ch in
                          J.object([("field", J.quote(ch.field)), ("before", J.optional(ch.before)), ("after", J.optional(ch.after))])
                      }))])
        }
        let learningJSON = learning.map { l in
            J.object([("date", date(l.date)), ("theme", J.quote(l.theme)), ("text", J.quote(l.text))])
        }
        let actionsJSON = actions.map { a in
            J.object([("title", J.quote(a.title)), ("owner", J.quote(a.owner)), ("due", date(a.due)), ("status", J.quote(a.status.label)),
                      ("overdue", bool(a.isOverdue(today: k.today)))])
        }
        let corr = correspondence
        let contactsJSON = corr.log.map { e in
            J.object([("at", J.quote(e.at.text)), ("date", date(e.at.date)), ("time", J.optional(e.at.clockText)),
                      ("direction", J.quote(e.direction.rawValue)), ("kind", J.quote(e.kind.rawValue)),
                      ("with", J.quote(e.with)), ("note", J.quote(e.note)), ("recorded_by", J.quote(e.recordedBy))])
        }
        let lettersJSON = corr.letters.map { l in
            J.object([("template", J.quote(l.template)), ("title", J.quote(LetterCatalogue.title(l.template))),
                      ("stage", l.stage.map(String.init) ?? "null"), ("sent", date(l.sent)), ("format", J.quote(l.format)),
                      ("body", J.quote(l.body)), ("recorded_by", J.quote(l.recordedBy))])
        }
        let documentsJSON = corr.documents.map { d in
            J.object([("number", String(d.number)), ("name", J.quote(d.name)), ("size", String(d.size)), ("type", J.quote(d.type)),
                      ("added", date(d.added)), ("sha256", J.quote(d.sha256)), ("added_by", J.quote(d.addedBy))])
        }
        let needsJSON = letterNeeds.map { n in
            J.object([("template", J.quote(n.template)), ("stage", n.stage.map(String.init) ?? "null"), ("due", date(n.due)),
                      ("sent", date(n.sent?.sent)), ("why", J.quote(n.why))])
        }
        let pairs: [(String, String)] = [
            ("reference", J.quote(c.reference)), ("kind", J.quote(c.kind.rawValue)), ("status", J.quote(k.status.rawValue)),
            ("stage", k.stageNumber.map(String.init) ?? "null"),
            ("stages", J.array(stages)), ("issues", J.array(issues)), ("remedies", J.array(remedies)), ("timeline", J.array(timeline)),
            ("contacts", J.array(contactsJSON)), ("letters", J.array(lettersJSON)), ("documents", J.array(documentsJSON)),
            ("letters_needed", J.array(needsJSON)),
            ("legal_hold", bool(c.legalHold || protection.isHeld)), ("anonymised", bool(protection.isAnonymised)),
            ("received", date(c.received)), ("channel", J.optional(c.channel?.rawValue)),
            ("service_area", J.quote(c.serviceArea)), ("team", text(c.team)), ("procedure", J.optional(c.procedure?.rawValue)),
            ("complainant_name", J.quote(c.complainantName)), ("complainant_role", J.optional(c.complainantRole?.rawValue)),
            ("child_or_young_person", bool(c.isChildOrYoungPerson)), ("advocate", text(c.advocate)),
            ("subject_child", text(c.subjectChild)), ("summary", J.quote(c.summary)), ("officer", text(c.officer)),
            ("events_date", date(c.eventsDate)), ("acceptance_decision", text(c.acceptanceDecision)),
            ("due", date(k.due)), ("overdue", bool(k.isOverdue)), ("paused", bool(k.isPaused)), ("extended", bool(k.isExtended)),
            ("closed", date(k.closedOn)), ("end_reason", text(k.endReason)), ("ombudsman", ombudsman),
            ("learning", J.array(learningJSON)), ("actions", J.array(actionsJSON)),
            ("history", J.array(historyJSON)), ("version", String(c.version)),
            ("stage_people", J.object(c.stagePeople.fields.map { ($0.0, J.optional($0.1)) })),
            ("warnings", J.array(warnings.map(J.quote))),
        ] + peopleJSON + protectionJSON
        guard let indent else { return J.object(pairs) }
        return Self.indented(J.object(pairs), by: indent)
    }

    /// Compact JSON laid out with `indent` spaces per level (strings are left exactly as they are).
    /// Read by UTF-8 byte, not by Character: a quote is one Character with a combining mark after
    /// it (a name that begins with U+0301) or a prepended mark before it (a text that ends with
    /// U+0600), so a string's start or end went unseen, its braces counted as structure, and the
    /// level went below zero: `heard show --format json` and a subject access bundle stopped the
    /// program (found by an attack). Every byte that matters here is ASCII, and no other
    /// character's UTF-8 holds an ASCII byte.
    static func indented(_ json: String, by indent: Int) -> String {
        let bytes = Array(json.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2)
        var level = 0
        var inString = false
        var escaped = false
        func newline() {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: max(0, level * indent)))
        }
        for (i, b) in bytes.enumerated() {
            if inString {
                out.append(b)
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                continue
            }
            switch b {
            case 0x22: inString = true; out.append(b)                        // "
            case 0x7B, 0x5B:                                                  // { [
                out.append(b)
                let next = i + 1 < bytes.count ? bytes[i + 1] : 0x20
                if next == 0x7D || next == 0x5D { continue }
                level += 1
                newline()
            case 0x7D, 0x5D:                                                  // } ]
                let prev = i > 0 ? bytes[i - 1] : 0x20
                if prev != 0x7B && prev != 0x5B { level -= 1; newline() }
                out.append(b)
            case 0x2C: out.append(b); newline()                               // ,
            case 0x3A: out.append(0x3A); out.append(0x20)                     // :
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension CaseRecord {
    /// A stage's people as JSON pairs: stage 2's investigator and independent person, stage 3's
    /// panel and its date (statutory complaints only; other stages have none).
    func stagePeopleJSON(_ stage: Int) -> [(String, String)] {
        guard contact.procedure == .statutory else { return [] }
        let p = contact.stagePeople
        switch stage {
        case 2: return [("investigating_officer", JSONText.optional(p.investigatingOfficer.isEmpty ? nil : p.investigatingOfficer)),
                        ("independent_person", JSONText.optional(p.independentPerson.isEmpty ? nil : p.independentPerson))]
        case 3: return [("panel", JSONText.array(p.panel.map(JSONText.quote))), ("panel_date", JSONText.optional(p.panelDate?.iso))]
        default: return []
        }
    }
}
