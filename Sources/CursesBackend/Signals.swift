import CNCurses
#if canImport(Glibc)
import Glibc
#endif

/// Restores the terminal, then dies of the same signal (exit status 128 + signal).
private func restoreAndReraise(_ sig: Int32) {
    endwin()
    signal(sig, nil)
    raise(sig)
    _exit(128 + sig)
}

/// Installs handlers so an interrupted program never leaves the terminal in curses mode.
func installRestoringSignalHandlers() {
    for sig in [SIGINT, SIGTERM, SIGHUP] {
        signal(sig) { restoreAndReraise($0) }
    }
}
