/// Tab in a file's path (`D`, then `a`): the name completed as far as the folder's entries agree,
/// as a shell completes it. Pure: the runner lists the folder.
public enum PathCompletion {
    /// The folder to list for `path` (as expanded) and the start of the name typed in it.
    public static func split(_ path: String) -> (folder: String, prefix: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[...slash])
        return (folder, String(path[path.index(after: slash)...]))
    }

    /// What to add to the typed text, and the names that still match (none: no match; one: done).
    /// A lone folder gains its `/`; hidden entries show only when the name typed starts with a dot.
    public static func complete(prefix: String, entries: [(name: String, isFolder: Bool)]) -> (add: String, matches: [String]) {
        let matching = entries.filter { $0.name.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.name.hasPrefix(".")) }
            .sorted { $0.name < $1.name }
        guard let first = matching.first else { return ("", []) }
        if matching.count == 1 { return (String(first.name.dropFirst(prefix.count)) + (first.isFolder ? "/" : ""), [first.name]) }
        var common = Array(first.name)
        for e in matching.dropFirst() {
            let other = Array(e.name)
            var n = 0
            while n < common.count, n < other.count, common[n] == other[n] { n += 1 }
            common = Array(common.prefix(n))
        }
        return (String(common.dropFirst(prefix.count)), matching.map { $0.name + ($0.isFolder ? "/" : "") })
    }
}
