@testable import HeardApp
import HeardCore
import TerminalUI
import XCTest

/// A letter saved from `L` as `exist.md` is Markdown whatever the format field says, as `heard
/// letter --output` reads an ending (the attack found a Word file named .md).
final class SaveLetterEndingTests: XCTestCase {
    func testTheFilesEndingDecidesItsFormat() {
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let state = AppState(size: Size(width: 80, height: 24), today: LocalDate(iso: "2022-06-15")!, readOnly: false,
                             databaseLabel: "t", unicode: true, keymap: keymap)
        let ctx = state.context()
        let file = LetterFile(contactID: 1, reference: "CS-2022-0001", template: "acknowledgement", stage: 1, markdown: "# A", format: "docx")
        for (typed, format) in [("exist.md", "md"), ("letter.HTML", "html"), ("x.docx", "docx"), ("notes.txt", "docx"), ("", "docx")] {
            var fs = CorrespondenceForms.saveLetter(file, ctx)
            if let i = fs.form.fields.firstIndex(where: { $0.key == "file" }) { fs.form.fields[i].input.setText(typed) }
            guard case .saveLetter(let saved, _)? = CorrespondenceForms.effect(fs.form, fs.purpose, ctx) else { return XCTFail("no save for \(typed)") }
            XCTAssertEqual(saved.format, format, typed)
        }
    }
}
