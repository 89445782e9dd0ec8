import HeardCore
import TerminalUI

/// What can happen on the documents screen.
public enum DocumentsAction: Sendable {
    case list(ListCommand)
    case command(DocumentsCommand)
    /// The case, loaded again (after a document was attached).
    case loaded(CaseDetailData)
}

/// The documents screen's update: `a` asks for a file's path, Enter or `s` for where to save
/// the selected one; the runner reads and writes the files.
enum DocumentsUpdate {
    static func update(_ d: inout DocumentsState, _ action: DocumentsAction, _ ctx: ScreenContext) -> [Output] {
        switch action {
        case .loaded(let data):
            guard data.contact.id == d.contactID else { return [] }
            let before = d.documents.count
            d.data = data
            // A document just attached is selected (it is the last).
            if d.documents.count > before { d.selection = d.documents.count - 1 }
            d.selection = min(d.selection, max(0, d.documents.count - 1))
            return []
        case .command(.attach):
            return [.push(.form(CorrespondenceForms.attach(d, ctx)))]
        case .command(.save), .list(.open):
            guard let doc = d.selected else {
                return [.say("No document to save" + (ctx.keymap.keys(for: .documents(.attach)).first.map { ": \($0.name) attaches one." } ?? "."))]
            }
            return [.push(.form(CorrespondenceForms.saveDocument(doc, contactID: d.contactID, ctx)))]
        case .list(let c):
            _ = ListMove.apply(c, &d.selection, count: d.documents.count, page: ctx.size.height - 6)
            return []
        }
    }
}
