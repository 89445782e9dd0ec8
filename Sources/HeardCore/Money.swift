/// Money as Heard keeps it: whole pence in an `Int`, written as pounds by integer arithmetic
/// only. A `Double` loses pence past about £90 trillion and writes a sum of two amounts another
/// tool stored out of all proportion as `9.223372036854776e+16`; whole pence never do either.
/// The one way every screen, report format and letter writes an amount.
public enum Money {
    /// Amounts are under £10,000,000: 1,000,000,000 pence is the first amount Heard does not
    /// believe. A typed amount must be under it (`MoveRequest.pence`, the workflow's forms and
    /// `heard move`, the import's `£` amounts); `heard check` names by row id every stored amount
    /// of it or more (only another tool can have written one).
    public static let limitPence = 1_000_000_000

    /// Pence as pounds with two decimals: 25000 → "250.00", -5 → "-0.05", Int.min whole.
    public static func pounds(_ pence: Int) -> String {
        let sign = pence < 0 ? "-" : ""
        let p = pence.magnitude
        let rest = p % 100
        return "\(sign)\(p / 100).\(rest < 10 ? "0" : "")\(rest)"
    }

    /// Pounds with commas between thousands, for people to read: 123450 → "1,234.50".
    public static func groupedPounds(_ pence: Int) -> String {
        ReportRenderer.thousands(pounds(pence))
    }

    /// Pounds as a JSON number, written as the report's JSON has always written its payments
    /// (a whole number of pounds with ".0", else the pence without a trailing nought):
    /// 25000 → `250.0`, 86250 → `862.5`, 86205 → `862.05`.
    public static func jsonNumber(_ pence: Int) -> String {
        let sign = pence < 0 ? "-" : ""
        let p = pence.magnitude
        let rest = p % 100
        if rest == 0 { return "\(sign)\(p / 100).0" }
        let places = rest % 10 == 0 ? "\(rest / 10)" : (rest < 10 ? "0\(rest)" : "\(rest)")
        return "\(sign)\(p / 100).\(places)"
    }

    /// Pounds (a report value another caller built as a number) in whole pence, nil when they
    /// do not fit an `Int` (or are not a number).
    public static func pence(pounds: Double) -> Int? {
        guard pounds.isFinite else { return nil }
        return Int(exactly: (pounds * 100).rounded())
    }

    /// What a report says where a sum of amounts does not fit an `Int` of pence: no figure at
    /// all rather than a wrong one. (The amounts behind it are named by `heard check`.)
    public static let tooLarge = "too large to add up"

    /// `total + amount`, nil when the sum does not fit (or `total` already did not): a report
    /// says so (`tooLarge`) rather than trap, wrap or print a clamped number as if it were the sum.
    public static func adding(_ amount: Int, to total: Int?) -> Int? {
        guard let total else { return nil }
        let (sum, overflow) = total.addingReportingOverflow(amount)
        return overflow ? nil : sum
    }
}
