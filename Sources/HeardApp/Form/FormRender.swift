import TerminalUI

/// Draws a form: one line per field, the focused field's input with its suggestion, problems
/// beside the fields that have them, and the candidates of the focused field.
enum FormRender {
    static func title(_ fs: FormScreen, room: Int = .max) -> TitleLine { TitleLine(left: fitTitle("Heard · " + fs.form.title, room: room)) }

    /// A title or a form's own heading cut to `room` columns: the case's reference after its last
    /// " · " stays whole and what comes before gives way, ending in an ellipsis ("Heard · Stage 2
    /// Investigating… · CS-2026-0307"; a finding's heading at 80 columns had ended "· CS").
    static func fitTitle(_ title: String, room: Int, unicode: Bool = true) -> String {
        guard displayWidth(title) > room else { return title }
        if let r = title.range(of: " · ", options: .backwards) {
            let tail = String(title[r.lowerBound...])
            let left = room - displayWidth(tail)
            if left >= 4 { return truncate(String(title[..<r.lowerBound]), toWidth: left, unicode: unicode) + tail }
        }
        return truncate(title, toWidth: room, unicode: unicode)
    }

    /// The form, and over it the confirmation of a move that asks for one.
    static func render(_ fs: FormScreen, _ s: ScreenContext, into f: inout Frame, rect: Rect) {
        render(fs.form, into: &f, rect: rect, glyphs: s.glyphs)
        if fs.confirming != nil {
            _ = Dialog(title: "Confirm", lines: [fs.confirmText], buttons: [Hint(key: "y", label: "confirm"), Hint(key: "any other key", label: "cancel")], glyphs: s.glyphs)
                .render(into: &f, area: rect)
        }
    }

    static func render(_ form: FormState, into f: inout Frame, rect: Rect, glyphs: Glyphs) {
        guard rect.width > 10, rect.height > 2 else { return }
        f.fill(rect)
        f.put(" " + fitTitle(form.title, room: rect.width - 1, unicode: glyphs.unicode), x: rect.x, y: rect.y, role: .title, maxWidth: rect.width)
        let labelWidth = min(22, max(12, (form.fields.map { displayWidth($0.label) }.max() ?? 10) + 2))
        var y = rect.y + 2
        let visible = form.fields.indices.filter { !form.fields[$0].hidden }
        // Keep the focused field on screen in short terminals, counting the line an error takes
        // below its field when it does not fit beside it (the focused field and its cursor were
        // scrolled off by them).
        let x0 = rect.x + labelWidth + 1
        let errorBelow = x0 + max(4, min(rect.maxX - x0 - 1, 60)) + 1 >= rect.maxX - 4
        let heights = visible.map { form.fields[$0].error != nil && errorBelow ? 2 : 1 }
        let room = max(1, rect.maxY - 2 - y)
        let pos = visible.firstIndex(of: form.focus) ?? 0
        var start = max(0, min(pos - room / 2, visible.count - room))
        while start < pos, heights[start...pos].reduce(0, +) > room { start += 1 }
        for i in visible.dropFirst(max(0, start)) {
            if y >= rect.maxY - 2 { break }
            let field = form.fields[i]
            let focused = i == form.focus
            let mark = field.required ? "*" : " "
            f.put(pad(" " + field.label + mark, toWidth: labelWidth, unicode: glyphs.unicode), x: rect.x, y: y, role: focused ? .selection : .dim)
            let x = rect.x + labelWidth + 1
            let width = max(4, min(rect.maxX - x - 1, 60))
            f.fill(Rect(x: x, y: y, width: width, height: 1), role: .input)
            if focused {
                // A prefilled value the next key replaces is shown selected, as a selected field is.
                let replaces = form.replacesOnType
                _ = TextInputView.render(field.input, into: &f, rect: Rect(x: x, y: y, width: width, height: 1))
                if replaces { f.setRole(.selection, in: Rect(x: x, y: y, width: min(width, displayWidth(field.input.text)), height: 1)) }
                if let s = form.suggestion(for: field), s.count > field.input.text.count {
                    let typed = displayWidth(field.input.text)
                    let rest = String(s.dropFirst(field.input.text.count))
                    if typed + 1 < width, normaliseLower(s).hasPrefix(normaliseLower(field.input.text)) {
                        // The suggestion continues the typed text; the cursor stays visible on its first cell.
                        f.put(truncate(rest, toWidth: width - typed, unicode: glyphs.unicode), x: x + typed, y: y, role: .dim)
                        f.setRole(.inputCursor, in: Rect(x: x + typed, y: y, width: 1, height: 1))
                    }
                }
            } else {
                f.put(truncate(field.input.text.replacingOccurrences(of: "\n", with: " ⏎ "), toWidth: width, unicode: glyphs.unicode), x: x, y: y, role: .input, maxWidth: width)
            }
            if let note = note(field, focused: focused, fresh: form.replacesOnType, unicode: glyphs.unicode) {
                // Inside the field at its right end, when the text leaves room for it.
                let w = displayWidth(note)
                if displayWidth(field.input.text) + w + 1 <= width { f.put(note, x: x + width - w, y: y, role: Role("input.note")) }
            }
            if let e = field.error {
                let ex = x + width + 1
                if ex < rect.maxX - 4 { f.put(truncate(e, toWidth: rect.maxX - ex, unicode: glyphs.unicode), x: ex, y: y, role: .messageError) }
                else if y + 1 < rect.maxY - 2 { y += 1; f.put(truncate("  " + e, toWidth: rect.maxX - x, unicode: glyphs.unicode), x: x, y: y, role: .messageError, maxWidth: rect.maxX - x) }
            }
            y += 1
        }
        y = renderPreview(form, into: &f, rect: rect, y: y, x: rect.x + labelWidth + 1, glyphs: glyphs)
        if let focusedField = form.focused {
            let cands = form.candidates(for: focusedField)
            if !cands.isEmpty && y < rect.maxY - 2 {
                let line = "  " + cands.prefix(6).joined(separator: "  ·  ")
                f.put(truncate(line, toWidth: rect.width, unicode: glyphs.unicode), x: rect.x, y: rect.maxY - 2, role: .dim, maxWidth: rect.width)
                // The first is the one Tab takes (and Enter, when the form asks about a new
                // value): highlighted, so it is plain which that is.
                if form.suggestion(for: focusedField) != nil, let first = cands.first {
                    f.setRole(.selection, in: Rect(x: rect.x + 2, y: rect.maxY - 2, width: min(displayWidth(first), rect.width - 2), height: 1))
                }
            }
        }
        if let q = form.newValueQuestion {
            _ = FormState.questionDialog(q, glyphs: glyphs).render(into: &f, area: rect)
        } else if form.confirmingDiscard {
            _ = Dialog(title: "Discard", lines: ["Throw away what you typed?"], buttons: [Hint(key: "y", label: "discard"), Hint(key: "any other key", label: "keep editing")], glyphs: glyphs)
                .render(into: &f, area: rect)
        } else if let p = bottomProblem(form) {
            // In full: wrapped over the form's last two lines (three, below), the candidates giving way, since a
            // problem cut at 80 columns ("Reaso…") cannot be acted on.
            let width = max(1, rect.width - 2)
            var lines = CaseDetailLines.wrap(p, width: width)
            var cut = lines.count > 2
            lines = Array(lines.prefix(2))
            // Longer than a line: the reason over at most two lines, a path in it shortened in its
            // middle and the end cut, and what to do next whole on a line of its own (a trial saw
            // "Enter tries again, Esc …" at 80 columns, "Not saved:" alone above a cut path, and
            // "Esc" and "leaves the form." on two lines at 200).
            if lines.count > 1, let keep = p.range(of: " What you typed is kept:") {
                let next = String(p[keep.lowerBound...].dropFirst())
                if displayWidth(next) <= width {
                    let reason = CaseDetailLines.wrap(Self.shorteningLongWords(String(p[..<keep.lowerBound]), to: width * 2 / 3), width: width)
                    lines = Array(reason.prefix(2))
                    if reason.count > 2, let last = lines.popLast() { lines.append(last + " …") }
                    cut = false
                    lines.append(next)
                }
            }
            for (i, line) in lines.enumerated() {
                let y = rect.maxY - lines.count + i
                f.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1))
                let text = i == lines.count - 1 && cut ? line + " …" : line
                f.put(truncate(" " + text, toWidth: rect.width, unicode: glyphs.unicode), x: rect.x, y: y, role: .messageError, maxWidth: rect.width)
            }
        } else if form.replacesOnType {
            // Said in full here too: the note inside the field needs room a long value leaves none of.
            let arrows = glyphs.unicode ? "← → Home End" : "arrows, Home, End"
            f.put(truncate(" The selected value is replaced by what you type; \(arrows) edit it instead.", toWidth: rect.width, unicode: glyphs.unicode),
                  x: rect.x, y: rect.maxY - 1, role: .dim, maxWidth: rect.width)
        }
    }

    /// `text` with each word wider than `width` (a file's path) shortened in its middle with "…",
    /// so that the words around it are not pushed off its line.
    static func shorteningLongWords(_ text: String, to width: Int) -> String {
        let keep = max(4, width / 2 - 1)
        return text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            guard displayWidth(String(word)) > width, word.count > keep * 2 + 1 else { return String(word) }
            return String(word.prefix(keep)) + "…" + String(word.suffix(keep))
        }.joined(separator: " ")
    }

    /// The problem the form's bottom lines say: the store's refusal, else the focused field's
    /// own problem with its label (each invalid field is marked on its row; the one being
    /// corrected is said in full here).
    static func bottomProblem(_ form: FormState) -> String? {
        if let p = form.problem { return p }
        if let fld = form.focused, let e = fld.error {
            return e.lowercased().hasPrefix(fld.label.lowercased()) ? e : "\(fld.label): \(e)"
        }
        return nil
    }

    /// What the field's value is, when it is not simply what was typed: carried over from the
    /// previous entry, or prefilled so that the first key typed replaces it.
    static func note(_ field: FormField, focused: Bool, fresh: Bool, unicode: Bool) -> String? {
        let carried = field.showsCarriedValue ? (unicode ? "↺ carried over" : "(carried over)") : nil
        if focused && fresh && !field.input.text.isEmpty {
            return (carried.map { $0 + " · " } ?? "") + (unicode ? "typing replaces · ← → edit " : "typing replaces, arrows edit ")
        }
        return carried.map { $0 + " " } ?? field.hint.map { $0 + " " }
    }

    static func normaliseLower(_ s: String) -> String { s.lowercased() }
}
