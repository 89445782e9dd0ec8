#ifndef HEARD_CNCURSES_SHIM_H
#define HEARD_CNCURSES_SHIM_H

/* Wide-character curses: without these Swift cannot see get_wch, cchar_t, setcchar. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include <curses.h>
#include <term.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <time.h>

/* Not visible from Glibc in Swift. */
extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);

/* Attributes: macros Swift cannot import. */
static inline attr_t heard_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t heard_A_BOLD(void) { return A_BOLD; }
static inline attr_t heard_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t heard_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t heard_A_DIM(void) { return A_DIM; }
static inline attr_t heard_A_ITALIC(void) { return A_ITALIC; }

/* C globals Swift 6 rejects as not concurrency-safe. */
static inline WINDOW *heard_stdscr(void) { return stdscr; }
static inline int heard_LINES(void) { return LINES; }
static inline int heard_COLS(void) { return COLS; }
static inline int heard_COLORS(void) { return COLORS; }
static inline int heard_COLOR_PAIRS(void) { return COLOR_PAIRS; }
static inline FILE *heard_stdout(void) { return stdout; }
static inline FILE *heard_stdin(void) { return stdin; }

static inline int heard_getmaxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int heard_getmaxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }

/* Whether the terminal set up can place the cursor (TERM=dumb, or a description without it,
   cannot draw a screen: only fragments of one appeared). */
static inline int heard_can_address_cursor(void) {
    const char *s = tigetstr("cup");
    return s != NULL && s != (const char *)-1;
}

static inline int heard_KEY_F(int n) { return KEY_F(n); }
static inline int heard_KEY_F0(void) { return KEY_F0; }

/* ncurses >= 6.1: extended colour pairs. */
static inline int heard_has_extended_colors(void) {
#if NCURSES_EXT_COLORS
    return 1;
#else
    return 0;
#endif
}

/* Build a cchar_t carrying an int colour pair (via the opts pointer, so pairs > 32767 work). */
static inline int heard_setcchar(cchar_t *cc, const wchar_t *wch, attr_t attrs, int pair) {
    int p = pair;
    return setcchar(cc, wch, attrs, (short)(pair > 32767 ? 0 : pair), &p);
}

/* Copy out the characters of a cchar_t (at most CCHARW_MAX + terminator). Returns count. */
static inline int heard_getcchar_text(const cchar_t *cc, wchar_t *out, int outLen) {
    attr_t attrs = 0; short pair = 0; int ext = 0;
    wchar_t buf[CCHARW_MAX + 1];
    if (getcchar(cc, buf, &attrs, &pair, &ext) == ERR) { if (outLen > 0) out[0] = 0; return 0; }
    int n = 0;
    while (n < CCHARW_MAX && buf[n] != 0 && n < outLen - 1) { out[n] = buf[n]; n++; }
    out[n] = 0;
    return n;
}

static inline int heard_cchar_max(void) { return CCHARW_MAX; }

/* Is the codeset of the current locale UTF-8? */
static inline int heard_codeset_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    if (!cs) return 0;
    return (cs[0] == 'U' || cs[0] == 'u') && (cs[1] == 'T' || cs[1] == 't') && (cs[2] == 'F' || cs[2] == 'f');
}

static inline int heard_tigetflag_RGB(void) {
    int r = tigetflag("RGB");
    return r > 0;
}

/* Does the terminfo entry's mouse key (kmous) start an SGR report (ESC [ <) rather than X10's (ESC [ M)? */
static inline int heard_kmous_is_sgr(void) {
    char *k = tigetstr("kmous");
    if (k == NULL || k == (char *)-1) return 0;
    size_t n = 0; while (k[n]) n++;
    return n > 0 && k[n - 1] == '<';
}

static inline int heard_set_escdelay(int ms) { return set_escdelay(ms); }

/* Bracketed paste (xterm mode 2004) on or off, written straight to the terminal (fd 1, where
   newterm writes): async-signal-safe, so the signal handlers' restore path can turn it off. */
static inline void heard_bracketed_paste(int on) {
    const char *seq = on ? "\033[?2004h" : "\033[?2004l";
    ssize_t w = write(STDOUT_FILENO, seq, 8); (void)w;
}

/* SIGTSTP from outside (kill -TSTP; ctrl-z is a key, the terminal being raw): ncurses's own
   handler gives the terminal back and takes it again on SIGCONT, but knows nothing of bracketed
   paste, which stayed on in the shell while the app was stopped. This handler turns it off, lets
   the handler that was there before stop the process (or stops it itself), and turns it on
   again once continued. State in a function-local static, as heard_fatal's. */
static inline struct sigaction *heard_tstp_previous(void) {
    static struct sigaction previous;
    return &previous;
}

static inline void heard_tstp(int sig) {
    heard_bracketed_paste(0);
    struct sigaction *prev = heard_tstp_previous();
    if (!(prev->sa_flags & SA_SIGINFO) && prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN && prev->sa_handler) {
        prev->sa_handler(sig);
    } else {
        struct sigaction mine, dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        sigaction(SIGTSTP, &dfl, &mine);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGTSTP);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        raise(SIGTSTP);
        sigaction(SIGTSTP, &mine, NULL);
    }
    heard_bracketed_paste(1);
}

/* Installs heard_tstp over the handler there now (ncurses's, set by newterm); left alone when
   SIGTSTP is ignored (a shell without job control). */
static inline void heard_install_tstp_handler(void) {
    struct sigaction current;
    if (sigaction(SIGTSTP, NULL, &current) != 0 || current.sa_handler == SIG_IGN) return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = heard_tstp;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTSTP, &sa, heard_tstp_previous());
}

static inline FILE *heard_fopen(const char *path, const char *mode) { return fopen(path, mode); }

/* A crash (a Swift trap is SIGILL or SIGTRAP, a bad pointer SIGSEGV/SIGBUS, abort() SIGABRT)
   must not leave the terminal raw, without echo, on the alternate screen with the cursor
   hidden. The terminal's settings from before curses and the terminfo strings that undo its
   screen are saved up front; the handler uses only async-signal-safe calls (tcsetattr, write,
   signal, raise), then calls the handler that was there before (the Swift runtime's backtracer)
   and dies of the signal. */
struct heard_fatal_state {
    struct termios termios;
    int termios_ok;
    char seq[256];
    size_t len;
    struct sigaction previous[32];
};

/* The one state (a function-local static: a header's globals are not emitted for Swift).
   Call these functions from one Swift file only: each object file has its own copy. */
static inline struct heard_fatal_state *heard_fatal(void) {
    static struct heard_fatal_state state;
    return &state;
}

/* The terminal as it was before curses, with the saved sequences that undo its screen
   (async-signal-safe: tcsetattr and write only). */
static inline void heard_restore_terminal_now(void) {
    struct heard_fatal_state *f = heard_fatal();
    if (f->termios_ok) tcsetattr(0, TCSANOW, &f->termios);
    if (f->len > 0) { ssize_t w = write(1, f->seq, f->len); (void)w; }
}

/* Dies of `sig` (its default action, unblocked), or exits 128 + sig should it not kill. */
static inline void heard_die_of(int sig) {
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);
}

static inline void heard_fatal_restore(int sig, siginfo_t *info, void *context) {
    struct heard_fatal_state *f = heard_fatal();
    heard_restore_terminal_now();
    /* The handler that was there before (the Swift runtime's crash reporter) is called as it
       would have been; whatever it does, the process then dies of the signal, as a crash must:
       a handler that returns would leave the program running on a cooked terminal. */
    if (sig > 0 && sig < 32) {
        struct sigaction *prev = &f->previous[sig];
        if (prev->sa_flags & SA_SIGINFO) {
            if (prev->sa_sigaction) prev->sa_sigaction(sig, info, context);
        } else if (prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN && prev->sa_handler) {
            prev->sa_handler(sig);
        }
    }
    heard_die_of(sig);
}

static inline void heard_append_capability(const char *name) {
    struct heard_fatal_state *f = heard_fatal();
    char *cap = tigetstr((char *)name);
    if (cap == NULL || cap == (char *)-1) return;
    size_t n = strlen(cap);
    if (f->len + n >= sizeof(f->seq) - 2) return;
    memcpy(f->seq + f->len, cap, n);
    f->len += n;
}

/* Saves the terminal's current settings (call before curses changes them). */
static inline void heard_save_terminal(void) {
    struct heard_fatal_state *f = heard_fatal();
    f->termios_ok = tcgetattr(0, &f->termios) == 0;
}

/* SIGTERM, SIGHUP or SIGINT asks the program to end (kill, a closed terminal, a dropped SSH
   session): the signal is noted for the main loop, which ends as q would (what waits is written,
   the terminal restored), and an alarm is set in case it cannot: when it rings, or when a second
   such signal comes, the terminal is restored here and the process dies of the first signal. */
static inline volatile sig_atomic_t *heard_end_signal_slot(void) {
    static volatile sig_atomic_t sig;
    return &sig;
}

/* The editor Heard is running, and the files of its private folder to remove, should Heard die
   at once (a second signal, or the backstop) while it runs: the editor is killed and its folder
   emptied of the text and the copies editors keep of it, paths made beforehand (only kill, unlink
   and rmdir here, which are async-signal-safe). */
#define HEARD_CHILD_FILES 9
struct heard_child_state {
    volatile pid_t pid;
    volatile int ready;
    char folder[512];
    char files[HEARD_CHILD_FILES][600];
};

static inline struct heard_child_state *heard_child(void) {
    static struct heard_child_state c;
    return &c;
}

static inline void heard_child_set(int pid, const char *folder) {
    struct heard_child_state *c = heard_child();
    c->ready = 0;
    c->pid = (pid_t)pid;
    if (pid <= 0 || folder == NULL || strlen(folder) >= sizeof c->folder) return;
    static const char *names[HEARD_CHILD_FILES] = {
        "text.txt", ".text.txt.swp", ".text.txt.swo", ".text.txt.swn", "text.txt.save",
        "ed.hup", "text.txt~", "#text.txt#", ".#text.txt"
    };
    strcpy(c->folder, folder);
    for (int i = 0; i < HEARD_CHILD_FILES; i++) {
        size_t n = strlen(folder);
        memcpy(c->files[i], folder, n);
        c->files[i][n] = '/';
        strcpy(c->files[i] + n + 1, names[i]);
    }
    c->ready = 1;
}

static inline void heard_child_end_now(void) {
    struct heard_child_state *c = heard_child();
    if (c->pid <= 0) return;
    kill(c->pid, SIGKILL);
    if (!c->ready) return;
    for (int i = 0; i < HEARD_CHILD_FILES; i++) unlink(c->files[i]);
    rmdir(c->folder);
}

static inline void heard_end_now(int unused) {
    (void)unused;
    int sig = (int)*heard_end_signal_slot();
    heard_child_end_now();
    heard_restore_terminal_now();
    heard_die_of(sig > 0 ? sig : SIGTERM);
}

/* When the first such signal came (CLOCK_MONOTONIC, milliseconds). */
static inline volatile long long *heard_end_signal_time(void) {
    static volatile long long ms;
    return &ms;
}

static inline long long heard_now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static inline void heard_end_requested(int sig) {
    volatile sig_atomic_t *slot = heard_end_signal_slot();
    if (*slot != 0) {
        /* A closed terminal sends SIGHUP twice at once (the shell's and the kernel's): the same
           signal within half a second is the same request, not a second one. */
        if (*slot == sig && heard_now_ms() - *heard_end_signal_time() < 500) return;
        heard_end_now(0);
    }
    *slot = sig;
    *heard_end_signal_time() = heard_now_ms();
    signal(SIGALRM, heard_end_now);
    alarm(5);
}

/* Installs heard_end_requested on SIGTERM, SIGHUP and SIGINT. */
static inline void heard_install_end_handlers(void) {
    int signals[] = { SIGTERM, SIGHUP, SIGINT };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = heard_end_requested;
        sigemptyset(&sa.sa_mask);
        sigaction(signals[i], &sa, NULL);
    }
}

/* While another program (the editor) has the terminal, ctrl-c and ctrl-\ are its own: the
   terminal sends SIGINT and SIGQUIT to the whole foreground group, and Heard, still in it, took
   them as a request to end (or, for SIGQUIT, died). Ignored meanwhile, as git does around its
   editor; the child gets them at their default (`posix_spawnattr_setsigdefault`). */
static inline struct sigaction *heard_interrupts_saved(void) {
    static struct sigaction saved[2];
    return saved;
}

static inline void heard_ignore_interrupts(int ignore) {
    static int ignoring;
    struct sigaction *saved = heard_interrupts_saved();
    if (ignore && !ignoring) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = SIG_IGN;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &saved[0]);
        sigaction(SIGQUIT, &sa, &saved[1]);
        ignoring = 1;
    } else if (!ignore && ignoring) {
        sigaction(SIGINT, &saved[0], NULL);
        sigaction(SIGQUIT, &saved[1], NULL);
        ignoring = 0;
    }
}

/* The signal that asked the program to end (0: none). */
static inline int heard_end_signal(void) { return (int)*heard_end_signal_slot(); }

/* Installs the restorer on the fatal signals (call after newterm, so terminfo is loaded). */
static inline void heard_install_fatal_handlers(void) {
    struct heard_fatal_state *f = heard_fatal();
    f->len = 0;
    heard_append_capability("sgr0");
    heard_append_capability("cnorm");
    heard_append_capability("rmkx");
    heard_append_capability("rmcup");
    /* Bracketed paste off: a shell after a crash would otherwise see ESC[200~ around every paste. */
    memcpy(f->seq + f->len, "\033[?2004l", 8);
    f->len += 8;
    f->seq[f->len++] = '\r';
    f->seq[f->len++] = '\n';
    /* A stack of its own for the restorer (SA_ONSTACK asks for it): a stack overflow's SIGSEGV
       cannot run a handler on the stack that overflowed, and the terminal was left on the
       alternate screen with the cursor hidden (found by an attack). The main thread's. */
    static char alternate_stack[1 << 16];
    stack_t ss;
    memset(&ss, 0, sizeof ss);
    ss.ss_sp = alternate_stack;
    ss.ss_size = sizeof alternate_stack;
    sigaltstack(&ss, NULL);
    int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS, SIGQUIT };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = heard_fatal_restore;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_ONSTACK | SA_SIGINFO;
        sigaction(signals[i], &sa, &f->previous[signals[i]]);
    }
}

#endif
