/// How deeply a Mustache template nests its sections, counted by a plain scan before the
/// template is compiled: the Mustache parser recurses once per level, and a council's file
/// nested 1,000 deep (22 KB) overflowed the stack, stopping `heard letters`, every `heard
/// letter` and the app's `L`. No letter needs more than a few levels.
enum TemplateDepth {
    /// The most levels of `{{#…}}`, `{{^…}}`, `{{$…}}` and `{{<…}}` a template may nest.
    static let limit = 50

    /// Each tag of `text` in order, following set-delimiter tags (`{{=<% %>=}}`) so another
    /// pair of delimiters cannot hide one: its sigil (the byte after the opening delimiter) and
    /// what lies between that and the closing one. `body` returns false to stop.
    private static func eachTag(_ text: String, _ body: (UInt8, ArraySlice<UInt8>) -> Bool) {
        eachTag(text) { sigil, content, _, _ in body(sigil, content) }
    }

    /// `eachTag` with where each tag begins (its opening delimiter) and where it ends (after its
    /// closing one), in bytes of `text`'s UTF-8.
    private static func eachTag(_ text: String, _ body: (UInt8, ArraySlice<UInt8>, Int, Int) -> Bool) {
        let bytes = Array(text.utf8)
        var open = Array("{{".utf8), close = Array("}}".utf8)
        var i = 0
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
            var j = start
            while j <= bytes.count - needle.count {
                if bytes[j] == needle[0] && Array(bytes[j..<(j + needle.count)]) == needle { return j }
                j += 1
            }
            return nil
        }
        while let at = find(open, from: i) {
            let tag = at + open.count
            guard tag < bytes.count else { break }
            let sigil = bytes[tag]
            if sigil == UInt8(ascii: "=") {
                // {{=<% %>=}}: the new delimiters are the two words between the = signs.
                guard let end = find(Array("=".utf8) + close, from: tag + 1) else { break }
                let words = bytes[(tag + 1)..<end].split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
                i = end + 1 + close.count
                if words.count == 2 { open = Array(words[0]); close = Array(words[1]) }
                continue
            }
            guard let end = find(close, from: tag) else { break }
            if !body(sigil, bytes[min(tag + 1, end)..<end], at, end + close.count) { return }
            i = end + close.count
        }
    }

    /// The deepest nesting in `text` (set-delimiter tags followed, `eachTag`). It stops counting
    /// once past `stopAt`.
    static func deepest(_ text: String, stopAt: Int = Int.max) -> Int {
        var depth = 0, deepest = 0
        eachTag(text) { sigil, _ in
            switch sigil {
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"):
                depth += 1
                deepest = max(deepest, depth)
                if deepest > stopAt { return false }
            case UInt8(ascii: "/"):
                depth = max(0, depth - 1)
            default: break
            }
            return true
        }
        return deepest
    }

    /// The partials `text` names (`{{> name}}`, and `{{< name}}` for inheritance).
    static func partials(_ text: String) -> Set<String> { Set(partialCounts(text).keys) }

    /// How many times `text` names each partial (`{{> name}}`, `{{< name}}`); a dynamic name
    /// (`{{>*field}}`, a part chosen by the data) is counted under its written form, `*field`.
    static func partialCounts(_ text: String) -> [String: Int] {
        var names: [String: Int] = [:]
        eachTag(text) { sigil, content in
            if sigil == UInt8(ascii: ">") || sigil == UInt8(ascii: "<") {
                let name = String(decoding: content, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                if !name.isEmpty { names[name, default: 0] += 1 }
            }
            return true
        }
        return names
    }

    /// Whether `text` names a part by a field's value (`{{>*field}}`): which part, and so whether
    /// it includes itself, is known only from the data, and one that did overflowed the stack
    /// (found by an attack). Heard's letters name their parts.
    static func hasDynamicPartial(_ text: String) -> Bool { partialCounts(text).keys.contains { $0.hasPrefix("*") } }

    /// The most bytes a letter may grow to with its parts in it: parts that each name the next a
    /// thousand times made a letter of gigabytes and hung the screens (found by an attack).
    static let expandedLimit = 2_000_000

    /// `text`'s size with every part it names put in, as far as `expandedLimit` (past it, just
    /// over it); the parts' texts in `texts`, none including itself (`loopingPart` first).
    /// What a section (`{{#…}}`) is taken to repeat its inside for: it may be a list (the issues,
    /// the remedies, the address's lines), whose length only the case knows. Twenty sections of
    /// the issues inside one another made a letter of a 1.4 KB file grow past a gigabyte on a
    /// case of two issues (found by an attack); a letter's own sections are one or two deep.
    static let sectionRepeats = 20

    /// The fields that are lists (LetterFields.swift): only their sections repeat; a `has_…`
    /// section, or any other, shows its inside once at most.
    static let listFields: Set<String> = ["complainant_address", "issues", "remedies", "panel", "ombudsman_address", "letterhead", "council_address"]

    static func expandedSize(_ text: String, parts texts: [String: String]) -> Int {
        let cap = expandedLimit + 1
        func times(_ a: Int, _ b: Int) -> Int {
            let (p, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? cap : min(p, cap)
        }
        var memo: [String: Int] = [:]
        func size(_ t: String, depth: Int) -> Int {
            guard depth <= partChainLimit + 1 else { return t.utf8.count }
            var total = 0, last = 0
            // What each open section repeats its inside for: a list's (`listFields`) at most twenty
            // times, any other once.
            var repeats: [Int] = [1]
            eachTag(t) { sigil, content, start, end in
                let here = repeats.last ?? 1
                total = min(cap, total + times(start - last, here))
                last = end
                switch sigil {
                case UInt8(ascii: "#"):
                    let name = String(decoding: content, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    let field = name.split(separator: ".").last.map(String.init) ?? name
                    repeats.append(listFields.contains(field) ? times(here, sectionRepeats) : here)
                case UInt8(ascii: "^"), UInt8(ascii: "$"): repeats.append(here)
                case UInt8(ascii: "/"): if repeats.count > 1 { repeats.removeLast() }
                default: break
                }
                if sigil == UInt8(ascii: ">") || sigil == UInt8(ascii: "<") {
                    let name = String(decoding: content, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    if let part = texts[name] {
                        let each: Int
                        if let known = memo[name] { each = known } else { each = size(part, depth: depth + 1); memo[name] = each }
                        total = min(cap, total + times(each, here))
                    }
                    // `{{<parent}}` is a section too, closed by its `{{/parent}}`.
                    if sigil == UInt8(ascii: "<") { repeats.append(here) }
                }
                return total < cap
            }
            total = min(cap, total + times(t.utf8.count - last, repeats.last ?? 1))
            return total
        }
        return size(text, depth: 0)
    }

    /// The most parts a letter may pass through, one including the next (a letter's letterhead
    /// including a council's logo part is two).
    static let partChainLimit = 4

    /// The first of `candidates` (in order) that includes itself through the parts in `texts`
    /// (directly or by way of others), or begins a chain of parts longer than `partChainLimit`,
    /// with the way it does ("_a → _b → _a"); nil when none does. The renderer follows a part
    /// into itself until the stack overflows: a council's `_letterhead` that included itself
    /// stopped every letter and the screens with a crash (found by an attack).
    static func loopingPart(_ texts: [String: String], among candidates: [String]) -> (name: String, way: String)? {
        let refs = texts.mapValues { partials($0).filter { texts[$0] != nil }.sorted() }
        for start in candidates where texts[start] != nil {
            // Depth-first along each part it names, keeping the path.
            var stack: [[String]] = [[start]]
            while let path = stack.popLast() {
                guard let last = path.last else { continue }
                for next in refs[last] ?? [] {
                    let way = path + [next]
                    if next == start || path.contains(next) {
                        if next == start { return (start, way.joined(separator: " → ")) }
                        continue
                    }
                    if way.count > partChainLimit { return (start, way.joined(separator: " → ") + " → …") }
                    stack.append(way)
                }
            }
        }
        return nil
    }

    /// Why a template cannot be used, or nil: "sections are nested more than 50 deep".
    static func problem(_ text: String) -> String? {
        deepest(text, stopAt: limit) > limit ? "sections are nested more than \(limit) deep (a letter needs a few)" : nil
    }
}
