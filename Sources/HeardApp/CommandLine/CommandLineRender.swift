import TerminalUI

/// Draws the `:` command line over the status line, and its last problem above it.
enum CommandLineRender {
    static func render(_ input: TextInputState, problem: String?, _ s: ScreenContext, into f: inout Frame) {
        let y = s.size.height - 2
        f.fill(Rect(x: 0, y: y, width: s.size.width, height: 1), role: .input)
        let x = f.put(":", x: 0, y: y, role: .input)
        _ = TextInputView.render(input, into: &f, rect: Rect(x: x, y: y, width: s.size.width - x, height: 1))
        if let problem {
            // Its own rows, above the line (what the screen drew there does not show after a
            // short problem: a list row's end read as part of the message), as many as a message
            // takes: the end of "not a year … or a range (…)" is the form it wants.
            let most = max(1, min(Render.messageRowsAtMost, y - 1))
            Message(problem, kind: .error, now: 0).render(into: &f, rect: Rect(x: 0, y: y - most, width: s.size.width, height: most), glyphs: s.glyphs)
        }
    }
}
