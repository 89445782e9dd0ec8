import CellWidth

/// The formats of `heard cases` and `heard actions`.
public enum ListFormat: String, CaseIterable, Sendable {
    case table, csv, json
}

/// The case list as `heard cases` prints it (DESIGN.md's columns and keys), for every caller.
public enum CaseListFormat {
    /// `rows` in `format`, ending with a newline.
    public static func render(_ rows: [CaseSummary], as format: ListFormat) -> String {
        switch format {
        case .json: return json(rows)
        case .csv: return csv(rows)
        case .table: return table(rows)
        }
    }

    /// An array of objects, one per case.
    public static func json(_ rows: [CaseSummary]) -> String {
        let items = rows.map { r in
            JSONText.object([
                ("reference", JSONText.quote(r.reference)), ("kind", JSONText.quote(r.kind.rawValue)), ("received", JSONText.quote(r.received.iso)),
                ("service_area", JSONText.quote(r.serviceArea)), ("team", JSONText.quote(r.team)),
                ("complainant_name", JSONText.quote(r.complainantName)), ("child_or_young_person", r.isChildOrYoungPerson ? "true" : "false"),
                ("officer", JSONText.quote(r.officer)), ("stage", r.stage.map(String.init) ?? "null"), ("status", JSONText.quote(r.status.rawValue)),
                ("due", JSONText.optional(r.due?.iso)), ("overdue", r.overdue ? "true" : "false"), ("paused", r.paused ? "true" : "false"),
                ("extended", r.extended ? "true" : "false"), ("days_left", r.daysLeft.map(String.init) ?? "null"),
            ])
        }
        return JSONText.array(items, indent: 2) + "\n"
    }

    /// A header row, then one row per case (CRLF line ends, RFC 4180 quoting).
    public static func csv(_ rows: [CaseSummary]) -> String {
        var out = "reference,kind,received,service_area,team,complainant_name,officer,stage,status,due,overdue\r\n"
        for r in rows {
            CSVField.appendRow([r.reference, r.kind.label, r.received.iso, r.serviceArea, r.team, r.complainantName, r.officer,
                                r.stage.map(String.init) ?? "", r.status.rawValue, r.due?.iso ?? "", r.overdue ? "yes" : "no"], to: &out)
        }
        return out
    }

    /// Fixed-width columns for a terminal, and a count.
    public static func table(_ rows: [CaseSummary]) -> String {
        let fit = TextTable.fit
        var out = fit("REFERENCE", 13) + " " + fit("RECEIVED", 10) + " " + fit("KIND", 15) + " " + fit("SERVICE AREA", 24) + " "
            + fit("COMPLAINANT", 20) + " " + fit("ST", 2) + " " + fit("OFFICER", 16) + " " + fit("DUE", 10) + " STATUS\n"
        for r in rows {
            let status = r.overdue ? "OVERDUE" : r.paused ? "paused" : r.status.label
            out += fit(r.reference, 13) + " " + r.received.iso + " " + fit(r.kind.label, 15) + " " + fit(r.serviceArea, 24) + " "
                + fit(r.complainantName, 20) + " " + fit(r.stage.map(String.init) ?? "-", 2) + " " + fit(r.officer, 16) + " "
                + fit(r.due?.iso ?? "", 10) + " " + status + "\n"
        }
        out += "\(rows.count) case\(rows.count == 1 ? "" : "s")\n"
        return out
    }
}

/// The action plan as `heard actions` prints it (DESIGN.md's columns and keys), for every caller.
public enum ActionListFormat {
    /// `items` in `format` as of `today` (which decides "overdue"), ending with a newline.
    public static func render(_ items: [ActionItem], as format: ListFormat, today: LocalDate) -> String {
        switch format {
        case .json: return json(items, today: today)
        case .csv: return csv(items, today: today)
        case .table: return table(items, today: today)
        }
    }

    /// An array of objects, one per action, with its notes.
    public static func json(_ items: [ActionItem], today: LocalDate) -> String {
        JSONText.array(items.map { a in
            JSONText.object([
                ("id", String(a.id ?? 0)), ("title", JSONText.quote(a.title)), ("detail", JSONText.quote(a.detail)),
                ("owner", JSONText.quote(a.owner)), ("service_area", JSONText.quote(a.serviceArea)),
                ("created", JSONText.quote(a.created.iso)), ("due", JSONText.optional(a.due?.iso)),
                ("status", JSONText.quote(a.status.label)), ("tags", JSONText.array(a.tags.map(JSONText.quote))),
                ("overdue", a.isOverdue(today: today) ? "true" : "false"), ("source", JSONText.optional(a.source?.label)),
                ("completed", JSONText.optional(a.completed?.iso)), ("drop_reason", a.dropReason.isEmpty ? "null" : JSONText.quote(a.dropReason)),
                ("notes", JSONText.array(a.notes.map { JSONText.object([("date", JSONText.quote($0.date.iso)), ("text", JSONText.quote($0.text))]) })),
            ])
        }, indent: 2) + "\n"
    }

    /// A header row, then one row per action (CRLF line ends, RFC 4180 quoting).
    public static func csv(_ items: [ActionItem], today: LocalDate) -> String {
        var out = "title,owner,service_area,due,status,tags,overdue,source\r\n"
        for a in items {
            CSVField.appendRow([a.title, a.owner, a.serviceArea, a.due?.iso ?? "", a.status.label, a.tags.joined(separator: " "),
                                a.isOverdue(today: today) ? "yes" : "no", a.source?.label ?? ""], to: &out)
        }
        return out
    }

    /// Fixed-width columns for a terminal, and a count.
    public static func table(_ items: [ActionItem], today: LocalDate) -> String {
        let fit = TextTable.fit
        var out = fit("DUE", 11) + " " + fit("STATUS", 11) + " " + fit("OWNER", 28) + " TITLE\n"
        for a in items {
            let due = a.due?.iso ?? "(when due)"
            out += fit(due, 11) + " " + fit(a.isOverdue(today: today) ? "OVERDUE" : a.status.label, 11) + " " + fit(a.owner, 28) + " "
                + TextSanitiser.clean(a.title, allowLineBreaks: false).0 + "\n"
        }
        out += "\(items.count) action\(items.count == 1 ? "" : "s")\n"
        return out
    }
}

/// Columns of the plain-text tables the command line prints.
public enum TextTable {
    /// `s` without control characters, cut or padded to `width` display cells (wide characters
    /// count two: the terminal's own measure, from CellWidth).
    public static func fit(_ s: String, _ width: Int) -> String {
        if let plain = printableASCIIFit(s, width) { return plain }
        // Text from the database never reaches the terminal with control characters.
        return CellWidth.fit(TextSanitiser.clean(s, allowLineBreaks: false).0, toWidth: width)
    }

    /// `fit` for printable ASCII, which has nothing to drop and takes one cell a byte (most
    /// cells of a list of 100,000 cases); nil for anything else.
    static func printableASCIIFit(_ s: String, _ width: Int) -> String? {
        var n = 0
        for b in s.utf8 {
            guard b >= 0x20 && b < 0x7F else { return nil }
            n += 1
        }
        if n > width { return String(decoding: s.utf8.prefix(max(0, width)), as: UTF8.self) }
        return n == width ? s : s + String(repeating: " ", count: width - n)
    }
}
