/// The formats `heard report` writes.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, markdown, csv, json, html

    /// The ending a file of this format is given: `report.md`, `report.txt`.
    public var fileEnding: String {
        switch self {
        case .text: return "txt"
        case .markdown: return "md"
        case .csv, .json, .html: return rawValue
        }
    }

    /// The format a file's ending names (any case), if it names one: `.htm` is HTML, `.markdown`
    /// markdown, `.txt` text.
    public init?(fileEnding: String) {
        switch fileEnding.lowercased() {
        case "txt", "text": self = .text
        case "md", "markdown": self = .markdown
        case "csv": self = .csv
        case "json": self = .json
        case "html", "htm": self = .html
        default: return nil
        }
    }
}

/// Turns a report tree into text, markdown, CSV, JSON or a standalone HTML page.
public enum ReportRenderer {
    public static func render(_ report: ReportGroup, as format: ReportFormat) -> String {
        switch format {
        case .json: return json(report) + "\n"
        case .text: return text(report)
        case .markdown: return markdown(report)
        case .csv: return csv(report)
        case .html: return html(report)
        }
    }

    /// A key as people read it: `partially_upheld` → `Partially upheld`.
    public static func label(_ key: String) -> String {
        let special: [String: String] = [
            "children_and_young_people": "Children and young people (C&YP)", "by_kind": "By kind",
            "member_enquiry": "Member enquiry", "within_target": "Within target", "within_extension": "Within extension",
            "average_working_days": "Average working days", "escalation_rate": "Escalation rate", "not_accepted": "Not accepted",
        ]
        if let s = special[key] { return s }
        if Int(key) != nil { return "Stage \(key)" }
        let words = key.replacingUnderscores
        guard let f = words.first else { return key }
        return f.uppercased() + words.dropFirst()
    }

    // MARK: JSON

    public static func json(_ g: ReportGroup, level: Int = 0) -> String {
        JSONText.object(g.entries.map { ($0.key, jsonValue($0.value, level: level + 1)) }, indent: 2, level: level)
    }

    static func jsonValue(_ v: ReportValue, level: Int) -> String {
        switch v {
        case .count(let n, _): return String(n)
        case .number(let d): return JSONText.number(d)
        case .money(let pence): return pence.map(Money.jsonNumber) ?? "null"
        case .text(let s), .personal(let s): return JSONText.quote(s)
        case .list(let l): return JSONText.array(l.map(JSONText.quote))
        case .suppressed: return "\"c\""
        case .group(let g): return json(g, level: level)
        }
    }

    static func cell(_ v: ReportValue?) -> String {
        switch v {
        case .count(let n, _): return String(n)
        case .number(let d):
            let r = (d * 10).rounded() / 10
            return r == r.rounded() ? String(Int(r)) + (abs(d) < 1 && d != 0 ? "" : "") : String(r)
        case .money(let pence): return pence.map(Money.pounds) ?? Money.tooLarge
        case .text(let s), .personal(let s): return s
        case .list(let l): return l.isEmpty ? "all" : l.joined(separator: "; ")
        case .suppressed: return "c"
        case .group, .none: return ""
        }
    }

    /// A value as people read it: counts and payments with thousands separated (9,561;
    /// £1,862.50), rates as percentages, averages to one place, other numbers plain. The one wording of the report screen and the text,
    /// markdown and HTML reports.
    public static func display(_ v: ReportValue?, key: String) -> String {
        if case .money(let pence)? = v { return pence.map { "£" + Money.groupedPounds($0) } ?? Money.tooLarge }
        // Counts with commas between thousands, as the lists and money are (9,561, not 9561).
        if case .count(let n, _)? = v { return groupedNumber(n) }
        guard case .number(let d)? = v else { return cell(v) }
        switch key {
        case "escalation_rate": return fixed(d * 100, places: 1) + "%"
        case "average_working_days": return fixed(d, places: 1)
        case "per_complaint": return fixed(d, places: 1)
        // Payments given as pounds (a report built by hand): in whole pence from here on.
        case "payments": return display(.money(pence: Money.pence(pounds: d)), key: key)
        default: return d == d.rounded() && abs(d) < 1e9 ? String(Int(d)) : String((d * 100).rounded() / 100)
        }
    }

    /// A value for a spreadsheet: numbers stay numbers, payments to the penny (862.50), a rate
    /// as the fraction the JSON gives (0.121): to one place it read 0.1 for both 12.1% and
    /// 13.5%, and two different years looked the same (found by a trial).
    static func csvCell(_ v: ReportValue?, key: String) -> String {
        if key == "payments", case .number(let d)? = v { return cell(.money(pence: Money.pence(pounds: d))) }
        if key == "escalation_rate", case .number(let d)? = v { return JSONText.number(d) }
        return cell(v)
    }

    /// The previous period's value of `key` beside `value`: a count the previous period lacks
    /// was none then (0; its group lists only what happened); anything else it lacks (the day a
    /// part-year runs to, say) has no previous and nothing is shown beside it.
    public static func previous(_ p: ReportGroup?, key: String, beside value: ReportValue) -> ReportValue? {
        guard let p else { return nil }
        if let v = p[key] { return v }
        switch value {
        case .count, .suppressed: return .count(0, refs: [])
        default: return nil
        }
    }

    /// A number as `fixed` writes it with commas between thousands (1234.50 -> 1,234.50), for
    /// people to read; spreadsheets (CSV) and JSON keep the plain number.
    static func thousands(_ n: String) -> String {
        let sign = n.hasPrefix("-") ? "-" : ""
        let body = n.dropFirst(sign.count)
        let whole = body.prefix { $0.isNumber }
        guard whole.count > 3 else { return n }
        var grouped = ""
        for (i, ch) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { grouped += "," }
            grouped.append(ch)
        }
        return sign + grouped + body.dropFirst(whole.count)
    }

    /// `d` with exactly `places` decimals (8.9 -> "8.90" for 2), without Foundation's formatters.
    public static func fixed(_ d: Double, places: Int) -> String {
        guard d.isFinite else { return "" }
        // Beyond what an Int holds at this scale (a file written elsewhere): plain.
        guard abs(d) < 1e12 else { return String(d) }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let n = Int((abs(d) * scale).rounded())
        let whole = n / Int(scale), frac = n % Int(scale)
        var f = String(frac)
        while f.count < places { f = "0" + f }
        return (d < 0 && n != 0 ? "-" : "") + String(whole) + (places > 0 ? "." + f : "")
    }

    // MARK: Walking

    /// Every leaf as (path of keys, value, previous value).
    static func rows(_ g: ReportGroup, previous: ReportGroup?, path: [String] = []) -> [(path: [String], value: ReportValue, previous: ReportValue?)] {
        var out: [(path: [String], value: ReportValue, previous: ReportValue?)] = []
        for e in g.entries where e.key != "previous" {
            let prev = previous?[e.key]
            if case .group(let sub) = e.value {
                out += rows(sub, previous: prev?.groupValue, path: path + [e.key])
            } else {
                out.append((path + [e.key], e.value, previous == nil ? nil : Self.previous(previous, key: e.key, beside: e.value)))
            }
        }
        return out
    }

    // MARK: CSV

    public static func csv(_ g: ReportGroup) -> String {
        let prev = g["previous"]?.groupValue
        var lines = ["section,figure,value,previous"]
        for r in rows(g, previous: prev) {
            let section = r.path.dropLast().joined(separator: ".")
            let figure = r.path.last ?? ""
            lines.append([section, figure, csvCell(r.value, key: figure), csvCell(r.previous, key: figure)].map(CSVField.escape).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: Text and markdown

    public static func text(_ g: ReportGroup) -> String {
        var out = "\(g.title ?? "Report")\n"
        if let note = g.publicNote { out += "\(note)\n" }
        let prev = g["previous"]?.groupValue
        func walk(_ g: ReportGroup, _ p: ReportGroup?, depth: Int) {
            let pad = String(repeating: "  ", count: depth)
            for e in g.entries where e.key != "previous" {
                if case .group(let sub) = e.value {
                    out += "\(pad)\(oneLine(sub.title ?? label(e.key)))\n"
                    walk(sub, p?[e.key]?.groupValue, depth: depth + 1)
                } else {
                    let pv = previous(p, key: e.key, beside: e.value).map { "  (previous: \(display($0, key: e.key)))" } ?? ""
                    out += "\(pad)\(oneLine(label(e.key))): \(oneLine(display(e.value, key: e.key)))\(pv)\n"
                }
            }
        }
        // The public note is said once, under the title.
        var body = g
        body["public"] = nil
        walk(body, prev, depth: 1)
        return out
    }

    public static func markdown(_ g: ReportGroup) -> String {
        let prev = g["previous"]?.groupValue
        var out = "# \(g.title ?? "Report")\n\n"
        if let note = g.publicNote { out += "> \(mdEscape(note))\n\n" }
        if let f = g.value(at: "period.from"), let t = g.value(at: "period.to") {
            out += "Period: \(cell(f)) to \(cell(t))"
            if let p = prev, let pf = p.value(at: "period.from"), let pt = p.value(at: "period.to") {
                out += " (compared with \(cell(pf)) to \(cell(pt)))"
            }
            if let partial = g.partialNote { out += "; **\(mdEscape(partial))**" }
            out += "\n\n"
            if case .text(let words)? = g.value(at: "period.compared_with") { out += "Compared with \(mdEscape(words)).\n\n" }
        }
        if let areas = g.value(at: "filters.service_areas") { out += "Service areas: \(cell(areas))\n\n" }
        func table(_ g: ReportGroup, _ p: ReportGroup?, heading: String, level: Int) {
            let leaves = g.entries.filter { e in if e.key == "previous" { return false }; if case .group = e.value { return false }; return true }
            if !leaves.isEmpty {
                out += String(repeating: "#", count: min(level, 6)) + " " + mdEscape(heading) + "\n\n"
                out += p == nil ? "| Figure | Value |\n|---|---:|\n" : "| Figure | Value | Previous |\n|---|---:|---:|\n"
                for e in leaves {
                    let name = mdEscape(label(e.key))
                    let before = display(previous(p, key: e.key, beside: e.value), key: e.key)
                    out += "| \(name) | \(mdEscape(display(e.value, key: e.key))) |" + (p == nil ? "" : " \(mdEscape(before)) |") + "\n"
                }
                out += "\n"
            } else if g.entries.contains(where: { if case .group = $0.value { return $0.key != "previous" }; return false }) {
                // A group of groups (Stages, Learning) has its heading too: without it, its parts
                // read as parts of the section before ("Themes" under Compliments; found by a trial).
                out += String(repeating: "#", count: min(level, 6)) + " " + mdEscape(heading) + "\n\n"
            }
            for e in g.entries where e.key != "previous" {
                if case .group(let sub) = e.value {
                    table(sub, p?[e.key]?.groupValue, heading: (level >= 3 ? heading + ": " : "") + (sub.title ?? label(e.key)), level: level + 1)
                }
            }
        }
        for e in g.entries where !["period", "filters", "previous", "public"].contains(e.key) {
            if case .group(let sub) = e.value { table(sub, prev?[e.key]?.groupValue, heading: sub.title ?? label(e.key), level: 2) }
        }
        return out
    }

    /// A value as one markdown table cell or heading of plain text: a line break would end the
    /// row, a `|` split the cell, and `<`…`>` pass HTML through to whatever renders the markdown
    /// (a service area another tool named `<script>…` did; found by an attack). Backslashes and
    /// the marks of emphasis, code and links are taken literally.
    static func mdEscape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in oneLine(s) {
            switch ch {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "|", "\\", "*", "_", "`", "[", "]": out.append("\\"); out.append(ch)
            default: out.append(ch)
            }
        }
        return out
    }

    /// `s` on one line: line breaks, tabs and other control characters as spaces (the text
    /// report's one figure per line, a markdown row).
    static func oneLine(_ s: String) -> String {
        func breaks(_ c: Unicode.Scalar) -> Bool {
            c.value < 0x20 || c.value == 0x7f || (0x80..<0xa0).contains(c.value) || c == "\u{2028}" || c == "\u{2029}"
        }
        guard s.unicodeScalars.contains(where: breaks) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { breaks($0) ? " " : $0 }))
    }
}

/// CSV field quoting (RFC 4180).
public enum CSVField {
    /// One cell as every CSV Heard writes it: a value a spreadsheet would run as a formula is
    /// neutralised (see `neutralise`), then quoted where it must be.
    public static func escape(_ value: String) -> String {
        if isPlain(value) { return value }
        var out: [UInt8] = []
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, to: &out) }) == nil { appendEscaped(value.utf8, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// `escape` on UTF-8 bytes, appended to `out`. Judged byte by byte, not by Character: every
    /// byte that matters here is ASCII, and a Character can hide one (a comma or a quote with a
    /// combining accent after it, CR LF) where a spreadsheet still sees it. So a cell holding
    /// CR LF is quoted, and every double quote byte is doubled, whatever follows it.
    public static func appendEscaped<Bytes: Collection<UInt8>>(_ bytes: Bytes, to out: inout [UInt8]) {
        var quote = false
        var formula = false
        var leading = true
        for b in bytes {
            switch b {
            case 0x2C, 0x22, 0x0A, 0x0D: quote = true
            default: break
            }
            if leading && b != 0x27 {
                leading = false
                formula = formulaStartBytes.contains(b)
            }
            if quote && !leading { break }
        }
        if quote { out.append(0x22) }
        if formula { out.append(0x27) }
        if quote {
            let copied: Void? = bytes.withContiguousStorageIfAvailable { appendDoublingQuotes($0, to: &out) }
            if copied == nil {
                for b in bytes {
                    out.append(b)
                    if b == 0x22 { out.append(0x22) }
                }
            }
            out.append(0x22)
        } else {
            out.append(contentsOf: bytes)
        }
    }

    /// `bytes` with every double quote doubled: the runs between quotes copied whole (a
    /// letter's body is a quoted cell of a kilobyte, and byte by byte it was a sixth of the
    /// export's formatting).
    static func appendDoublingQuotes(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        var at = ByteScan.first(in: bytes, from: 0, 0x22)
        while at < bytes.count {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...at]))
            out.append(0x22)
            start = at + 1
            at = ByteScan.first(in: bytes, from: start, 0x22)
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    /// `cells` escaped, joined by commas and ended by CRLF, appended to `out`: one row of
    /// every CSV Heard writes, with no array of escaped cells made on the way.
    public static func appendRow(_ cells: [String], to out: inout String) {
        var first = true
        for c in cells {
            if !first { out += "," }
            first = false
            if isPlain(c) { out += c } else { out += escape(c) }
        }
        out += "\r\n"
    }

    /// Whether `escape` gives `s` back as it is, judged from its UTF-8 bytes in one pass: no
    /// byte that quotes (comma, double quote, LF, CR) and no formula character first after
    /// any apostrophes.
    static func isPlain(_ s: String) -> Bool {
        if let plain = s.utf8.withContiguousStorageIfAvailable(isPlainBytes) { return plain }
        return isPlainBytes(s.utf8)
    }

    @inline(__always)
    static func isPlainBytes<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
        var leading = true
        for b in bytes where !keepsPlain(b, leading: &leading) { return false }
        return true
    }

    /// `isPlainBytes` of bytes judged in the same pass as whether they are all ASCII: nil when
    /// one is not (the caller then goes by the String, whose bytes may be repaired), else
    /// whether they are plain. A list's cells are nearly all ASCII and plain.
    @inline(__always)
    static func plainIfASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        if ASCIIBytes.plainCSV(bytes) { return true }
        var leading = true, plain = true
        for b in bytes {
            if b >= 0x80 { return nil }
            if plain && !keepsPlain(b, leading: &leading) { plain = false }
        }
        return plain
    }

    /// Whether byte `b`, after the bytes before it, leaves a cell plain: no byte that quotes and
    /// no formula character first after any apostrophes (`leading` says whether only
    /// apostrophes came before).
    @inline(__always)
    static func keepsPlain(_ b: UInt8, leading: inout Bool) -> Bool {
        switch b {
        case 0x2C, 0x22, 0x0A, 0x0D: return false          // , " LF CR
        case 0x27: return true                             // ' (a formula may follow)
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09: if leading { return false }   // = + - @ tab
        default: break
        }
        leading = false
        return true
    }

    /// What a spreadsheet takes as the start of a formula: `=HYPERLINK(…)` in a name must not
    /// become a live link in the file a manager opens. Bytes (= + - @ tab CR), so that an accent
    /// combined with the first of them does not hide it.
    static let formulaStartBytes: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    /// Whether `s`, after any apostrophes, starts with a formula character.
    static func startsWithFormula(_ s: String) -> Bool {
        guard let f = s.utf8.first(where: { $0 != 0x27 }) else { return false }
        return formulaStartBytes.contains(f)
    }

    /// A value that starts (after any apostrophes) with a formula character gets one more
    /// apostrophe in front, which spreadsheets show as text; `unneutralise` takes exactly that
    /// one off again, so export then import gives back what was exported, apostrophes included.
    public static func neutralise(_ s: String) -> String {
        startsWithFormula(s) ? "'" + s : s
    }

    public static func unneutralise(_ s: String) -> String {
        guard s.utf8.first == 0x27, startsWithFormula(s) else { return s }
        return String(decoding: s.utf8.dropFirst(), as: UTF8.self)
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }

    /// Every occurrence of `target` replaced by `replacement` (no Foundation needed).
    public func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        guard let first = target.first else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i] == first, self[i...].hasPrefix(target) {
                return i..<(index(i, offsetBy: target.count))
            }
            i = index(after: i)
        }
        return nil
    }
}
