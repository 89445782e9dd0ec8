/// A whole number as the screens and messages write it for people: 1234567 as "1,234,567"
/// (spreadsheets and JSON keep the plain number). The report's money is grouped by the same
/// rule (`ReportRenderer.thousands`).
public func groupedNumber(_ n: Int) -> String {
    ReportRenderer.thousands(String(n))
}

/// Cases named in a message as people read them: "CS-1", "CS-1 and CS-2", "CS-1, CS-2 and CS-3",
/// past three the first two and how many more ("CS-1, CS-2 and 1,748 more").
public func referenceList(_ refs: [String]) -> String {
    if refs.count > 3 { return refs.prefix(2).joined(separator: ", ") + " and \(groupedNumber(refs.count - 2)) more" }
    if refs.count > 1 { return refs.dropLast().joined(separator: ", ") + " and " + (refs.last ?? "") }
    return refs.first ?? ""
}

/// Names in a message: the first `first` of `items` and how many more ("a, b, c and 5 more").
public func namesWithMore(_ items: [String], first: Int = 8) -> String {
    items.prefix(first).joined(separator: ", ") + (items.count > first ? " and \(groupedNumber(items.count - first)) more" : "")
}

/// A count of working days in words: "1 working day", "3 working days".
public func workingDaysText(_ n: Int) -> String {
    "\(n) working day\(n == 1 || n == -1 ? "" : "s")"
}
