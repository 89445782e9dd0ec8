import CellWidth
/// A CSV record with the physical line it starts on.
public struct CSVRecord: Sendable {
    public var line: Int
    public var fields: [String]
}

/// A CSV problem that stops the whole file, with where it is.
public struct CSVSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
    public init(line: Int, message: String) { self.line = line; self.message = message }
}

/// RFC 4180 CSV as spreadsheets write it: UTF-8 with or without a BOM, CRLF or LF line ends,
/// quoted fields holding commas, doubled quotes and line breaks.
public enum CSVReader {
    /// Every record, in memory.
    public static func parse(_ bytes: [UInt8]) throws -> [CSVRecord] {
        var out: [CSVRecord] = []
        try forEach(bytes) { out.append($0) }
        return out
    }

    /// Calls `body` with each record as it is read, so a large file is never held twice.
    public static func forEach(_ bytes: [UInt8], _ body: (CSVRecord) throws -> Void) throws {
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(256)
        var i = 0
        let n = bytes.count
        if n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldStarted = false  // any content (or quotes) in the current record
        var quotedStartLine = 1

        var badText: Int?  // the line of the first field that is not UTF-8
        // A record goes out only when all of its text is UTF-8: bytes of another encoding would
        // otherwise be stored as U+FFFD without a word.
        func emit() throws {
            if let bad = badText {
                throw CSVSyntaxError(line: bad, message: "is not UTF-8 text: save the file as UTF-8 (\"CSV UTF-8\" in a spreadsheet)")
            }
            try body(CSVRecord(line: recordLine, fields: fields))
        }
        func endField() {
            if let s = String(validating: field, as: UTF8.self) { fields.append(s) } else {
                if badText == nil { badText = recordLine }
                fields.append(String(decoding: field, as: UTF8.self))
            }
            field.removeAll(keepingCapacity: true)
        }
        while i < n {
            let b = bytes[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < n && bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    inQuotes = false
                    i += 1
                    continue
                }
                if b == 0x0A { line += 1 }
                field.append(b)
                i += 1
                continue
            }
            switch b {
            case 0x22:
                if field.isEmpty { inQuotes = true; quotedStartLine = line; fieldStarted = true }
                else { field.append(b) }  // a stray quote inside an unquoted field is kept as text
                i += 1
            case 0x2C:
                endField(); fieldStarted = true; i += 1
            case 0x0D, 0x0A:
                if b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
                i += 1
                if fieldStarted || !field.isEmpty || !fields.isEmpty {
                    endField()
                    try emit()
                    fields.removeAll(keepingCapacity: true)
                }
                fieldStarted = false
                line += 1
                recordLine = line
            default:
                field.append(b); fieldStarted = true; i += 1
            }
        }
        if inQuotes {
            throw CSVSyntaxError(line: quotedStartLine, message: "a quoted field is never closed")
        }
        if fieldStarted || !field.isEmpty || !fields.isEmpty {
            endField()
            try emit()
        }
    }
}

/// Text cleaned of control characters before it is stored: a terminal must never receive
/// escape sequences from data.
public enum TextSanitiser {
    /// `text` without control characters, and how many were dropped. A line break of any kind
    /// (line feed, carriage return, vertical tab, form feed, NEL, U+2028, U+2029) is a line break:
    /// kept as a line feed with `allowLineBreaks` (a carriage return and line feed together as
    /// one), else a space, as a tab is, so the words either side stay apart ("Nel\u{85}Split"
    /// was stored as "NelSplit", one word where the writer put two). Neither is counted dropped.
    public static func clean(_ text: String, allowLineBreaks: Bool = true) -> (String, dropped: Int) {
        // Printable ASCII (nearly every value: a reference, a place, a name) is as it is, said on
        // its bytes: the look below, a Unicode scalar at a time, was a third of listing a
        // subject access search's 2,700 places.
        if text.utf8.withContiguousStorageIfAvailable({ isPrintableASCII($0, allowLineBreaks: allowLineBreaks) }) == true { return (text, 0) }
        var dropped = 0
        var needs = false
        for u in text.unicodeScalars where isControl(u, allowLineBreaks: allowLineBreaks) || isLineBreakToRead(u, allowLineBreaks) {
            needs = true
            break
        }
        guard needs else { return (text, 0) }
        var out = String.UnicodeScalarView()
        var afterCR = false
        for u in text.unicodeScalars {
            defer { afterCR = u == "\r" }
            if u == "\t" {
                out.append(allowLineBreaks ? u : " ")
            } else if isLineBreak(u) {
                if u == "\n" && afterCR { continue }
                out.append(allowLineBreaks ? "\n" : " ")
            } else if isControl(u, allowLineBreaks: allowLineBreaks) {
                dropped += 1
            } else {
                out.append(u)
            }
        }
        return (String(out), dropped)
    }

    /// The characters that end a line: line feed, vertical tab, form feed, carriage return, NEL,
    /// U+2028 and U+2029.
    public static func isLineBreak(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (0x0A...0x0D).contains(v) || v == 0x85 || v == 0x2028 || v == 0x2029
    }

    /// A line break other than the line feed and carriage return a file's lines end with:
    /// vertical tab, form feed, NEL, U+2028 and U+2029.
    public static func isOtherLineBreak(_ u: Unicode.Scalar) -> Bool {
        isLineBreak(u) && u != "\n" && u != "\r"
    }

    /// A line break that is not stored as it came: any but a line feed (kept) when line breaks
    /// are kept, any when they are not.
    private static func isLineBreakToRead(_ u: Unicode.Scalar, _ allowLineBreaks: Bool) -> Bool {
        isLineBreak(u) && !(allowLineBreaks && u == "\n")
    }

    /// Whether every byte is printable ASCII, or a line feed or tab where line breaks are kept:
    /// text `clean` leaves as it is.
    static func isPrintableASCII(_ u: UnsafeBufferPointer<UInt8>, allowLineBreaks: Bool) -> Bool {
        guard let base = u.baseAddress else { return true }
        var i = 0
        // Eight bytes at a time while none is at or above 0x7F or below 0x20 (the word tests
        // can say so of a byte that is not, after one that is: then the bytes decide).
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= u.count {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let below20 = (w &- 0x20 &* ones) & ~w & highs
            let del = w ^ (0x7F &* ones)
            let is7F = (del &- ones) & ~del & highs
            if (w & highs) | below20 | is7F != 0 { break }
            i += 8
        }
        while i < u.count {
            let b = u[i]
            if b < 0x20 || b > 0x7E {
                guard allowLineBreaks, b == 0x0A || b == 0x09 else { return false }
            }
            i += 1
        }
        return true
    }

    static func isControl(_ u: Unicode.Scalar, allowLineBreaks: Bool) -> Bool {
        let v = u.value
        if v == 0x0A || v == 0x09 || v == 0x0D { return !allowLineBreaks }
        return isControlForTerminal(u)
    }
}
