import HeardCore

/// The documents screen (`D` on a case): the files kept with it, to attach another or save one out.
public struct DocumentsState: Sendable {
    public var contactID: Int64
    public var data: CaseDetailData?
    public var selection = 0

    public init(contactID: Int64, data: CaseDetailData? = nil) { self.contactID = contactID; self.data = data }

    public var documents: [DocumentInfo] { data?.correspondence.documents ?? [] }
    public var selected: DocumentInfo? { documents.indices.contains(selection) ? documents[selection] : nil }
}
