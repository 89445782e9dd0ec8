import HeardCore
import TerminalUI

/// `H` on a case: set a legal hold (or lift the one it has) with a reason, as `heard hold`
/// does; one store command, audited with the reason.
enum LegalHoldForm {
    static func form(_ data: CaseDetailData, _ ctx: ScreenContext) -> FormScreen {
        let lift = data.protection.isHeld
        let title = lift ? "Lift the legal hold on \(data.contact.reference)" : "Legal hold on \(data.contact.reference): never disposed of while held"
        let f = FormState(title: title, fields: [FormField("reason", lift ? "Why lift it" : "Reason", .text, required: true)], sources: ctx.sources)
        return FormScreen(form: f, purpose: .legalHold(data.contact, lift: lift))
    }

    /// Enter: the hold to set or lift, or nil with the problem beside the field.
    static func effect(_ f: inout FormState, _ c: Contact, lift: Bool) -> Effect? {
        guard f.validateAll(), let id = c.id else { return nil }
        return .setLegalHold(contactID: id, reason: QuickEntry.clean(f["reason"]), lift: lift)
    }
}
