import Foundation
import HeardCore
import HeardFiles
import HeardLetters
import HeardStore
import TerminalUI

/// The runner's side of the letters screen: the templates, a letter written for the case, the
/// editor on its Markdown, and the letter saved as md, html or docx (0600, no link followed).
extension AppRunner {
    func performLetters(_ e: Effect) throws {
        switch e {
        case .loadLetters(let id):
            // Without the library the screen still lists what the stage needs, and says why no more.
            guard let letters else { return dispatchResult(.lettersLoaded(contactID: id, [], problems: ["Letters are not available in this build."])) }
            let (choices, problems) = letters.templates()
            dispatchResult(.lettersLoaded(contactID: id, choices, problems: problems))
        case .renderLetter(let id, let template):
            guard let letters else { throw StoreError.refused("Letters are not available in this build.") }
            let detail = try loadDetail(id)
            let stage = Self.letterStage(template, detail)
            do {
                let text = try letters.render(template, detail.record, state.today, stage)
                dispatchResult(.letterRendered(contactID: id, template: template, .success(text)))
            } catch {
                // The library's refusals name the letter already.
                let why = (error as? LetterError)?.description ?? "\(template): \(error)"
                dispatchResult(.letterRendered(contactID: id, template: template, .failure(LetterProblem(why))))
            }
        case .editLetter(let id, let template, let text):
            if let edited = runEditor(text) { dispatchResult(.letterRendered(contactID: id, template: template, .success(edited))) }
        case .saveLetter(var file, let replace):
            file.path = userPath(file.path)
            if !replace, try existsToReplace(file.path) {
                dispatchResult(.askReplace(path: file.path, replace: .saveLetter(file, replace: true)))
                return
            }
            let bytes: [UInt8]
            switch file.format {
            case "html":
                guard let letters else { throw StoreError.refused("Letters are not available in this build.") }
                bytes = Array(letters.html(file.markdown, "\(file.reference) \(LetterCatalogue.title(file.template))").utf8)
            case "docx":
                guard let letters else { throw StoreError.refused("Letters are not available in this build.") }
                do { bytes = try letters.docx(file.markdown) } catch { throw StoreError.refused("The Word file could not be made: \(error)") }
            default:
                bytes = Array(file.markdown.utf8)
            }
            do { try PrivateFile.write(bytes, to: file.path) } catch let err as FileWriteError { throw StoreError.refused(err.description) }
            dispatchResult(.letterSaved(file, said: "Saved \(LetterCatalogue.title(file.template)) to \(file.path)."))
        default:
            break
        }
    }

    /// The stage a letter is written for: the stage need's, else the letters library's own choice.
    static func letterStage(_ template: String, _ detail: CaseDetailData) -> Int? {
        detail.record.letterNeeds.first { $0.template == template }?.stage ?? LetterBook.stage(for: template, record: detail.record)
    }
}
