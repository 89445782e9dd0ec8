import TerminalUI

/// Draws the `:` command line over the status line, and its last problem above it.
enum CommandLineRender {
    static func render(_ input: TextInputState, problem: String?, _ s: ScreenContext, into f: inout Frame) {
        let y = s.size.height - 2
        f.fill(Rect(x: 0, y: y, width: s.size.width, height: 1), role: .input)
        let x = f.put(":", x: 0, y: y, role: .input)
        _ = TextInputView.render(input, into: &f, rect: Rect(x: x, y: y, width: s.size.width - x, height: 1))
        if let problem {
            // Its own row: what the screen drew there does not show after a short problem (a
            // list row's end read as part of the message).
            f.fill(Rect(x: 0, y: y - 1, width: s.size.width, height: 1), role: .messageError)
            f.put(truncate(problem, toWidth: s.size.width, unicode: s.unicode), x: 0, y: y - 1, role: .messageError, maxWidth: s.size.width)
        }
    }
}
