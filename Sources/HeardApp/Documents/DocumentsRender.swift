import HeardCore
import TerminalUI

/// Draws the documents of a case: number, name, type, size and the day it was added.
enum DocumentsRender {
    static func title(_ d: DocumentsState) -> TitleLine {
        let n = d.documents.count
        return TitleLine(left: "Heard · Documents · " + (d.data?.contact.reference ?? "case"), right: "\(n) document\(n == 1 ? "" : "s")")
    }

    static func render(_ d: DocumentsState, _ s: ScreenContext, into f: inout Frame, rect: Rect) {
        guard d.data != nil else { Render.loading(s, into: &f, rect: rect); return }
        let docs = d.documents
        if docs.isEmpty {
            // The key as bound; none in a read-only session, where attaching is not offered.
            let lines = s.keymap.keys(for: .documents(.attach)).first.map {
                [" No documents kept with this case: \($0.name) attaches a file", " (the complaint letter, an email saved as a file, a report)."]
            } ?? [" No documents kept with this case."]
            for (i, line) in lines.enumerated() {
                f.put(truncate(line, toWidth: rect.width, unicode: s.unicode), x: 0, y: rect.y + 1 + i, role: .dim, maxWidth: rect.width)
            }
            return
        }
        // Name takes what the fixed columns leave; the type gives way first in a narrow terminal.
        let numW = 4, sizeW = 12, addedW = displayWidth(s.dateStyle.text(s.today)) + 2
        let typeW = rect.width >= 100 ? 34 : rect.width >= 70 ? 18 : 0
        let nameW = max(8, rect.width - numW - sizeW - addedW - typeW - 2)
        func row(_ cols: [(String, Int)]) -> String { cols.map { pad(truncate($0.0, toWidth: $0.1 - 1, unicode: s.unicode), toWidth: $0.1, unicode: s.unicode) }.joined() }
        let head: [(String, Int)] = [("  #", numW), ("Name", nameW)] + (typeW > 0 ? [("Type", typeW)] : []) + [("Size", sizeW), ("Added", addedW)]
        f.fill(Rect(x: 0, y: rect.y, width: rect.width, height: 1), role: .header)
        f.put(row(head), x: 0, y: rect.y, role: .header, maxWidth: rect.width)
        let h = rect.height - 2
        let start = max(0, d.selection - h + 1)
        for (i, doc) in docs.enumerated().dropFirst(start).prefix(h) {
            let y = rect.y + 1 + i - start
            let selected = i == d.selection
            let role: Role = selected ? .selection : .default
            f.fill(Rect(x: 0, y: y, width: rect.width, height: 1), role: role)
            let cols: [(String, Int)] = [(padLeft(String(doc.number), toWidth: 3), numW), (sanitizeForDisplay(doc.name), nameW)]
                + (typeW > 0 ? [(doc.type, typeW)] : []) + [(DocumentInfo.sizeWords(doc.size), sizeW), (doc.added.map { s.dateStyle.text($0) } ?? "unreadable", addedW)]
            f.put(row(cols), x: 0, y: y, role: role, maxWidth: rect.width)
        }
        if let doc = d.selected, rect.height > 3 {
            var line = " SHA-256 \(doc.sha256)" + (doc.addedBy.isEmpty ? "" : " · added by \(doc.addedBy)")
            if displayWidth(line) > rect.width, !doc.addedBy.isEmpty {
                // Narrow: who added it first, whole; the hash gives way at its end (its start
                // still tells two files apart; heard document list prints it in full).
                line = " added by \(doc.addedBy) · SHA-256 \(doc.sha256)"
            }
            f.put(truncate(line, toWidth: rect.width, unicode: s.unicode), x: 0, y: rect.maxY - 1, role: .dim, maxWidth: rect.width)
        }
    }
}
