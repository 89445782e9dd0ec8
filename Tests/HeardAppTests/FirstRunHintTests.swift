import HeardApp
import HeardTestSupport
import TerminalUI
import XCTest

/// The first-run screen's import commands reach the record the app is on: the default record
/// needs no `--db`; any other (a file named with --db, a PostgreSQL URL) is named in each
/// command, so that typing it does not import into the default record instead.
final class FirstRunHintTests: XCTestCase {
    func screen(option: String, size: Size = Size(width: 80, height: 24)) -> [String] {
        var s = makeState(rows: [], size: size)
        s.databaseOption = option
        return Render.frame(s).rows().map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func testTheDefaultRecordsCommandsNameNoDatabase() {
        let rows = screen(option: "")
        XCTAssertTrue(rows.contains("heard import complaints.csv --dry-run     (check it first)"), rows.joined(separator: "\n"))
        XCTAssertTrue(rows.contains("heard import complaints.csv"), rows.joined(separator: "\n"))
        XCTAssertFalse(rows.joined().contains("--db"))
    }

    func testAnotherFileIsNamedInEachImportCommand() {
        let rows = screen(option: AppState.databaseOption("/srv/heard/team/heard.sqlite"))
        // The command fits at 80 columns, its note does not: the note goes, the command stays whole.
        XCTAssertTrue(rows.contains("heard import complaints.csv --dry-run --db /srv/heard/team/heard.sqlite"), rows.joined(separator: "\n"))
        XCTAssertTrue(screen(option: AppState.databaseOption("h.sqlite")).contains("heard import complaints.csv --dry-run --db h.sqlite     (check it first)"))
        XCTAssertTrue(rows.contains("heard import complaints.csv --db /srv/heard/team/heard.sqlite"), rows.joined(separator: "\n"))
        XCTAssertTrue(rows.contains("heard demo"), "the demo is a record of its own: no --db")
    }

    /// A URL too long for the line goes on after a shell's `\`, never cut at the edge; a note
    /// after the `\` would be typed as arguments, so it goes.
    func testALongURLGoesOnAfterABackslashWhole() {
        let url = "postgresql://jsmith@db.example/complaints?sslmode=require"
        let option = AppState.databaseOption(url)
        XCTAssertEqual(option, "--db '\(url)'", "the ? is quoted for the shell")
        let rows = screen(option: option)
        let text = rows.joined(separator: "\n")
        XCTAssertTrue(text.contains("heard import complaints.csv --dry-run \\\n--db '\(url)'\nheard import complaints.csv \\\n--db '\(url)'"), text)
        XCTAssertFalse(text.contains("…"), "nothing cut")
        // At 160 columns both fit on their lines, the note too.
        let wide = screen(option: option, size: Size(width: 160, height: 24))
        XCTAssertTrue(wide.contains("heard import complaints.csv --dry-run \(option)     (check it first)"), wide.joined(separator: "\n"))
    }

    func testTheOptionQuotesWhatTheShellWouldTake() {
        XCTAssertEqual(AppState.databaseOption("heard.sqlite"), "--db heard.sqlite")
        XCTAssertEqual(AppState.databaseOption("postgresql://jo@db/heard"), "--db postgresql://jo@db/heard")
        XCTAssertEqual(AppState.databaseOption("my records/heard.sqlite"), "--db 'my records/heard.sqlite'")
        XCTAssertEqual(AppState.databaseOption("it's.sqlite"), "--db 'it'\\''s.sqlite'")
        XCTAssertEqual(AppState.databaseOption("postgresql://jo@db/h?a=1&b=2"), "--db 'postgresql://jo@db/h?a=1&b=2'")
        XCTAssertEqual(AppState.databaseOption("é.sqlite"), "--db 'é.sqlite'")
    }
}
