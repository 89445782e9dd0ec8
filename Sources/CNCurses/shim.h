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

static inline FILE *heard_fopen(const char *path, const char *mode) { return fopen(path, mode); }

#endif
