import CNCurses
#if canImport(Glibc)
import Glibc
#endif

/// Sets the locale from the environment; falls back to C.UTF-8; reports whether UTF-8 is in effect.
func setUpLocale() -> Bool {
    _ = setlocale(LC_ALL, "")
    if heard_codeset_is_utf8() != 0 { return true }
    if setlocale(LC_ALL, "C.UTF-8") != nil, heard_codeset_is_utf8() != 0 { return true }
    if setlocale(LC_ALL, "en_US.UTF-8") != nil, heard_codeset_is_utf8() != 0 { return true }
    _ = setlocale(LC_ALL, "")
    return false
}
