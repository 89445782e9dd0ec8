/// A negative number where a command takes a count from 1: swift-argument-parser reads `-1` as
/// an option, so `heard document get REF -1` said "Missing expected argument", and `heard action
/// complete -1` the same. No option of Heard's is a digit, so such a word is a value given below
/// 1; said in words, as bad usage.
enum NegativeNumbers {
    /// The commands whose positional at `place` (0 the first after the command's words) is a
    /// number from 1, what it numbers, and the options of theirs that take a value.
    private static let numbered: [(words: [String], place: Int, what: String, valued: Set<String>)] = [
        (["document", "get"], 1, "documents", ["--db", "--output"]),
        (["action", "note"], 0, "actions", ["--db", "--date"]),
        (["action", "complete"], 0, "actions", ["--db", "--date"]),
        (["action", "drop"], 0, "actions", ["--db", "--reason"]),
        (["action", "edit"], 0, "actions", ["--db", "--title", "--owner", "--due", "--tags", "--service-area"]),
    ]

    /// The message for such a command given `-N` where its number goes, or nil.
    static func refused(_ args: [String]) -> String? {
        guard let command = numbered.first(where: { args.starts(with: $0.words) }) else { return nil }
        var i = command.words.count
        var place = 0
        while i < args.count {
            let a = args[i]
            if a == "--" { return nil }
            if command.valued.contains(a) { i += 2; continue }
            if a.count > 1, a.hasPrefix("-"), a.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) {
                return place == command.place ? "<N>: \(command.what) are numbered from 1 (\(a) given)" : nil
            }
            if !a.hasPrefix("-") || a == "-" {
                if place == command.place { return nil }
                place += 1
            }
            i += 1
        }
        return nil
    }
}
