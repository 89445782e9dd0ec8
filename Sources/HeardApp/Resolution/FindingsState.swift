import HeardCore

/// Findings on each issue at the current stage.
public struct FindingsState: Sendable {
    public var contactID: Int64
    public var data: CaseDetailData?
    public var selection = 0

    public init(contactID: Int64, data: CaseDetailData?) { self.contactID = contactID; self.data = data }

    public var stage: Int { data?.clock.current?.number ?? 1 }
}
