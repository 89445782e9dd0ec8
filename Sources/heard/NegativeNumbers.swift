/// A negative number where a command takes a count from 1: swift-argument-parser reads `-1` as
/// an option, so `heard document get REF -1` said "Missing expected argument". No option of
/// Heard's is a digit, so such a word is a value given below 1; said in words, as bad usage.
enum NegativeNumbers {
    /// The message for `document get REF -N` (after any options), or nil.
    static func refused(_ args: [String]) -> String? {
        guard args.count >= 2, args[0] == "document", args[1] == "get" else { return nil }
        var i = 2
        while i < args.count {
            let a = args[i]
            if a == "--" { return nil }
            if a == "--db" || a == "--output" { i += 2; continue }
            if a.count > 1, a.hasPrefix("-"), a.dropFirst().allSatisfy(\.isASCII), a.dropFirst().allSatisfy(\.isNumber) {
                return "<N>: documents are numbered from 1 (\(a) given)"
            }
            i += 1
        }
        return nil
    }
}
