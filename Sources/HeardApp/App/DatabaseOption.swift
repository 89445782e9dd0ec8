extension AppState {
    /// `--db PATH` for the hints that name a command, PATH quoted for a POSIX shell when it holds
    /// anything but letters, digits and `@%+=:,./_-` (a URL's `?` and `&` would be taken by the
    /// shell). `path` is the store's own, which never holds a password.
    public static func databaseOption(_ path: String) -> String {
        let plain = !path.isEmpty && path.unicodeScalars.allSatisfy { c in
            c.isASCII && (("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || "@%+=:,./_-".unicodeScalars.contains(c))
        }
        return "--db " + (plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'")
    }
}
