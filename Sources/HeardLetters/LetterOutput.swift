import Foundation

/// The forms a letter is saved in.
public enum LetterFormat: String, CaseIterable, Sendable {
    case md, html, docx

    /// The file name ending: `.md`, `.html`, `.docx`.
    public var fileExtension: String { "." + rawValue }

    /// "md", "markdown", "html", "htm", "docx", "word" in any case; nil otherwise.
    public init?(named name: String) {
        switch name.lowercased().trimmingCharacters(in: .whitespaces) {
        case "md", "markdown": self = .md
        case "html", "htm": self = .html
        case "docx", "word": self = .docx
        default: return nil
        }
    }
}

/// A letter's Markdown made into a page or a Word document. Everything in the text is escaped
/// for the output; only the Markdown subset `MarkdownReader` knows becomes markup.
public enum LetterOutput {
    /// A print-friendly HTML page of the letter, titled `title`.
    public static func html(markdown: String, title: String) -> String {
        LetterHTML.page(MarkdownReader.blocks(markdown), title: title)
    }

    /// The letter as HTML elements to put inside another page (a subject access bundle's
    /// README.html), escaped as the page is.
    public static func htmlFragment(markdown: String) -> String {
        LetterHTML.body(MarkdownReader.blocks(markdown))
    }

    /// A .docx (Office Open XML) holding the letter, written by Heard.
    public static func docx(markdown: String) throws -> Data {
        try LetterDocx.data(MarkdownReader.blocks(markdown))
    }
}
