import CNCurses
#if canImport(Glibc)
import Glibc
#endif

/// Restores the terminal, then dies of the same signal (exit status 128 + signal).
private func restoreAndReraise(_ sig: Int32) {
    endwin()
    heard_bracketed_paste(0)
    signal(sig, nil)
    raise(sig)
    _exit(128 + sig)
}

/// Installs handlers so an interrupted program never leaves the terminal in curses mode, and a
/// crashing one (a trap, a bad pointer, an abort) restores it before the crash is reported
/// (`heard_install_fatal_handlers`, in C: only async-signal-safe calls there).
///
/// SIGTERM, SIGHUP and SIGINT (kill, a closed terminal, a dropped SSH session) are noted, not
/// obeyed at once (`heard_install_end_handlers`): the main loop ends as `q` ends it
/// (`endSignal`), so what waits for the file is written (a read of a case kept for the access log
/// was lost without a word; found by a trial); five seconds later, or at a second signal, the
/// process dies of it all the same, the terminal restored.
func installRestoringSignalHandlers() {
    // SIGQUIT (ctrl-\ where the terminal sends it, or kill -QUIT) too: Swift's runtime took it for
    // a crash, printed a backtrace over the screen and left with status 0.
    signal(SIGQUIT) { restoreAndReraise($0) }
    heard_install_fatal_handlers()
    heard_install_end_handlers()
    // kill -TSTP: bracketed paste off while stopped, on again when continued (ncurses's own
    // handler, which this one calls, knows nothing of it).
    heard_install_tstp_handler()
}

/// Saves the terminal's settings before curses changes them, for the crash handler. Here, beside
/// `installRestoringSignalHandlers`: the C state lives in this file's object code.
func saveTerminalForCrashes() {
    heard_save_terminal()
}

/// The signal that asked the program to end (SIGTERM, SIGHUP, SIGINT), or 0. Here, beside the
/// handlers: the C state lives in this file's object code.
func signalToEnd() -> Int32 { heard_end_signal() }

/// Ignores SIGINT and SIGQUIT while another program has the terminal (`heard_ignore_interrupts`).
func ignoreInterrupts(_ ignore: Bool) { heard_ignore_interrupts(ignore ? 1 : 0) }

/// The editor running (its pid) and its private folder, for `heard_end_now` to kill and empty
/// should Heard die at once meanwhile; pid 0 when none.
func noteChildForSignals(pid: Int32, folder: String?) { heard_child_set(pid, folder) }
