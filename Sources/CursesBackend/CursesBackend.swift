import CNCurses
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// Paints TerminalUI frames with ncursesw and reads keys; the only code that calls ncurses.
public final class CursesBackend: TerminalBackend {
    /// The theme roles are painted with.
    public private(set) var theme: Theme
    /// The colour level in effect after asking the terminal.
    public private(set) var colorLevel: ColorLevel
    /// Whether the locale is UTF-8; when false the app should use ASCII fallbacks.
    public let supportsUnicode: Bool
    /// Cells written by the last `present` (for tests and diagnostics).
    public private(set) var cellsWrittenByLastPresent = 0

    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>
    private var files: [UnsafeMutablePointer<FILE>] = []
    private var previous: Frame?
    private var invalidated = true
    private var pairs: ColorPairs
    private var styleCache: [Role: (attrs: attr_t, pair: Int32)] = [:]
    private var isShutDown = false
    /// Whether this backend installed the signal handlers (`endSignal` reads what they noted).
    private var handlesSignals = false
    /// Whether this backend paints a real terminal (not headless): only then is bracketed paste
    /// turned on and off.
    private let ownsTerminal: Bool
    private var cursorVisible = false
    private var keyDecoding = KeyDecoding()
    /// Keys decoded from one escape sequence read together, handed out one per readKey.
    private var pendingKeys: [Key] = []

    /// Starts curses: locale, terminal modes, colours.
    public init(options: CursesBackendOptions) throws {
        supportsUnicode = setUpLocale()
        ownsTerminal = !options.headless
        let env = options.environment
        if options.headless {
            // ncurses takes a headless size from LINES and COLUMNS; put them back afterwards so
            // programs this process starts do not inherit a size that is not theirs.
            let savedLines = getenv("LINES").map { String(cString: $0) }
            let savedColumns = getenv("COLUMNS").map { String(cString: $0) }
            defer {
                if let v = savedLines { setenv("LINES", v, 1) } else { unsetenv("LINES") }
                if let v = savedColumns { setenv("COLUMNS", v, 1) } else { unsetenv("COLUMNS") }
            }
            setenv("LINES", String(options.headlessSize.height), 1)
            setenv("COLUMNS", String(options.headlessSize.width), 1)
            let input = options.headlessInput.flatMap { fdopen($0, "r") } ?? heard_fopen("/dev/null", "r")
            guard let out = heard_fopen("/dev/null", "w"), let inp = input else {
                throw CursesBackendError(description: "cannot open /dev/null")
            }
            files = [out, inp]
            let term = env["TERM"].flatMap { $0.isEmpty || $0 == "dumb" ? nil : $0 } ?? "xterm-256color"
            guard let s = newterm(term, out, inp) else {
                files.forEach { fclose($0) }
                throw CursesBackendError(description: "no terminal description for TERM=\(term)")
            }
            screen = s
            _ = set_term(s)
        } else {
            // Before curses changes them: a crash puts these settings back (Signals.swift).
            if options.installSignalHandlers { saveTerminalForCrashes() }
            guard let s = newterm(nil, heard_stdout(), heard_stdin()) else {
                throw CursesBackendError(description: "cannot start the terminal (is TERM set?)")
            }
            _ = set_term(s)
            guard heard_can_address_cursor() != 0 else {
                // TERM=dumb drew a hint bar and fragments, and the list could not be used (an
                // attack): said, with what to do, before anything else is sent to it.
                endwin()
                delscreen(s)
                let term = env["TERM"].map { sanitizeForDisplay($0) } ?? "(not set)"
                throw CursesBackendError(description: "the terminal TERM=\(term) cannot place the cursor, so the screens cannot be drawn on it; set TERM to your terminal's type (for example xterm-256color), or use the commands (heard --help)")
            }
            screen = s
        }
        guard let w = heard_stdscr() else { throw CursesBackendError(description: "no standard screen") }
        window = w
        if env["ESCDELAY"] == nil { _ = heard_set_escdelay(25) }
        // Raw, not cbreak: the terminal's flow control (ctrl-s froze the screen while keys still
        // acted unseen) and its signal keys are off, so ctrl-s and ctrl-q reach the app and ctrl-c
        // is a key the app answers as a request to leave (asking first in a form with changes)
        // instead of a SIGINT that threw the typed text away. The terminal is still restored on
        // exit and on SIGTERM/SIGHUP (installRestoringSignalHandlers).
        raw()
        noecho()
        nonl()
        keypad(window, true)
        keyDecoding.register()
        _ = curs_set(0)

        var level = options.colorLevel ?? ColorLevel.detect(environment: env, themeExplicitlyChosen: options.themeExplicitlyChosen)
        var direct = false
        if level != .mono && has_colors() {
            start_color()
            use_default_colors()
            level = level.capped(byTerminalColors: Int(heard_COLORS()), hasColors: true)
            direct = heard_COLORS() >= 0x1000000 || heard_tigetflag_RGB() != 0
            if level == .direct && !direct { level = .ansi256 }
        } else {
            level = .mono
        }
        colorLevel = level
        theme = options.theme
        pairs = ColorPairs(direct: direct, colors: heard_COLORS(), maxPairs: heard_COLOR_PAIRS())
        handlesSignals = options.installSignalHandlers
        if options.installSignalHandlers { installRestoringSignalHandlers() }
        // Pasted text arrives marked (ESC[200~ … ESC[201~) and is read as one paste, never as
        // keys: a newline in a paste ran the rest of it as commands.
        bracketedPaste(true)
    }

    /// Turns bracketed paste on or off on the real terminal.
    private func bracketedPaste(_ on: Bool) {
        if ownsTerminal { heard_bracketed_paste(on ? 1 : 0) }
    }

    deinit { shutdown() }

    /// Current terminal size.
    public var size: Size { Size(width: Int(heard_getmaxx(window)), height: Int(heard_getmaxy(window))) }

    /// Paints the cells that differ from the previous frame, then refreshes once.
    public func present(_ frame: Frame) {
        guard !isShutDown else { return }
        var base: Frame? = previous
        if invalidated || previous?.size != frame.size {
            werase(window)
            base = nil
            invalidated = false
        }
        var written = 0
        for change in frame.diff(from: base) where !change.cell.isContinuation {
            written += paint(change.cell, x: change.x, y: change.y)
        }
        cellsWrittenByLastPresent = written
        previous = frame
        if let c = cursorPosition { wmove(window, Int32(c.y), Int32(c.x)) }
        wnoutrefresh(window)
        doupdate()
    }

    /// Where the terminal cursor was last put (kept across presents).
    public private(set) var cursorPosition: Position?

    /// Moves the terminal cursor to `position` and shows it (`[ui] cursor = "visible"`) or
    /// hides it (curs_set); a hidden cursor is still moved, for tools that read its place.
    public func placeCursor(at position: Position?, visible: Bool) {
        guard !isShutDown else { return }
        if visible != cursorVisible {
            _ = curs_set(visible ? 1 : 0)
            cursorVisible = visible
        }
        guard let p = position else { return }
        let size = self.size
        cursorPosition = Position(x: min(max(0, p.x), max(0, size.width - 1)), y: min(max(0, p.y), max(0, size.height - 1)))
        if let c = cursorPosition { wmove(window, Int32(c.y), Int32(c.x)) }
        wnoutrefresh(window)
        doupdate()
    }

    private func paint(_ cell: Cell, x: Int, y: Int) -> Int {
        let (attrs, pair) = style(for: cell.role)
        var cc = cchar_t()
        if !supportsUnicode && !cell.grapheme.unicodeScalars.allSatisfy({ $0.isASCII }) {
            var q: [wchar_t] = [wchar_t(63), 0]
            _ = heard_setcchar(&cc, &q, attrs, pair)
            mvwadd_wch(window, Int32(y), Int32(x), &cc)
            if cell.width == 2 { mvwadd_wch(window, Int32(y), Int32(x + 1), &cc); return 2 }
            return 1
        }
        var wch: [wchar_t] = []
        wch.reserveCapacity(6)
        for s in cell.grapheme.unicodeScalars.prefix(Int(heard_cchar_max())) { wch.append(wchar_t(bitPattern: s.value)) }
        if wch.isEmpty { wch.append(32) }
        wch.append(0)
        _ = heard_setcchar(&cc, &wch, attrs, pair)
        mvwadd_wch(window, Int32(y), Int32(x), &cc)
        return 1
    }

    private func style(for role: Role) -> (attr_t, Int32) {
        if let s = styleCache[role] { return s }
        let st = theme.style(for: role, level: colorLevel)
        var a = heard_A_NORMAL()
        if st.attributes.contains(.bold) { a |= heard_A_BOLD() }
        if st.attributes.contains(.underline) { a |= heard_A_UNDERLINE() }
        if st.attributes.contains(.reverse) { a |= heard_A_REVERSE() }
        if st.attributes.contains(.dim) { a |= heard_A_DIM() }
        if st.attributes.contains(.italic) { a |= heard_A_ITALIC() }
        let p = colorLevel == .mono ? 0 : pairs.pair(fg: st.fg, bg: st.bg)
        styleCache[role] = (a, p)
        return (a, p)
    }

    /// The next key within the timeout (negative: wait); a resize invalidates the screen and reports `.resize`.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard !isShutDown else { return nil }
        if !pendingKeys.isEmpty { return pendingKeys.removeFirst() }
        wtimeout(window, Int32(clamping: timeoutMilliseconds))
        var ch: wint_t = 0
        let r = wget_wch(window, &ch)
        if r == KEY_CODE_YES {
            // A mouse report ncurses knew the start of (kmous): its rest is no key either.
            if Int32(bitPattern: ch) == KEY_MOUSE { drainMouseReport(); return readKey(timeoutMilliseconds: 0) }
            if Int32(bitPattern: ch) == keyDecoding.pasteStart { return readPaste() }
            let key = keyDecoding.key(forCode: Int32(bitPattern: ch))
            if key == .resize { invalidated = true }
            return key
        }
        if r == OK, ch == 27 { return escapeSequence() }
        // An 8-bit introducer (U+009B for ESC [): the same sequence as its 7-bit form.
        if r == OK, let u = Unicode.Scalar(UInt32(ch)), let seven = KeySequences.sevenBitForm(of: u) { return escapeSequence(seven) }
        if r == OK { return KeyMapping.key(forChar: UInt32(ch)) }
        return nil
    }

    /// The bytes after a mouse report's start that ncurses matched (`ESC [ <` or `ESC [ M` by the
    /// terminfo entry): SGR's parameters and final M or m, or X10's three bytes. None is typed.
    private func drainMouseReport() {
        let sgr = heard_kmous_is_sgr() != 0
        var taken = 0
        while taken < 64, let u = nextWaitingScalar() {
            taken += 1
            if !sgr { if taken == 3 { return } else { continue } }
            if (0x30...0x3F).contains(u.value) { continue }
            return  // the final byte
        }
    }

    /// The next character already sent (waiting a moment for the rest of a reply), or nil.
    private func nextWaitingScalar() -> Unicode.Scalar? {
        wtimeout(window, 30)
        var ch: wint_t = 0
        let r = wget_wch(window, &ch)
        guard r == OK else {
            if r == KEY_CODE_YES { _ = ungetch(Int32(bitPattern: ch)) }  // a key: read next time
            return nil
        }
        return Unicode.Scalar(UInt32(ch))
    }

    /// Esc arrived: ncurses hands over a sequence it did not recognise as Esc and the bytes after
    /// it, already waiting. Read those (never wait for more) and decode them together: alt-b,
    /// `ESC[1~` from a terminal the terminfo entry does not describe, or Esc alone.
    private func escapeSequence(_ start: String = "\u{1B}") -> Key? {
        var text = start
        var after: Key?
        wtimeout(window, 0)
        // A string (a title, a colour or DCS reply) may be long; a key sequence is short.
        while text.unicodeScalars.count < (KeySequences.isInString(text) ? 4096 : 32) {
            var ch: wint_t = 0
            // Inside a string the terminal's reply is still arriving: wait a moment for its end
            // rather than type the rest of it.
            if KeySequences.isInString(text) && text.unicodeScalars.count > 2 { wtimeout(window, 30) }
            let r = wget_wch(window, &ch)
            if r == KEY_CODE_YES { after = keyDecoding.key(forCode: Int32(bitPattern: ch)); break }
            guard r == OK, let scalar = Unicode.Scalar(UInt32(ch)) else { break }
            // A second Esc starts the next sequence (give it back for the next read), except in
            // a string, where ESC \\ ends it.
            if ch == 27 && !KeySequences.isInString(text) { _ = unget_wch(wchar_t(27)); break }
            text.unicodeScalars.append(scalar)
            // A sequence ends at its final byte; what follows is the next key.
            if KeySequences.isComplete(text) { break }
        }
        // Bracketed paste's start, when ncurses did not take it as a key of its own.
        if after == nil, KeySequences.sevenBit(text) == BracketedPaste.start { return readPaste() }
        var keys = KeySequences.decode(text)
        if let after { keys.append(after) }
        if after == .resize { invalidated = true }
        // A sequence that means nothing here is dropped whole; the key after it is read now.
        guard !keys.isEmpty else { return readKey(timeoutMilliseconds: 0) }
        let first = keys.removeFirst()
        pendingKeys += keys
        return first
    }

    /// The text of a paste, read up to its end marker, as one key. Nothing in it is a key: an
    /// escape sequence ncurses decodes inside it (a pasted arrow's bytes) is dropped, and what
    /// comes past `BracketedPaste.limit` is read and dropped (the key says it was cut). A paste
    /// whose end never comes (a terminal that lost it) ends after a second with nothing more.
    private func readPaste() -> Key {
        var collector = BracketedPaste.Collector()
        while !collector.ended {
            wtimeout(window, 1000)
            var ch: wint_t = 0
            let r = wget_wch(window, &ch)
            if r == KEY_CODE_YES {
                let code = Int32(bitPattern: ch)
                if code == keyDecoding.pasteEnd { collector.finish(); break }
                if code == KEY_RESIZE { invalidated = true; pendingKeys.append(.resize) }
                continue
            }
            guard r == OK, let u = Unicode.Scalar(UInt32(ch)) else { break }
            collector.take(u)
        }
        return collector.key
    }

    /// Leaves curses mode so another program (e.g. $EDITOR) can use the terminal.
    public func suspend() {
        guard !isShutDown else { return }
        bracketedPaste(false)
        def_prog_mode()
        endwin()
    }

    /// Whether a program of Heard's (the editor) has the terminal: its ctrl-c and ctrl-\ are its
    /// own meanwhile, not a request for Heard to end.
    public func childRunning(_ running: Bool) {
        guard handlesSignals else { return }
        ignoreInterrupts(running)
    }

    /// The program running (pid 0: none) and its private folder: killed and emptied should
    /// Heard die at once while it runs (a second signal, or the five seconds' backstop).
    public func noteChild(pid: Int32, folder: String?) {
        guard handlesSignals else { return }
        noteChildForSignals(pid: pid, folder: folder)
    }

    /// Returns to curses mode; the next present repaints everything.
    public func resume() {
        guard !isShutDown else { return }
        reset_prog_mode()
        bracketedPaste(true)
        clearok(window, true)
        invalidated = true
    }

    /// Paints with another theme from the next frame on.
    public func apply(theme newTheme: Theme) {
        theme = newTheme
        styleCache.removeAll()
        invalidate()
    }

    /// Forgets what is on screen: the next present clears and repaints everything.
    public func invalidate() {
        guard !isShutDown else { return }
        clearok(window, true)
        invalidated = true
    }

    /// Restores the terminal; safe to call more than once.
    public var endSignal: Int32 {
        guard handlesSignals else { return 0 }
        let sig = signalToEnd()
        if sig != 0 { return sig }
        // The terminal gone without a SIGHUP reaching this process (a parent that ignores it and
        // does not pass it on): every read returns at once with nothing, for ever (a re-check saw
        // 93 % of a core for ten minutes, the file held open). Taken for the hang-up it is.
        var p = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        if poll(&p, 1, 0) > 0, p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return SIGHUP }
        return 0
    }

    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        bracketedPaste(false)
        endwin()
        if let s = screen { delscreen(s) }
        screen = nil
        files.forEach { fclose($0) }
        files = []
    }

    /// What is painted on screen, one string per row; a wide char appears once (headless tests).
    public func readBack() -> [String] {
        let rows = Int(heard_getmaxy(window)), cols = Int(heard_getmaxx(window))
        var out: [String] = []
        var buf = [cchar_t](repeating: cchar_t(), count: cols + 1)
        var text = [wchar_t](repeating: 0, count: 8)
        for y in 0..<rows {
            _ = mvwin_wchnstr(window, Int32(y), 0, &buf, Int32(cols))
            // win_wchnstr leaves out the continuation cells of wide chars, so walk entries by width.
            var line = ""
            var x = 0
            var i = 0
            while x < cols, i < cols {
                let n = heard_getcchar_text(&buf[i], &text, Int32(text.count))
                i += 1
                if n == 0 { line += " "; x += 1; continue }
                var g = String.UnicodeScalarView()
                for k in 0..<Int(n) { if let s = Unicode.Scalar(UInt32(bitPattern: text[k])) { g.append(s) } }
                line += String(g)
                x += max(1, Int(wcswidth(text, Int(n))))
            }
            out.append(line)
        }
        return out
    }
}
