import CellWidth

/// One line of "my work": a case's deadline or an action, as the screen and the digest list it.
public struct MyWorkEntry: Hashable, Sendable {
    public enum Source: Hashable, Sendable { case item(DueItem), action(DueAction), request(DueRequest) }
    public var source: Source

    public var date: LocalDate {
        switch source { case .item(let i): i.date; case .action(let a): a.date; case .request(let r): r.request.due }
    }
    public var daysLeft: Int {
        switch source { case .item(let i): i.daysLeft; case .action(let a): a.daysLeft; case .request(let r): r.daysLeft }
    }
    public var isOverdue: Bool {
        switch source { case .item(let i): i.isOverdue; case .action(let a): a.isOverdue; case .request(let r): r.isOverdue }
    }
    /// The date as a line shows it: nil for a subject access request whose due day cannot be read
    /// (another tool's row: due at once, and never shown as 1 January 1970, 14,660 days over).
    public var shownDate: LocalDate? {
        if case .request(let r) = source, r.request.dueUnreadable { return nil }
        return date
    }
    /// `shownDate` in ISO form, or "unreadable" (as wide).
    public var dateText: String { shownDate?.iso ?? SubjectAccessRequest.unreadableDay }
    /// The days left or over, as `MyWork.daysWords` says them; "overdue" for a date unreadable.
    public var daysText: String { shownDate == nil ? "overdue" : MyWork.daysWords(daysLeft, overdue: isOverdue) }
    public var isLetter: Bool { if case .item(let i) = source { return i.kind.isLetter }; return false }
    public var isAction: Bool { if case .action = source { return true }; return false }
    /// A subject access request (listed in its own group until it is overdue).
    public var isRequest: Bool { if case .request = source { return true }; return false }
    /// The case's reference; an action's case when it comes from one, else "-".
    public var reference: String {
        switch source {
        case .item(let i): return i.reference
        case .action(let a):
            if case .caseReference(let r)? = a.action.source { return r }
            return "-"
        case .request(let r): return r.reference
        }
    }
    public var serviceArea: String {
        switch source { case .item(let i): i.serviceArea; case .action(let a): a.action.serviceArea; case .request: "" }
    }
    /// What is due: "stage 1 acknowledgement", "action: Present the plan" (control characters dropped).
    public var what: String {
        switch source {
        case .item(let i): return i.what
        case .action(let a): return "action: " + CellWidth.tamed(TextSanitiser.clean(a.action.title, allowLineBreaks: false).0)
        case .request(let r): return r.what
        }
    }
}

extension MyWork {
    /// Every line, overdue first, then by date (ties: the cases' order, then the actions):
    /// a list of lines reads by date, whichever case each is on.
    public var entries: [MyWorkEntry] {
        let all = items.map { MyWorkEntry(source: .item($0)) } + actions.map { MyWorkEntry(source: .action($0)) }
            + requests.map { MyWorkEntry(source: .request($0)) }
        return all.enumerated().sorted { a, b in
            if a.element.isOverdue != b.element.isOverdue { return a.element.isOverdue }
            if a.element.date != b.element.date { return a.element.date < b.element.date }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// "due today", "3 days left", "1 day over" (working days), "overdue" for a date past by
    /// a weekend alone.
    public static func daysWords(_ daysLeft: Int, overdue: Bool) -> String {
        func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }
        if overdue { return daysLeft < 0 ? days(-daysLeft) + " over" : "overdue" }
        return daysLeft <= 0 ? "due today" : days(daysLeft) + " left"
    }

    /// "within 10 working days", or "" with no window.
    public var windowWords: String { within.map { "within \($0) working day\($0 == 1 ? "" : "s")" } ?? "" }

    /// The one line said when nothing is due: for whom, within what, as of when.
    public var nothingDueLine: String {
        "Nothing due for \(TextSanitiser.clean(officer, allowLineBreaks: false).0)" + (within == nil ? "" : " " + windowWords) + " as of \(today.iso)."
    }

    /// The heading of the not-yet-overdue group.
    public var dueHeading: String { within.map { "Due within \($0) working day\($0 == 1 ? "" : "s")" } ?? "Due" }

    /// The digest as plain text (ISO dates, working days): a title, then Overdue and Due
    /// groups, one line per item: date, days left or over, reference, service area, what.
    /// Names of people are left out on purpose (the digest goes by email). Nothing due: one line.
    public func text() -> String {
        if isEmpty { return nothingDueLine + "\n" }
        let all = entries
        var out = "What is due for \(TextSanitiser.clean(officer, allowLineBreaks: false).0) as of \(today.iso)"
        out += (within == nil ? "" : " (" + windowWords + ")") + "\n"
        let refWidth = max(9, all.map { displayWidth(clean($0.reference)) }.max() ?? 0)
        // Wide enough for a council's longer names ("Independent Reviewing Officers" was cut in
        // an email that has no screen's width to keep to; a trial); a stray long one still is.
        let areaWidth = min(40, all.map { displayWidth(clean($0.serviceArea)) }.max() ?? 0)
        for (heading, group) in groups(all) where !group.isEmpty {
            out += "\n\(heading) (\(group.count))\n"
            for e in group {
                out += "  " + e.dateText + "  " + pad(e.daysText, 13) + "  " + pad(clean(e.reference), refWidth) + "  "
                    + pad(clean(e.serviceArea), areaWidth) + "  " + e.what + "\n"
            }
        }
        return out
    }

    /// The heading of the open subject access requests not yet overdue: every one shows,
    /// whatever the window, so they are not under the window's heading.
    public static let requestsHeading = "Subject access requests"

    /// The digest's groups: overdue (requests too), the window's deadlines and actions, then
    /// the open subject access requests not yet overdue.
    func groups(_ all: [MyWorkEntry]) -> [(String, [MyWorkEntry])] {
        [("Overdue", all.filter(\.isOverdue)), (dueHeading, all.filter { !$0.isOverdue && !$0.isRequest }),
         (MyWork.requestsHeading, all.filter { !$0.isOverdue && $0.isRequest })]
    }

    func clean(_ s: String) -> String { TextSanitiser.clean(s, allowLineBreaks: false).0 }
    /// `s` in exactly `width` cells (wide characters counted as two), cut with "…".
    func pad(_ s: String, _ width: Int) -> String {
        displayWidth(s) > width ? fit(prefix(s, fittingWidth: max(0, width - 1)).text + "…", toWidth: width) : fit(s, toWidth: width)
    }

    /// The digest as a self-contained HTML page for email: inline styles only, no scripts or
    /// outside resources, every value escaped. Nothing due: a page saying so.
    public func html() -> String {
        let e = ReportRenderer.esc
        let title = isEmpty ? nothingDueLine : "What is due for \(clean(officer)) as of \(today.iso)" + (within == nil ? "" : " (" + windowWords + ")")
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(e(title))</title></head>
            <body style="font-family: sans-serif; font-size: 14px; color: #111;">
            <h1 style="font-size: 18px;">\(e(title))</h1>

            """
        let all = entries
        for (heading, group) in groups(all) where !group.isEmpty {
            out += "<h2 style=\"font-size: 16px;\">\(e(heading)) (\(group.count))</h2>\n"
            out += "<table style=\"border-collapse: collapse;\" cellpadding=\"4\">\n"
            out += "<tr><th align=\"left\">Date</th><th align=\"left\">Days</th><th align=\"left\">Reference</th><th align=\"left\">Service area</th><th align=\"left\">What</th></tr>\n"
            for x in group {
                let days = x.daysText
                let daysCell = x.isOverdue ? "<strong>\(e(days))</strong>" : e(days)
                out += "<tr><td>\(x.dateText)</td><td>\(daysCell)</td><td>\(e(clean(x.reference)))</td><td>\(e(clean(x.serviceArea)))</td><td>\(e(x.what))</td></tr>\n"
            }
            out += "</table>\n"
        }
        return out + "</body></html>\n"
    }
}
