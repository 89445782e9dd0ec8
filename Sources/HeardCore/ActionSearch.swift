/// What `/` on the action plan matches: every word typed, anywhere in the action's title,
/// owner, service area, source, tags or progress notes (case ignored).
extension ActionItem {
    /// Whether every word of `query` occurs in the action's text; an empty query matches all.
    public func matches(query: String) -> Bool {
        let words = query.split(separator: " ").map { normaliseWord(String($0)) }.filter { !$0.isEmpty }
        if words.isEmpty { return true }
        let haystack = normaliseWord(([title, detail, owner, serviceArea, source?.label ?? "", status.label]
                                      + tags.map { "#" + $0 } + notes.map(\.text)).joined(separator: " "))
        return words.allSatisfy { haystack.contains($0) }
    }
}
