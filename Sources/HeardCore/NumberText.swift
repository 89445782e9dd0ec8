/// A whole number as the screens and messages write it for people: 1234567 as "1,234,567"
/// (spreadsheets and JSON keep the plain number). The report's money is grouped by the same
/// rule (`ReportRenderer.thousands`).
public func groupedNumber(_ n: Int) -> String {
    ReportRenderer.thousands(String(n))
}
