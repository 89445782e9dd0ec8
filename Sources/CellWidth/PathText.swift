/// Path arithmetic on text, for every module: Foundation's `NSString.deletingLastPathComponent`
/// traps (SIGILL) on a one-character relative path ("a", ".", "./"), which `heard backup b`,
/// `heard init --team G --db c` and starting Heard as `./heard` all gave it.
public enum PathText {
    /// The folder part of `path`, as `deletingLastPathComponent` means it: "" for a name alone,
    /// "/" for a name in the root, trailing slashes ignored ("a/b/" is in "a").
    public static func parent(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        if p == "/" { return "/" }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        if slash == p.startIndex { return "/" }
        var head = p[..<slash]
        while head.count > 1 && head.hasSuffix("/") { head = head.dropLast() }
        return String(head)
    }

    /// `parent(path)`, or "." when `path` is a name alone: the folder to look in or write beside.
    public static func folder(_ path: String) -> String {
        let p = parent(path)
        return p.isEmpty ? "." : p
    }
}
