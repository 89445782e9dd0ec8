/// How text typed picks among a closed list of values: a form's choice field and its
/// completion, the filter panel's values, the suggestion for a name not on its list. One rule
/// for all of them (and the action line's `@owner` and `area:`, with a fold of their own):
/// compared as `fold` folds them (by default `normaliseWord`: case, `_`/`-` and runs of
/// spaces), the value that is the text itself comes first, then those that begin with it, then
/// those that hold it further on, each group in the list's own order. (Typing "Officer 2" among
/// Officer 29, 23, 26, 2 offered Officer 29, which Tab then took; found by a trial.)
public enum ChoiceMatch {
    /// The positions in `options` of the values `typed` matches, best first; every position,
    /// in order, when nothing (or only what the fold drops) is typed.
    public static func rankedIndices(_ typed: String, among options: [String], fold: (String) -> String = normaliseWord) -> [Int] {
        let key = fold(typed)
        if key.isEmpty { return Array(options.indices) }
        var exact: [Int] = [], starting: [Int] = [], inside: [Int] = []
        for (i, option) in options.enumerated() {
            let word = fold(option)
            if word == key { exact.append(i) } else if word.hasPrefix(key) { starting.append(i) } else if word.contains(key) { inside.append(i) }
        }
        return exact + starting + inside
    }

    /// The values `typed` matches, best first.
    public static func ranked(_ typed: String, among options: [String], fold: (String) -> String = normaliseWord) -> [String] {
        rankedIndices(typed, among: options, fold: fold).map { options[$0] }
    }

    /// The value `typed` matches best, if any.
    public static func best(_ typed: String, among options: [String]) -> String? {
        rankedIndices(typed, among: options).first.map { options[$0] }
    }
}
