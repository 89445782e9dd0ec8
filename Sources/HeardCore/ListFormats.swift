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
    public static func json(_ rows: [CaseSummary]) -> String { write(rows, .json) }

    /// A header row, then one row per case (CRLF line ends, RFC 4180 quoting).
    public static func csv(_ rows: [CaseSummary]) -> String { write(rows, .csv) }

    /// Fixed-width columns for a terminal, and a count.
    public static func table(_ rows: [CaseSummary]) -> String { write(rows, .table) }

    private static func write(_ rows: [CaseSummary], _ format: ListFormat) -> String {
        var w = CaseListWriter(format: format, reservingRows: rows.count)
        for r in rows { w.append(r) }
        return w.finish()
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
        // `id` last, after the contract's columns: the number `heard action note|edit|complete|drop` takes.
        var out = "title,owner,service_area,due,status,tags,overdue,source,id\r\n"
        for a in items {
            CSVField.appendRow([a.title, a.owner, a.serviceArea, a.due?.iso ?? "", a.status.label, a.tags.joined(separator: " "),
                                a.isOverdue(today: today) ? "yes" : "no", a.source?.label ?? "", a.id.map(String.init) ?? ""], to: &out)
        }
        return out
    }

    /// Fixed-width columns for a terminal, and a count.
    public static func table(_ items: [ActionItem], today: LocalDate) -> String {
        let fit = TextTable.fit
        // The number first: `heard action note|edit|complete|drop N` takes it (a trial found it only in the JSON).
        let idWidth = max(2, items.map { String($0.id ?? 0).count }.max() ?? 2)
        func number(_ text: String) -> String { String(repeating: " ", count: max(0, idWidth - text.count)) + text }
        var out = number("#") + " " + fit("DUE", 11) + " " + fit("STATUS", 11) + " " + fit("OWNER", 28) + " TITLE\n"
        for a in items {
            let due = a.due?.iso ?? "(when due)"
            out += number(a.id.map(String.init) ?? "") + " " + fit(due, 11) + " " + fit(a.isOverdue(today: today) ? "OVERDUE" : a.status.label, 11) + " " + fit(a.owner, 28) + " "
                + CellWidth.tamed(TextSanitiser.clean(a.title, allowLineBreaks: false).0) + "\n"
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

    /// A key's cell (a case reference): padded to `width` as `fit` pads, but never cut, since a
    /// cut one names another case ("CS-2021-0010" and 27 spaces and "B" was listed as
    /// CS-2021-0010 beside the anonymised case of that reference; found by an attack). A longer
    /// one pushes the rest of its row along.
    public static func whole(_ s: String, _ width: Int) -> String {
        let clean = s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) ? s : TextSanitiser.clean(s, allowLineBreaks: false).0
        return CellWidth.displayWidth(clean) > width ? clean : fit(clean, width)
    }

    /// `fit(s, width)` appended to `out`: printable ASCII (nearly every cell) without a String of its own.
    public static func appendFit(_ s: String, _ width: Int, to out: inout String) {
        var n = 0
        for b in s.utf8 {
            guard b >= 0x20 && b < 0x7F else {
                out += fit(s, width)
                return
            }
            n += 1
        }
        if n > width {
            out += fit(s, width)
            return
        }
        out += s
        if width - n < spaces.count { out += spaces[width - n] } else { out += String(repeating: " ", count: width - n) }
    }

    /// Runs of 0 to 32 spaces, made once.
    private static let spaces: [String] = (0...32).map { String(repeating: " ", count: $0) }

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
