import HeardCore
import TerminalUI

extension CaseDetailUpdate {
    /// `l`, `D` and `L` on a case: log a contact, its documents, its letters.
    static func correspondence(_ c: CaseDetailCommand, _ data: CaseDetailData, _ ctx: ScreenContext) -> [Output] {
        guard let id = data.contact.id else { return [] }
        switch c {
        case .logContact:
            if let why = data.protection.logRefusal(reference: data.contact.reference) { return [.say(why, error: true)] }
            return [.push(.form(ContactLogForm.form(data.contact, ctx)))]
        case .documents:
            return [.push(.documents(DocumentsState(contactID: id, data: data)))]
        case .letters:
            return [.push(.letters(LettersState(contactID: id, data: data))), .effect(.loadLetters(contactID: id))]
        default:
            return []
        }
    }
}
