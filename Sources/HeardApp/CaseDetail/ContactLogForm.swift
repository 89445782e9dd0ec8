import HeardCore
import TerminalUI

/// `l` on a case: a contact logged in one line (`ContactLogLine` reads it), with a live preview
/// of how it will read in the log, or the problem and where it is; ctrl-o writes the note in
/// `$EDITOR`. Enter is one store command (`addLogEntry`), one undo step.
enum ContactLogForm {
    /// The editor's field: the note alone, put back after the line's head.
    static let noteField = "line.note"

    static let syntax = "[in|out] [call|email|letter|meeting|visit] [\"who\"|@who] [date] [HH:MM] note"
    static let example = "e.g. out call \"Mrs Patel\" yesterday 14:30 chased the response"

    static func form(_ c: Contact, _ ctx: ScreenContext) -> FormScreen {
        var f = FormState(title: "Log a contact on \(c.reference)",
                          fields: [FormField("line", "Contact", .text, required: true)], sources: ctx.sources)
        refresh(&f, ctx, received: c.received)
        return FormScreen(form: f, purpose: .logContact(c))
    }

    /// Above this many bytes a key does not read the line again at once: pasting 10 KB was
    /// 10,000 reads of a growing line (28 s). `settle` reads it once the keys to hand are handled.
    static let readAtOnceUpTo = 512

    /// After a key: the preview read now for a short line, marked stale for a long one.
    static func keyHandled(_ f: inout FormState, _ ctx: ScreenContext, received: LocalDate? = nil) {
        if f["line"].utf8.count > readAtOnceUpTo { f.previewStale = true } else { refresh(&f, ctx, received: received) }
    }

    /// Once the runner has handled the keys to hand (before it draws): a stale preview on the
    /// top screen is read, once.
    static func settle(_ s: inout AppState) {
        guard case .form(var fs)? = s.stack.last, case .logContact(let c) = fs.purpose, fs.form.previewStale else { return }
        refresh(&fs.form, s.context(withRows: false), received: c.received)
        s.stack[s.stack.count - 1] = .form(fs)
    }

    /// Reads the line as typed: the preview says how it reads, or the problem where it is.
    /// `received` (the case's) is the earliest day the line may name.
    static func refresh(_ f: inout FormState, _ ctx: ScreenContext, received: LocalDate? = nil) {
        let text = f["line"]
        f.previewStale = false
        f.previewProblemAt = nil
        if text.isEmpty {
            f.preview = [syntax, example, "In, call and now unless typed; ctrl-o writes a long note in the editor."]
            return
        }
        switch ContactLogLine.read(text, now: LogTime(date: ctx.today), calendar: ctx.calendar, received: received) {
        case .failure(let e):
            f.previewProblemAt = e.offset
            f.preview = [e.message]
        case .success(let d):
            var e = LogEntry(direction: d.direction, kind: d.kind, with: d.with, at: LogTime(date: ctx.today), note: d.note)
            if case .success(let at) = LogTimeInput.parse(d.whenText, now: LogTime(date: ctx.today), calendar: ctx.calendar) { e.at = at }
            let when = d.whenText.isEmpty ? "now" : ctx.dateStyle.text(e.at.date) + (e.at.clockText.map { " " + $0 } ?? "")
            let lines = d.note.split(separator: "\n", omittingEmptySubsequences: false).count
            f.preview = ["Reads: \(when)  \(e.words)" + (lines > 1 ? "  (+\(lines - 1) more line\(lines == 2 ? "" : "s"))" : "")]
        }
    }

    /// Enter: the entry to add, or nil with the problem beside the field.
    static func effect(_ f: inout FormState, _ c: Contact, _ ctx: ScreenContext) -> Effect? {
        guard let id = c.id else { return nil }
        let now = LogTime(date: ctx.today)
        switch ContactLogLine.read(f["line"], now: now, calendar: ctx.calendar, received: c.received) {
        case .failure(let e):
            f.setError("line", e.message)
            f.fresh = false
            return nil
        case .success(let d):
            switch ContactLogLine.parse(f["line"], now: now, calendar: ctx.calendar, received: c.received) {
            case .success(let entry): return .addLogEntry(entry, contactID: id, timeGiven: !d.whenText.isEmpty)
            case .failure(let e):
                f.setError("line", e.message)
                return nil
            }
        }
    }

    /// ctrl-o: the note in the editor (the whole line while its head cannot be read).
    static func openEditor(_ f: FormState, _ ctx: ScreenContext) -> [Output] {
        let text = f["line"]
        guard case .success(let d) = ContactLogLine.read(text, now: LogTime(date: ctx.today), calendar: ctx.calendar) else {
            return [.effect(.openEditor(field: "line", text: text))]
        }
        return [.effect(.openEditor(field: noteField, text: d.note))]
    }

    /// The editor's note goes back after the line's head, line breaks and all.
    static func noteEdited(_ f: inout FormState, _ note: String, _ ctx: ScreenContext, received: LocalDate? = nil) {
        let text = f["line"]
        var head = text
        if case .success(let d) = ContactLogLine.read(text, now: LogTime(date: ctx.today), calendar: ctx.calendar) {
            head = ContactLogLine.head(text, noteStart: d.noteStart)
            // A head that names nobody and no time would read the note's first word as its own:
            // a colon ends it.
            if !head.hasSuffix(":") { head += head.isEmpty ? "" : ":" }
        }
        let body = QuickEntry.clean(note, lines: true)
        f["line"] = head.isEmpty ? ": " + body : head + " " + body
        f.dirty = true
        refresh(&f, ctx, received: received)
    }
}
