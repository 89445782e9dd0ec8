import HeardCore
import HeardLetters

extension LetterServices {
    /// The letters library: Heard's templates and the council's in `directory` (read again each
    /// time `L` opens, so a template edited meanwhile is the one used), written with `settings`.
    public static func book(directory: String?, settings: LetterSettings) -> LetterServices {
        var services = LetterServices(
            templates: {
                let book = LetterBook.load(directory: directory)
                let choices = book.templates.map { t in LetterChoice(template: t.name, title: t.title, council: t.source != .shipped) }
                // A council template's unknown {{fields}} come out blank: said with the problems.
                return (choices, book.problems + book.templates.flatMap { book.fieldWarnings($0.name) })
            },
            render: { name, record, today, stage in
                try LetterBook.load(directory: directory).render(name: name, record: record, settings: settings, today: today, stage: stage)
            },
            html: { markdown, title in LetterOutput.html(markdown: markdown, title: title) },
            docx: { markdown in [UInt8](try LetterOutput.docx(markdown: markdown)) })
        services.settings = settings
        return services
    }
}
