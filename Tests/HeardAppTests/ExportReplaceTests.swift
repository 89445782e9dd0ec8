import Foundation
import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// `:export FILE` and the bulk export ask "Replace it?" before writing over a file, as the
/// report's export does; a path that is never written (a folder, a link, the database) is
/// refused at once, with nothing asked.
final class ExportReplaceTests: XCTestCase {
    var dir: TemporaryDirectory!
    var store: Store!
    var runner: AppRunner!
    let today = day("2022-03-15")

    override func setUpWithError() throws {
        dir = TemporaryDirectory("heard-export-replace")
        (runner, store) = try demoRunner(in: dir, today: today)
    }

    func press(_ keys: [Key]) { for k in keys { runner.dispatch(.key(k)) } }
    func type(_ text: String) { press(text.map { Key.char($0) }) }
    func form() -> FormScreen? { if case .form(let f)? = runner.state.stack.last { return f }; return nil }
    func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    func testColonExportAsksBeforeReplacingAFile() throws {
        let path = dir.file("cases.csv")
        try "someone's own notes\n".write(toFile: path, atomically: true, encoding: .utf8)
        press([.char(":")])
        type("export csv \(path)")
        press([.enter])
        let asked = try XCTUnwrap(runner.state.dialog, "a dialog asks")
        XCTAssertEqual(asked.title, "Replace it?")
        XCTAssertEqual(asked.lines.first, "\(path) exists. Replace it?")
        XCTAssertEqual(try contents(path), "someone's own notes\n", "nothing written before the answer")
        press([.char("n")])
        XCTAssertNil(runner.state.dialog)
        XCTAssertEqual(try contents(path), "someone's own notes\n", "any other key writes nothing")

        press([.char(":")])
        type("export csv \(path)")
        press([.enter, .char("y")])
        XCTAssertNil(runner.state.dialog)
        XCTAssertTrue(try contents(path).hasPrefix("reference,"), "y replaces it with the export")
        XCTAssertEqual(runner.state.message?.text, "Exported \(runner.state.list.visibleIDs.count) cases to \(path).")
    }

    func testColonExportToANewFileWritesAtOnceAndAFolderIsRefusedWithoutAsking() throws {
        let path = dir.file("new.json")
        press([.char(":")])
        type("export json \(path)")
        press([.enter])
        XCTAssertNil(runner.state.dialog, "nothing to ask")
        XCTAssertTrue(try contents(path).hasPrefix("["))

        press([.char(":")])
        type("export csv \(dir.path)")
        press([.enter])
        XCTAssertNil(runner.state.dialog, "a folder is never replaced: refused, not asked about")
        XCTAssertTrue(runner.state.message?.text.contains("is a folder") == true, "\(String(describing: runner.state.message))")
    }

    func testBulkExportAsksInItsFormAndRefusesTheDatabaseAtOnce() throws {
        let path = dir.file("marked.csv")
        try "kept\n".write(toFile: path, atomically: true, encoding: .utf8)
        press([.char(" "), .char("j"), .char(" "), .char("b"), .char("x"), .ctrl("u")])
        type(path)
        press([.enter])
        var f = try XCTUnwrap(form(), "the form asks and stays")
        XCTAssertEqual(f.confirmText, "\(path) exists. Replace it?")
        XCTAssertEqual(try contents(path), "kept\n")
        press([.char("n")])
        f = try XCTUnwrap(form(), "n keeps the form to change the name")
        XCTAssertFalse(f.saving)
        XCTAssertEqual(try contents(path), "kept\n", "n changes nothing")
        XCTAssertTrue(runner.state.message?.text.contains("Not written") == true, "\(String(describing: runner.state.message))")
        press([.enter, .char("y")])
        XCTAssertNil(form(), "replaced, the form closes")
        XCTAssertTrue(try contents(path).hasPrefix("reference,"), "y replaces it with the export")
        XCTAssertEqual(runner.state.message?.text, "Exported 2 cases to \(path).")

        // The open database is refused before anything is asked (SQLite: on a server there is no file).
        guard !TestDatabase.isPostgres else { return }
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path)).prefix(16)
        press([.char(" "), .char("b"), .char("x"), .ctrl("u")])
        type(store.path)
        press([.enter])
        f = try XCTUnwrap(form(), "the form stays with what was typed")
        XCTAssertNil(f.confirming, "nothing to ask: it will never be replaced")
        XCTAssertTrue(f.form.problem?.contains("is a database; not replaced") == true, f.form.problem ?? "")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: store.path)).prefix(16), before)
    }
}
