/// What a person means by a case reference typed on the command line: the reference itself
/// (any case), or a bare number standing for the case numbered so in any year (`39` finds
/// `CS-2022-0039`).
public enum ReferenceQuery: Equatable, Sendable {
    case exact(String)
    case number(Int)

    /// Reads typed text; digits alone are a number.
    public init(_ text: String) {
        let t = text.trimmingSpaces
        if !t.isEmpty, t.count <= 9, t.unicodeScalars.allSatisfy({ $0.value >= 48 && $0.value <= 57 }), let n = Int(t) {
            self = .number(n)
        } else {
            self = .exact(t)
        }
    }

    /// Whether `reference` is one this query means.
    public func matches(_ reference: String) -> Bool {
        switch self {
        case .exact(let r): return normaliseCase(r) == normaliseCase(reference)
        case .number(let n):
            guard let last = reference.split(separator: "-").last, last.count <= 9,
                  last.unicodeScalars.allSatisfy({ $0.value >= 48 && $0.value <= 57 }) else { return false }
            return Int(last) == n
        }
    }

    /// As the databases compare references: A to Z in either case alike (`ContactCSV.referenceKey`).
    private func normaliseCase(_ s: String) -> String { ContactCSV.referenceKey(s.trimmingSpaces) }

    /// What to say when `typed` finds no case or several (nil: exactly one, go ahead). The
    /// command line and the screens' `:goto` say the same.
    public static func problem(_ typed: String, found references: [String]) -> String? {
        // What was typed, but not 100,000 characters of it back on the terminal.
        let typedClean = TextSanitiser.clean(typed.trimmingSpaces, allowLineBreaks: false).0
        let shown = typedClean.count > 40 ? String(typedClean.prefix(40)) + "…" : typedClean
        if references.isEmpty { return "no case \(shown)" + ContactCSV.lookalikeNote(typed) }
        if references.count > 1 {
            return "\(shown) matches \(references.count) cases (\(references.joined(separator: ", "))): give the whole reference"
        }
        return nil
    }
}
