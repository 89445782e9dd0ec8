import HeardCore
import HeardLetters
import TerminalUI

/// What can happen on the letters screen.
public enum LettersAction: Sendable {
    case list(ListCommand)
    case command(LettersCommand)
    /// The case loaded again (a letter recorded as sent changes what the stage needs).
    case loaded(CaseDetailData)
    /// The templates Heard and the council have, and the council files it could not read.
    case templates([LetterChoice], problems: [String])
    /// A letter rendered (or edited in $EDITOR) for the preview, or why it could not be.
    case rendered(template: String, Result<String, LetterProblem>)
    /// Esc while a letter is previewed: back to the list.
    case closePreview
}

/// The letters screen's update.
enum LettersUpdate {
    static func update(_ l: inout LettersState, _ action: LettersAction, _ ctx: ScreenContext) -> [Output] {
        switch action {
        case .loaded(let data):
            guard data.contact.id == l.contactID else { return [] }
            l.data = data
            rebuild(&l, templates: l.choices.filter { $0.need == nil })
            return []
        case .templates(let templates, let problems):
            l.problems = problems
            l.loaded = true
            rebuild(&l, templates: templates)
            return []
        case .rendered(let template, let result):
            guard l.rendering == template || l.preview?.template == template else { return [] }
            l.rendering = nil
            switch result {
            case .failure(let p): return [.say(p.message, error: true)]
            case .success(let text):
                if var p = l.preview, p.template == template {
                    // Back from the editor: this text is the letter now.
                    if p.markdown != text { p.markdown = text; p.edited = true }
                    l.preview = p
                    return [.say(p.edited ? "Edited: s saves this text, r records it as sent." : "Unchanged.")]
                }
                let st = stage(for: template, l)
                l.preview = LetterPreview(template: template, stage: st, markdown: text)
                // What the command line warns of, said here too (a date already past, no reply).
                if let data = l.data {
                    let warnings = LetterBook.fit(template, record: data.record, date: ctx.today, stage: st).warnings
                    if !warnings.isEmpty { return [.say("Check: " + warnings.joined(separator: "; "), error: true)] }
                }
                return []
            }
        case .closePreview:
            l.preview = nil
            return []
        case .list(let c):
            if var p = l.preview {
                let lines = previewLineCount(p, width: ctx.size.width)
                var top = p.scroll
                _ = ListMove.apply(c, &top, count: max(1, lines - (ctx.size.height - 6)), page: ctx.size.height - 5)
                p.scroll = top
                l.preview = p
                return []
            }
            if c == .open { return preview(&l) }
            _ = ListMove.apply(c, &l.selection, count: l.choices.count, page: ctx.size.height - 6)
            return []
        case .command(let c):
            return command(&l, c, ctx)
        }
    }

    /// Enter: the selected letter rendered against the case.
    static func preview(_ l: inout LettersState) -> [Output] {
        guard let choice = l.selected else { return [] }
        if let why = choice.refusal { return [.say(why, error: true)] }
        l.rendering = choice.template
        return [.effect(.renderLetter(contactID: l.contactID, template: choice.template))]
    }

    static func command(_ l: inout LettersState, _ c: LettersCommand, _ ctx: ScreenContext) -> [Output] {
        guard let p = l.preview, let data = l.data else {
            // Only the keys this session offers (a read-only one named e and r; a trial).
            let then = [(LettersCommand.edit, "edits it"), (.save, "saves it"), (.record, "records it as sent")].compactMap { c, words in
                ctx.keymap.keys(for: .letters(c)).first.map { "\($0.name) \(words)" }
            }
            return [.say("Enter shows the letter first" + (then.isEmpty ? "." : "; then " + then.joined(separator: ", ") + "."))]
        }
        var file = LetterFile(contactID: l.contactID, reference: data.contact.reference, template: p.template, stage: p.stage, markdown: p.markdown,
                              format: p.savedFormat ?? "docx")
        switch c {
        case .edit:
            return [.effect(.editLetter(contactID: l.contactID, template: p.template, text: p.markdown))]
        case .save:
            return [.push(.form(CorrespondenceForms.saveLetter(file, ctx)))]
        case .record:
            // Recorded as the form it was saved in; not saved, it is the Markdown shown.
            file.format = p.savedFormat ?? "md"
            return [.dialog(recordDialog(file, data, ctx))]
        }
    }

    /// "Record as sent on DATE?", offering to record the stage's acknowledgement with it when the
    /// letter acknowledges a stage not yet acknowledged: one store command, one undo step.
    static func recordDialog(_ file: LetterFile, _ data: CaseDetailData, _ ctx: ScreenContext) -> DialogState {
        let date = ctx.dateStyle.text(ctx.today)
        // The command line's refusal, so the screen records no letter `heard letter --sent` would not.
        if let why = LetterBook.fit(file.template, record: data.record, date: ctx.today, stage: file.stage).refusal {
            return DialogState(title: "Letter not recorded", lines: [why])
        }
        let letter = LetterSent(template: file.template, stage: file.stage, sent: ctx.today, format: file.format, body: file.markdown)
        guard let id = data.contact.id else { return DialogState(title: "Record", lines: ["The case is not saved."]) }
        var choices = [DialogChoice("y", "record as sent", [.recordLetter(letter, contactID: id, version: data.contact.version, step: nil)])]
        var lines = ["Record \(LetterCatalogue.title(file.template))\(file.stage.map { " (stage \($0))" } ?? "") as sent on \(date)?"]
        if let earlier = LetterSending.alreadySent(file.template, stage: file.stage, record: data.record) {
            // Two short lines: a dialog line is cut at 80 columns.
            lines = ["\(LetterCatalogue.title(file.template))\(file.stage.map { " (stage \($0))" } ?? "") was already sent on \(ctx.dateStyle.text(earlier.sent)).",
                     "Record it again, as sent on \(date)?"]
        }
        // What sending it also records, by the letters library's rule (`heard letter --sent` too).
        let record = data.record
        if case .success(let step?) = LetterSending.step(for: file.template, record: record, date: ctx.today, respond: false, today: ctx.today) {
            choices.append(DialogChoice("a", "record it and the acknowledgement", [.recordLetter(letter, contactID: id, version: data.contact.version, step: step)]))
            lines.append("Stage \(file.stage ?? record.clock.current?.number ?? 1) is not acknowledged: a records that too, on \(date).")
        } else if LetterSending.isResponse(file.template, stage: file.stage ?? record.clock.current?.number ?? 1, record: record),
                  // A stage answered already needs no word on recording its response ("cannot be
                  // recorded yet" read as something missing; a trial).
                  record.clock.stages.first(where: { $0.number == (file.stage ?? record.clock.current?.number ?? 1) })?.isRunning ?? true {
            switch LetterSending.step(for: file.template, record: record, date: ctx.today, respond: true, today: ctx.today) {
            case .success(let step?):
                choices.append(DialogChoice("p", "record it and the response", [.recordLetter(letter, contactID: id, version: data.contact.version, step: step)]))
                lines.append("p also records the stage's response on \(date).")
            case .failure(let why):
                lines.append("The response itself cannot be recorded yet: \(why.message).")
            case .success(nil):
                break
            }
        }
        lines.append("u undoes it in one step.")
        return DialogState(title: "Letter sent", lines: lines, choices: choices)
    }

    /// The stage a template's letter is for: the need's, else the current stage's.
    static func stage(for template: String, _ l: LettersState) -> Int? {
        if let need = l.choices.first(where: { $0.template == template && $0.need != nil })?.need { return need.stage }
        guard let data = l.data else { return nil }
        return LetterBook.stage(for: template, record: data.record)
    }

    /// The rows: what the stage needs first (from the case, so a recorded letter shows as
    /// sent at once), then every template.
    static func rebuild(_ l: inout LettersState, templates: [LetterChoice]) {
        let selectedName = l.selected.map { ($0.template, $0.need != nil) }
        let needs = l.data?.record.letterNeeds ?? []
        let titles = Dictionary(templates.map { ($0.template, $0.title) }, uniquingKeysWith: { a, _ in a })
        // Every template, with why it does not fit this case (greyed; Enter says why).
        let all = templates.map { t -> LetterChoice in
            var t = t
            t.refusal = l.data.flatMap { d in LetterBook.fit(t.template, record: d.record, date: d.clock.today).refusal }
            return t
        }
        l.choices = needs.map { LetterChoice(template: $0.template, title: titles[$0.template] ?? LetterCatalogue.title($0.template), need: $0) } + all
        if let (name, isNeed) = selectedName, let i = l.choices.firstIndex(where: { $0.template == name && ($0.need != nil) == isNeed }) {
            l.selection = i
        }
        l.selection = min(l.selection, max(0, l.choices.count - 1))
    }

    static func previewLineCount(_ p: LetterPreview, width: Int) -> Int {
        LetterScreen.lines(p.markdown, width: previewWidth(width)).count
    }

    /// A letter reads as a page, not as wide as the terminal.
    static func previewWidth(_ width: Int) -> Int { max(10, min(width - 4, 86)) }
}
