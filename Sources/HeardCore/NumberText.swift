/// A whole number as the screens and messages write it for people: 1234567 as "1,234,567"
/// (spreadsheets and JSON keep the plain number).
public func groupedNumber(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return (n < 0 ? "-" : "") + out
}
