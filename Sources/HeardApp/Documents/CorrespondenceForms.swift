import Foundation
import HeardCore
import TerminalUI

/// The small forms of a case's correspondence: a file's path to attach, where to save a
/// document or a letter. Each Enter is one effect; the runner reads or writes the file.
enum CorrespondenceForms {
    static func attach(_ d: DocumentsState, _ ctx: ScreenContext) -> FormScreen {
        let ref = d.data?.contact.reference ?? "the case"
        let f = FormState(title: "Attach a file to \(ref) (~ is your home folder)", fields: [FormField("file", "File", .text, required: true)], sources: ctx.sources)
        return FormScreen(form: f, purpose: .attachDocument(contactID: d.contactID))
    }

    static func saveDocument(_ doc: DocumentInfo, contactID: Int64, _ ctx: ScreenContext) -> FormScreen {
        let f = FormState(title: "Save document \(doc.number), \(doc.name), to a file (written 0600)",
                          fields: [FormField("file", "File", .text, value: "./" + doc.saveName, required: true)], sources: ctx.sources)
        return FormScreen(form: f, purpose: .saveDocument(contactID: contactID, number: doc.number))
    }

    /// Saving a letter: its format, and its file (blank: `REF-NAME.ext` in the current folder).
    static func saveLetter(_ file: LetterFile, _ ctx: ScreenContext) -> FormScreen {
        var f = FormState(title: "Save the letter \(LetterCatalogue.title(file.template)) (written 0600)", fields: [
            FormField("format", "Format", .choice(["docx", "html", "md"]), value: file.format, required: true),
            FormField("file", "File", .text),
        ], sources: ctx.sources)
        refreshSaveLetter(&f, file)
        return FormScreen(form: f, purpose: .saveLetter(file))
    }

    /// The file's default, in the field itself while it is blank (a label carrying it was cut
    /// at any width), for the format chosen now.
    static func refreshSaveLetter(_ f: inout FormState, _ file: LetterFile) {
        var now = file
        let format = f.canonical("format")
        if ["docx", "html", "md"].contains(format) { now.format = format }
        guard let i = f.fields.firstIndex(where: { $0.key == "file" }) else { return }
        // Only while blank: once a name is typed the default is not what will be written.
        f.fields[i].hint = f["file"].isEmpty ? "blank: " + now.defaultPath : nil
    }

    /// The focused field when it is a file's path Tab completes.
    static func pathField(_ fs: FormScreen) -> String? {
        guard let f = fs.form.focused, f.key == "file" else { return nil }
        switch fs.purpose {
        case .attachDocument, .saveDocument, .saveLetter: return f.key
        default: return nil
        }
    }

    /// Enter on one of these forms: the effect that does it.
    static func effect(_ f: FormState, _ purpose: FormPurpose, _ ctx: ScreenContext) -> Effect? {
        switch purpose {
        case .attachDocument(let id):
            return .attachDocument(path: f["file"], contactID: id)
        case .saveDocument(let id, let number):
            return .saveDocument(contactID: id, number: number, path: f["file"], replace: false)
        case .saveLetter(var file):
            file.format = f.canonical("format")
            file.path = f["file"].isEmpty ? file.defaultPath : f["file"]
            // A name ending in .md, .html or .docx is that kind of file, as `heard letter
            // --output` reads it: a Word file named letter.md is no use to anyone.
            let ending = (file.path as NSString).pathExtension.lowercased()
            if let byEnding = ["md": "md", "markdown": "md", "html": "html", "htm": "html", "docx": "docx"][ending] { file.format = byEnding }
            return .saveLetter(file, replace: false)
        default:
            return nil
        }
    }
}
