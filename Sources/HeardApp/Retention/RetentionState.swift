import HeardCore

/// `:retention`: the closed cases whose retention period has ended (due for disposal) and
/// those a legal hold keeps past their date, as `heard retention` lists them.
public struct RetentionState: Sendable {
    /// What the store found (`Store.retentionDue`); nil until it arrives.
    public var list: RetentionList?
    /// The rules in words ("6 years after closing; compliments 2").
    public var rules = ""
    public var selection = 0

    public init() {}

    /// Every case listed, the due ones first, then the held ones.
    public var items: [RetentionItem] { (list?.due ?? []) + (list?.held ?? []) }

    public var selected: RetentionItem? { items.indices.contains(selection) ? items[selection] : nil }
}
