import Foundation
import ZIPFoundation

/// A letter as a Word document (.docx, Office Open XML), written by Heard: the package's content
/// types and relationships, `word/document.xml` (paragraphs, headings, lists, bold and italic,
/// line breaks, rules) and `word/styles.xml` (A4, Arial 11pt, three heading styles). All text is
/// XML-escaped and characters XML forbids are dropped: one stray control character makes Word
/// refuse the whole file. Entries carry a fixed date so the same letter gives the same bytes.
enum LetterDocx {
    static func data(_ blocks: [MarkdownBlock]) throws -> Data {
        let archive: Archive
        do { archive = try Archive(data: Data(), accessMode: .create) } catch {
            throw LetterError("cannot make the .docx in memory: \(error)")
        }
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes), ("_rels/.rels", packageRels),
            ("word/_rels/document.xml.rels", documentRels), ("word/styles.xml", styles),
            ("word/document.xml", document(blocks)),
        ]
        let fixedDate = Date(timeIntervalSince1970: 1_577_836_800) // 2020-01-01: any fixed day after 1980 (ZIP's epoch)
        for (path, xml) in parts {
            let bytes = Data(xml.utf8)
            do {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: fixedDate,
                                     compressionMethod: .deflate) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            } catch {
                throw LetterError("cannot add \(path) to the .docx: \(error)")
            }
        }
        guard let out = archive.data else { throw LetterError("the .docx came out empty") }
        return out
    }

    static func document(_ blocks: [MarkdownBlock]) -> String {
        var body = ""
        let closing = signOff(blocks)
        for (index, b) in blocks.enumerated() {
            switch b {
            case .heading(let level, let spans):
                body += paragraph(style: "Heading\(min(max(level, 1), 3))", lines: [spans])
            case .paragraph(let lines) where index == closing:
                // "Yours sincerely" stays on the page with the name under it, with room above
                // the name for a handwritten signature (about 2 cm).
                body += paragraph(style: nil, lines: lines, properties: #"<w:keepNext/><w:keepLines/><w:spacing w:after="1100"/>"#)
            case .paragraph(let lines) where closing.map({ index > $0 }) ?? false:
                body += paragraph(style: nil, lines: lines, properties: "<w:keepNext/><w:keepLines/>")
            case .paragraph(let lines):
                body += paragraph(style: nil, lines: lines)
            case .bullets(let items):
                for item in items { body += paragraph(style: "ListParagraph", lines: item, prefix: "•\t") }
            case .numbered(let items):
                for (i, item) in items.enumerated() { body += paragraph(style: "ListParagraph", lines: item, prefix: "\(i + 1).\t") }
            case .rule:
                body += #"<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="888888"/></w:pBdr></w:pPr></w:p>"#
            }
            body += "\n"
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
            \(body)<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1418" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>
            </w:body></w:document>
            """
    }

    /// One paragraph: its lines joined by line breaks; `prefix` (a bullet or number and a tab)
    /// before the first.
    static func paragraph(style: String?, lines: [[InlineSpan]], prefix: String = "", properties: String = "") -> String {
        var p = "<w:p>"
        if style != nil || !properties.isEmpty {
            p += "<w:pPr>" + (style.map { #"<w:pStyle w:val="\#($0)"/>"# } ?? "") + properties + "</w:pPr>"
        }
        if !prefix.isEmpty { p += run(InlineSpan(text: prefix)) }
        for (i, line) in lines.enumerated() {
            if i > 0 { p += "<w:r><w:br/></w:r>" }
            for s in line { p += run(s) }
        }
        return p + "</w:p>"
    }

    /// The sign-off's closing line ("Yours sincerely", "Yours faithfully"): the last one-line
    /// paragraph that starts "Yours" and has paragraphs (the signatory) after it; nil when none.
    static func signOff(_ blocks: [MarkdownBlock]) -> Int? {
        blocks.indices.last { i in
            guard i < blocks.count - 1, case .paragraph(let lines) = blocks[i], lines.count == 1 else { return false }
            return lines[0].map(\.text).joined().trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("yours")
        }
    }

    static func run(_ s: InlineSpan) -> String {
        var r = "<w:r>"
        if s.bold || s.italic { r += "<w:rPr>" + (s.bold ? "<w:b/>" : "") + (s.italic ? "<w:i/>" : "") + "</w:rPr>" }
        // A tab is its own element in WordprocessingML.
        let pieces = s.text.split(separator: "\t", omittingEmptySubsequences: false)
        for (i, piece) in pieces.enumerated() {
            if i > 0 { r += "<w:tab/>" }
            if !piece.isEmpty { r += #"<w:t xml:space="preserve">"# + escape(String(piece)) + "</w:t>" }
        }
        return r + "</w:r>"
    }

    /// Text safe inside an XML element: `& < > "` escaped, characters XML 1.0 forbids dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for u in text.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                let v = u.value
                let allowed = v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000
                if allowed && !(0x7F...0x9F).contains(v) { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
        <Default Extension="xml" ContentType="application/xml"/>
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
        </Types>
        """

    static let packageRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
        </Relationships>
        """

    static let documentRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
        </Relationships>
        """

    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial" w:eastAsia="Arial"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>
        <w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="left" w:pos="425"/></w:tabs><w:spacing w:after="100"/><w:ind w:left="425" w:hanging="425"/></w:pPr></w:style>
        </w:styles>
        """
}
