/// The case list of `heard cases` written one row at a time into one String: 100,000 rows are
/// printed as they are read, with no array of rows, of cells or of per-row strings on the way.
/// Byte for byte what `CaseListFormat`'s formats always gave (the tests hold it to their old form).
public struct CaseListWriter: Sendable {
    public let format: ListFormat
    /// What is written so far (`finish` completes it).
    public private(set) var text: String
    /// Rows written.
    public private(set) var count = 0

    public init(format: ListFormat, reservingRows rows: Int = 0) {
        self.format = format
        switch format {
        case .json:
            text = ""
            text.reserveCapacity(rows * 330)
        case .csv:
            text = "reference,kind,received,service_area,team,complainant_name,officer,stage,status,due,overdue\r\n"
            text.reserveCapacity(rows * 100)
        case .table:
            let fit = TextTable.fit
            text = fit("REFERENCE", 13) + " " + fit("RECEIVED", 10) + " " + fit("KIND", 15) + " " + fit("SERVICE AREA", 24) + " "
                + fit("COMPLAINANT", 20) + " " + fit("ST", 2) + " " + fit("OFFICER", 16) + " " + fit("DUE", 10) + " STATUS\n"
            text.reserveCapacity(rows * 130)
        }
    }

    /// Adds one row.
    public mutating func append(_ r: CaseSummary) {
        switch format {
        case .json: appendJSON(r)
        case .csv: appendCSV(r)
        case .table: appendTable(r)
        }
        count += 1
    }

    /// The whole text, ending with a newline.
    public mutating func finish() -> String {
        switch format {
        case .json: text += count == 0 ? "[]\n" : "\n]\n"
        case .csv: break
        case .table: text += "\(count) case\(count == 1 ? "" : "s")\n"
        }
        return text
    }

    private mutating func appendJSON(_ r: CaseSummary) {
        text += count == 0 ? "[\n  {" : ",\n  {"
        func key(_ k: String, _ v: String?) {
            text += k
            if let v { JSONText.appendQuoted(v, to: &text) } else { text += "null" }
        }
        key("\"reference\":", r.reference)
        key(",\"kind\":", r.kind.rawValue)
        text += ",\"received\":\""
        r.received.appendISO(to: &text)
        text += "\""
        key(",\"service_area\":", r.serviceArea)
        key(",\"team\":", r.team)
        key(",\"complainant_name\":", r.complainantName)
        text += r.isChildOrYoungPerson ? ",\"child_or_young_person\":true" : ",\"child_or_young_person\":false"
        key(",\"officer\":", r.officer)
        text += ",\"stage\":"
        text += r.stage.map(String.init) ?? "null"
        key(",\"status\":", r.status.rawValue)
        if let due = r.due {
            text += ",\"due\":\""
            due.appendISO(to: &text)
            text += "\""
        } else {
            text += ",\"due\":null"
        }
        text += r.overdue ? ",\"overdue\":true" : ",\"overdue\":false"
        text += r.paused ? ",\"paused\":true" : ",\"paused\":false"
        text += r.extended ? ",\"extended\":true" : ",\"extended\":false"
        text += ",\"days_left\":"
        text += r.daysLeft.map(String.init) ?? "null"
        text += "}"
    }

    private mutating func appendCSV(_ r: CaseSummary) {
        func cell(_ s: String, first: Bool = false) {
            if !first { text += "," }
            CSVField.append(s, to: &text)
        }
        cell(r.reference, first: true)
        cell(r.kind.label)
        // A date of years 0-9999 is a plain cell (digits and dashes): its bytes go straight in.
        if r.received.hasFourDigitYear {
            text += ","
            r.received.appendISO(to: &text)
        } else {
            cell(r.received.iso)
        }
        cell(r.serviceArea)
        cell(r.team)
        cell(r.complainantName)
        cell(r.officer)
        cell(r.stage.map(String.init) ?? "")
        cell(r.status.rawValue)
        if let due = r.due, due.hasFourDigitYear {
            text += ","
            due.appendISO(to: &text)
        } else {
            cell(r.due?.iso ?? "")
        }
        cell(r.overdue ? "yes" : "no")
        text += "\r\n"
    }

    private mutating func appendTable(_ r: CaseSummary) {
        let status = r.overdue ? "OVERDUE" : r.paused ? "paused" : r.status.label
        TextTable.appendFit(r.reference, 13, to: &text)
        text += " "
        r.received.appendISO(to: &text)
        text += " "
        TextTable.appendFit(r.kind.label, 15, to: &text)
        text += " "
        TextTable.appendFit(r.serviceArea, 24, to: &text)
        text += " "
        TextTable.appendFit(r.complainantName, 20, to: &text)
        text += " "
        TextTable.appendFit(r.stage.map(String.init) ?? "-", 2, to: &text)
        text += " "
        TextTable.appendFit(r.officer, 16, to: &text)
        text += " "
        // Ten bytes fit ten columns exactly, as appendFit would leave them.
        if let due = r.due, due.hasFourDigitYear { due.appendISO(to: &text) } else { TextTable.appendFit(r.due?.iso ?? "", 10, to: &text) }
        text += " "
        text += status
        text += "\n"
    }
}

extension CSVField {
    /// `escape(value)` appended to `out` (a plain cell, nearly all of them, as it is).
    public static func append(_ value: String, to out: inout String) {
        if isPlain(value) { out += value } else { out += escape(value) }
    }
}
