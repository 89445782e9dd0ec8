import TerminalUI

extension FormRender {
    /// The form's preview under its fields (how the contact log's line reads), and a caret under
    /// the focused field at the place a problem is. Returns the next free line.
    static func renderPreview(_ form: FormState, into f: inout Frame, rect: Rect, y start: Int, x: Int, glyphs: Glyphs) -> Int {
        guard !form.preview.isEmpty else { return start }
        var y = start
        if let at = form.previewProblemAt, let field = form.focused, y - 1 >= rect.y {
            // The field scrolls when the text is longer than it: the caret goes where the text
            // shows the problem, else at the field's end.
            let width = max(4, min(rect.maxX - x - 1, 60))
            let before = displayWidth(String(field.input.text.prefix(at)))
            let cx = x + min(width - 1, max(0, before - field.input.scroll))
            if y < rect.maxY - 2 { f.put(glyphs.unicode ? "↑" : "^", x: cx, y: y, role: .messageError) }
            y += 1
        } else {
            y += 1
        }
        for line in form.preview {
            if y >= rect.maxY - 2 { break }
            let role: Role = form.previewProblemAt != nil ? .messageError : .dim
            f.put(truncate(line, toWidth: rect.width - 2, unicode: glyphs.unicode), x: rect.x + 1, y: y, role: role, maxWidth: rect.width - 2)
            y += 1
        }
        return y
    }
}
