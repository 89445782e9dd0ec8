import HeardCore

/// What the letters screen asks of the letters library (HeardLetters): the templates, a letter
/// written for a case, and its HTML and Word forms. Values the runner calls, so the screens and
/// their tests do not depend on where the templates come from.
public struct LetterServices: Sendable {
    /// Every template (Heard's and the council's), and the council files that could not be used.
    public var templates: @Sendable () -> (choices: [LetterChoice], problems: [String])
    /// A template written for a case on a day, in Markdown, for a stage (nil: the letter's own).
    public var render: @Sendable (_ template: String, _ record: CaseRecord, _ today: LocalDate, _ stage: Int?) throws -> String
    /// The letter's Markdown as an HTML page with a title.
    public var html: @Sendable (_ markdown: String, _ title: String) -> String
    /// The letter's Markdown as a Word document.
    public var docx: @Sendable (_ markdown: String) throws -> [UInt8]
    /// What the letters say about the council (config.toml `[letters]`): a subject access
    /// bundle's covering words say it too.
    public var settings = LetterSettings()

    public init(templates: @escaping @Sendable () -> (choices: [LetterChoice], problems: [String]),
                render: @escaping @Sendable (String, CaseRecord, LocalDate, Int?) throws -> String,
                html: @escaping @Sendable (String, String) -> String,
                docx: @escaping @Sendable (String) throws -> [UInt8]) {
        self.templates = templates; self.render = render; self.html = html; self.docx = docx
    }
}
