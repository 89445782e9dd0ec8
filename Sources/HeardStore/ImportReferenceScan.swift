import HeardCore

/// The references a CSV file names, found before its rows are written so that generated
/// references never take one a later row uses. `CSVReader.forEach` made a String of every cell
/// of the file for this (a second full parse of the import); this pass reads the same syntax
/// byte by byte and makes Strings only of the header's cells and the reference column's.
enum ImportReferenceScan {
    /// The upper-cased, trimmed values of the `reference` column (empty when there is none).
    /// A file `CSVReader` refuses (text that is not UTF-8, an unclosed quote) is refused by the
    /// import itself, which then writes nothing: what is returned for it does not matter.
    static func references(in bytes: [UInt8]) -> Set<String> {
        var out = Set<String>()
        var header: [String]?
        var headerCells: [String] = []
        var column: Int?
        var pending: String?         // the current record's reference, kept once the record ends
        var field: [UInt8] = []
        var fieldLength = 0          // the current cell's bytes so far, kept or not
        var index = 0                // the current cell's place in its record
        var started = false          // any content (or quotes) in the current record
        var inQuotes = false
        let n = bytes.count
        var i = (n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) ? 3 : 0

        /// Whether the current cell is one to keep.
        func keeping() -> Bool { header == nil || index == column }
        func append(_ b: UInt8) {
            if keeping() { field.append(b) }
            fieldLength += 1
        }
        func endField() {
            if header == nil {
                headerCells.append(String(decoding: field, as: UTF8.self))
            } else if index == column, let s = String(validating: field, as: UTF8.self) {
                let v = s.trimmingSpaces
                if !v.isEmpty { pending = ContactCSV.referenceKey(v) }
            }
            field.removeAll(keepingCapacity: true)
            fieldLength = 0
            index += 1
        }
        func endRecord() {
            if header == nil {
                header = headerCells
                column = headerCells.firstIndex { normaliseWord($0) == "reference" }
                if column == nil { i = n }  // nothing to find: stop reading
            }
            if let p = pending { out.insert(p) }
            pending = nil
            index = 0
        }
        while i < n {
            let b = bytes[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < n && bytes[i + 1] == 0x22 { append(0x22); i += 2; continue }
                    inQuotes = false
                } else {
                    append(b)
                }
                i += 1
                continue
            }
            switch b {
            case 0x22:
                if fieldLength == 0 { inQuotes = true; started = true } else { append(b) }
                i += 1
            case 0x2C:
                endField(); started = true; i += 1
            case 0x0D, 0x0A:
                if b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
                i += 1
                if started || fieldLength > 0 || index > 0 {
                    endField()
                    endRecord()
                }
                started = false
            default:
                append(b); started = true; i += 1
            }
        }
        if !inQuotes && (started || fieldLength > 0 || index > 0) { endField(); endRecord() }
        return out
    }
}
