import HeardCore

/// What a form is for: what its Enter does.
public enum FormPurpose: Equatable, Sendable {
    case newContact
    case editContact(Contact)
    case move(Move, contact: Contact)
    case addIssue(contact: Contact)
    case addAction(source: ActionSource?, serviceArea: String)
    case progressNote(ActionItem)
    case dropAction(ActionItem)
    /// Editing an action's title, owner, due date, tags and service area.
    case editAction(ActionItem)
    case bulk(BulkKind, ids: [Int64])
    case reportRange
    case reportAreas
    /// Exporting the report of this range and these service areas.
    case reportExport(period: Period, areas: [String])
    /// A contact logged in one line (`l`) on this case.
    case logContact(Contact)
    /// A legal hold set on a case with its reason, or lifted (`H`).
    case legalHold(Contact, lift: Bool)
    /// Anonymising one case on request, with a reason (`X` on the detail; `heard anonymise`).
    case anonymise(Contact)
    /// A file attached to a case by its path (`D`, then `a`).
    case attachDocument(contactID: Int64)
    /// A document of a case saved out to a path.
    case saveDocument(contactID: Int64, number: Int)
    /// A letter saved as md, html or docx (`L`, then `s`).
    case saveLetter(LetterFile)
}

public enum BulkKind: String, Equatable, Sendable { case assign, serviceArea, export }

/// A form pushed as a screen, with what it is for and a confirmation step when the move needs one.
public struct FormScreen: Equatable, Sendable {
    public var form: FormState
    public var purpose: FormPurpose
    /// Set after Enter on a move that ends or escalates a stage: the effects wait for `y`.
    public var confirming: [Effect]?
    public var confirmText: String = ""
    /// Enter sent the form's change to the store: the form closes when the store says it is
    /// saved, and stays open with what was typed and the reason when it is refused.
    public var saving = false

    public init(form: FormState, purpose: FormPurpose) { self.form = form; self.purpose = purpose }

    /// An empty form that holds a form's place on the stack while it is being updated.
    static let vacated = FormScreen(form: FormState(title: "", fields: []), purpose: .reportRange)
}
