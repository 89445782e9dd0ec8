import HeardCore

/// The respond form's remedies: as many as the response made (an apology and a payment and a
/// service change …). Each slot is a kind, a payment's amount in pounds and a note; choosing a
/// kind in the last slot opens another, so a form starts short and grows as it is filled.
enum RemedySlots {
    /// The field keys of slot `n` (from 1): the first keeps the names the form always had.
    static func kindKey(_ n: Int) -> String { n == 1 ? "remedy" : "remedy\(n)" }
    static func amountKey(_ n: Int) -> String { n == 1 ? "amount" : "amount\(n)" }
    static func noteKey(_ n: Int) -> String { n == 1 ? "note" : "note\(n)" }

    /// The choices of a slot's kind.
    static let choices = ["none"] + RemedyKind.allCases.map(\.label)

    /// The fields of slot `n`.
    static func fields(_ n: Int) -> [FormField] {
        [FormField(kindKey(n), n == 1 ? "Remedy" : "Remedy \(n)", .choice(choices), value: "none"),
         FormField(amountKey(n), "Payment £", .text),
         FormField(noteKey(n), n == 1 ? "Remedy note" : "Remedy \(n) note", .text)]
    }

    /// How many slots the form holds.
    static func count(_ f: FormState) -> Int {
        var n = 0
        while f.fields.contains(where: { $0.key == kindKey(n + 1) }) { n += 1 }
        return n
    }

    /// Whether slot `n` names a remedy (anything typed but "none"; a kind that is not one is
    /// named so the form can say so).
    static func isChosen(_ f: FormState, _ n: Int) -> Bool {
        let t = f[kindKey(n)].trimmingSpaces
        return !t.isEmpty && normaliseWord(t) != "none"
    }

    /// After each key: one empty slot after the last one chosen, the slots beyond it hidden.
    static func refresh(_ f: inout FormState) {
        let count = count(f)
        guard count > 0 else { return }
        let lastChosen = (1...count).last { isChosen(f, $0) } ?? 0
        let shown = lastChosen + 1
        if shown > count { f.fields += fields(shown) }
        for n in 2...max(2, max(count, shown)) {
            for key in [kindKey(n), amountKey(n), noteKey(n)] { f.setHidden(key, n > shown) }
        }
    }

    /// The remedies named, in slot order, each with its slot number.
    static func inputs(_ f: FormState) -> [(slot: Int, input: RemedyInput)] {
        (1...max(1, count(f))).filter { isChosen(f, $0) }.map { n in
            (n, RemedyInput(kind: f[kindKey(n)], amount: f[amountKey(n)], note: f[noteKey(n)]))
        }
    }
}
