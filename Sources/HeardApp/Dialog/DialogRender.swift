import TerminalUI

/// Draws a dialog over everything, its choices as buttons.
enum DialogRender {
    static func render(_ d: DialogState, _ s: ScreenContext, into f: inout Frame) {
        let buttons = d.choices.map { Hint(key: String($0.key), label: $0.label) } + [Hint(key: "esc", label: d.choices.isEmpty ? "close" : "cancel")]
        var dialog = Dialog(title: d.title, lines: DialogUpdate.shownLines(d, size: s.size), buttons: buttons, glyphs: s.glyphs)
        dialog.minimumWidth = d.listWidth
        _ = dialog.render(into: &f, area: Rect(x: 0, y: 0, width: s.size.width, height: s.size.height))
    }
}
