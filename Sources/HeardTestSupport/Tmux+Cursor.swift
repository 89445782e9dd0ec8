extension TmuxSession {
    /// Where the terminal cursor is in the pane, and whether it is shown (tmux's own record).
    public func cursor() throws -> (x: Int, y: Int, visible: Bool)? {
        let parts = try tmux(["display-message", "-p", "-t", "main", "#{cursor_x} #{cursor_y} #{cursor_flag}"])
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return (parts[0], parts[1], parts[2] == 1)
    }
}
