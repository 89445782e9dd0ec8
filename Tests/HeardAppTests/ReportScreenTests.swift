import Foundation
import GRDB
@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// The report screen and the command line, on a real demo database.
final class ReportScreenTests: XCTestCase {
    var dir: TemporaryDirectory!
    var runner: AppRunner!
    var backend: TestBackend!
    let today = day("2022-03-15")

    override func setUpWithError() throws {
        dir = TemporaryDirectory("heard-report")
        let store = try makeStore(in: dir, name: "demo.sqlite")
        try store.writeDemo(today: today)
        start(size: Size(width: 80, height: 24), store: store)
    }

    func start(size: Size, store: Store) {
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        backend = TestBackend(size: size)
        runner = AppRunner(state: AppState(size: size, today: today, readOnly: false, databaseLabel: "demo", unicode: true, keymap: keymap),
                           store: store, backend: backend)
        runner.firstFrame()
        runner.loadEverything()
    }

    func press(_ keys: [Key]) { for k in keys { runner.dispatch(.key(k)) } }
    func type(_ text: String) { press(text.map { Key.char($0) }) }
    func screen() -> String { Render.frame(runner.state).rows().joined(separator: "\n") }

    func reportState() -> ReportState? {
        if case .report(let r)? = runner.state.stack.last { return r }
        return nil
    }

    func testRShowsTheFinancialYearWith261ContactsAndTheFiguresEqualTheCommandLine() throws {
        press([.char("R")])
        let r = try XCTUnwrap(reportState())
        XCTAssertEqual(r.period, Period.financialYear(starting: 2021))
        let g = try XCTUnwrap(r.report)
        XCTAssertEqual(g.value(at: "contacts.total")?.count, 261)
        XCTAssertTrue(screen().contains("261"), screen())
        // The same figures as `heard report --format json` for the same range.
        let cli = try runHeard(["report", "--from", "2021-04-01", "--to", "2022-03-31", "--format", "json", "--db", try storePath(in: dir, name: "demo.sqlite")],
                               environment: ["HEARD_TODAY": today.iso])
        XCTAssertEqual(cli.status, 0, cli.stderr)
        XCTAssertEqual(ReportRenderer.json(g) + "\n", cli.stdout, "screen and command line build the same report")
    }

    /// The report as `heard report` builds it, from scratch, for the screen's period and areas.
    func freshReport(_ period: Period, areas: [String] = []) throws -> ReportGroup {
        let store = try Store(path: try storePath(in: dir, name: "demo.sqlite"), options: StoreOptions(readOnly: true))
        let options = ReportOptions(period: period, serviceAreas: areas, today: today, rules: store.rules, calendar: try store.calendar(),
                                    reference: store.reference)
        return AnnualReport.build(try store.reportInput(for: options.loadRange, today: today), options)
    }

    func testWalkingYearsWithKeptFiguresGivesWhatAFreshBuildGives() throws {
        press([.char("R")])
        // Back three years and forward again: every step after the first puts kept figures together.
        for key in [Key.char("["), .char("["), .char("["), .char("]"), .char("]")] {
            press([key])
            let r = try XCTUnwrap(reportState())
            XCTAssertEqual(r.report.map { ReportRenderer.json($0) }, ReportRenderer.json(try freshReport(r.period)), r.period.label)
        }
        // With a service-area filter the kept figures of all areas are not reused.
        press([.char("a")])
        type("fost")
        press([.enter])
        let r = try XCTUnwrap(reportState())
        XCTAssertEqual(r.serviceAreas, ["Fostering Service"])
        XCTAssertEqual(r.report.map { ReportRenderer.json($0) }, ReportRenderer.json(try freshReport(r.period, areas: ["Fostering Service"])))
    }

    /// `]` stops at the period holding today: none after it has begun, and walking on showed
    /// screens of zeros, each a load (a trial).
    func testTheNextPeriodKeyStopsAtThePeriodHoldingToday() throws {
        press([.char("R")])
        let now = try XCTUnwrap(reportState()?.period)
        XCTAssertTrue(now.contains(today), now.label)
        press([.char("]")])
        runner.loadEverything()
        XCTAssertEqual(reportState()?.period, now, "no period after today's")
        let said = try XCTUnwrap(runner.state.message?.text)
        XCTAssertTrue(said.hasPrefix("Nothing later to report: the next period begins on ") && said.hasSuffix(", after today.") && said.count <= 80, said)
        // A year back, ] comes forward again to today's period; the message, of the period left, goes.
        press([.char("[")])
        runner.loadEverything()
        XCTAssertNil(runner.state.message, "the message spoke of the period left")
        press([.char("]")])
        runner.loadEverything()
        XCTAssertEqual(reportState()?.period, now)
    }

    func testAChangeFromAnotherSessionIsCountedWhenTheReportIsShownAgain() throws {
        press([.char("R")])
        let before = try XCTUnwrap(reportState()?.report?.value(at: "contacts.total")?.count)
        press([.char("["), .char("]")])
        XCTAssertEqual(reportState()?.report?.value(at: "contacts.total")?.count, before)
        // Another officer logs a complaint received this year.
        let other = try Store(path: try storePath(in: dir, name: "demo.sqlite"), options: StoreOptions(actor: "Other Officer"))
        try other.add(sampleComplaint(received: "2022-03-01"), today: today)
        press([.char("["), .char("]")])
        XCTAssertEqual(reportState()?.report?.value(at: "contacts.total")?.count, before + 1)
        XCTAssertEqual(reportState()?.report.map { ReportRenderer.json($0) }, ReportRenderer.json(try freshReport(Period.financialYear(starting: 2021))))
    }

    func testRangeAndServiceAreaFromTheKeyboard() throws {
        press([.char("R"), .char("a")])
        type("care l;children l;fost")
        press([.enter])
        var r = try XCTUnwrap(reportState())
        XCTAssertEqual(r.serviceAreas, ["Care Leavers", "Children Looked After", "Fostering Service"])
        let g = try XCTUnwrap(r.report)
        XCTAssertEqual(g.value(at: "contacts.total")?.count, 60)
        XCTAssertEqual(g.value(at: "complaints.total")?.count, 41)
        XCTAssertEqual(g.value(at: "complaints.children_and_young_people.total")?.count, 7)
        press([.char("[")])
        r = try XCTUnwrap(reportState())
        XCTAssertEqual(r.period, Period.financialYear(starting: 2020))
        press([.char("r"), .ctrl("u")])
        type("2020-04-01")
        press([.tab, .ctrl("u")])
        type("2022-03-31")
        press([.enter])
        r = try XCTUnwrap(reportState())
        XCTAssertEqual(r.period, Period(from: day("2020-04-01"), to: day("2022-03-31")))
        XCTAssertEqual(r.report?.value(at: "previous.period.from"), .text("2018-04-01"))
    }

    func testEnterOnAFigureListsTheCasesBehindIt() throws {
        press([.char("R"), .char("j"), .enter])
        guard case .figureCases(let fc)? = runner.state.stack.last else { return XCTFail(screen()) }
        XCTAssertEqual(fc.references.count, 120, "complaints received in 2021-22")
        XCTAssertTrue(screen().contains(fc.references[0]))
        press([.enter])
        guard case .detail(let d)? = runner.state.stack.last else { return XCTFail() }
        XCTAssertEqual(d.data?.contact.reference, fc.references[0])
    }

    func testExportsFromTheScreenInEveryFormatAndThePublicOneNamesNobody() throws {
        let names = try Store(path: try storePath(in: dir, name: "demo.sqlite"), options: StoreOptions(readOnly: true)).allContacts()
            .map(\.complainantName).filter { !$0.isEmpty }
        for (format, ext) in [("markdown", "md"), ("csv", "csv"), ("json", "json"), ("html", "html")] {
            for isPublic in [false, true] {
                let path = dir.file("report-\(isPublic ? "public" : "full").\(ext)")
                press([.char("R"), .char("x"), .ctrl("u")])
                type(format)
                press([.tab, .ctrl("u")])
                type(path)
                press([.tab, .ctrl("u")])
                type(isPublic ? "yes" : "no")
                press([.enter])
                let text = try String(contentsOfFile: path, encoding: .utf8)
                XCTAssertTrue(text.contains("261"), "\(format)")
                var st = stat()
                XCTAssertEqual(stat(path, &st), 0)
                XCTAssertEqual(st.st_mode & 0o777, 0o600, "reports are private files")
                if isPublic { for n in names { XCTAssertFalse(text.contains(n), "\(format) public names \(n)") } }
                if format == "json" { XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(text.utf8))) }
                if format == "html" {
                    XCTAssertTrue(text.hasPrefix("<!DOCTYPE html>"))
                    XCTAssertTrue(HTMLCheck.isBalanced(text), "the page's tags nest")
                    XCTAssertGreaterThan(text.components(separatedBy: "<svg").count - 1, 5, "charts are in the page")
                    XCTAssertFalse(text.contains("http://") && text.contains("src="), "no network")
                }
                runner.dispatch(.key(.escape))
            }
        }
    }

    /// Actions are not cases: Enter on an Actions figure lists the actions it counts in the
    /// action plan (it listed "action #81" rows with empty columns as cases).
    func testEnterOnAnActionsFigureListsItsActions() throws {
        press([.char("R"), .char("G"), .char("k")])
        let r = try XCTUnwrap(reportState())
        let figure = try XCTUnwrap(ReportLines.build(try XCTUnwrap(r.shown)).filter { $0.kind == .figure }[r.selection] as ReportLine?)
        XCTAssertEqual(figure.path, "actions.overdue")
        let ids = Set(figure.refs.compactMap { Int64($0.dropFirst("action #".count)) })
        XCTAssertFalse(ids.isEmpty, "fixture: the demo year has overdue actions")
        press([.enter])
        guard case .actionPlan(let plan)? = runner.state.stack.last else { return XCTFail("\(String(describing: runner.state.stack.last))") }
        let shown = plan.rows(today: today).compactMap { row -> Int64? in if case .action(let a) = row { return a.id }; return nil }
        XCTAssertEqual(Set(shown), ids, "exactly the actions the figure counts")
        XCTAssertEqual(shown.count, figure.count)
        XCTAssertTrue(screen().contains("Actions behind a figure"), screen())
        runner.dispatch(.key(.escape))
        XCTAssertNotNil(reportState(), "Esc goes back to the report")
    }

    /// The title counts what is shown: h hides the done and dropped actions behind a figure,
    /// and the title said "N actions" over fewer rows.
    func testActionsBehindAFigureSayHowManyAreShownWhenDoneOnesAreHidden() throws {
        press([.char("R")])
        let r = try XCTUnwrap(reportState())
        let figures = ReportLines.build(try XCTUnwrap(r.shown)).filter { $0.kind == .figure }
        let done = try XCTUnwrap(figures.firstIndex { $0.path == "actions.agreed" })
        let count = try XCTUnwrap(figures[done].count)
        press([.char("g")] + Array(repeating: .char("j"), count: done) + [.enter])
        func shownRows() -> Int {
            guard case .actionPlan(let plan)? = runner.state.stack.last else { return -1 }
            return plan.rows(today: today).filter { if case .action = $0 { return true }; return false }.count
        }
        XCTAssertEqual(shownRows(), count, "fixture: every action the figure counts is shown")
        XCTAssertTrue(screen().contains("\(count) actions"), screen())
        XCTAssertFalse(screen().contains("shown"), screen())
        press([.char("h")])
        let shown = shownRows()
        XCTAssertLessThan(shown, count, "fixture: some of the agreed actions are done or dropped")
        XCTAssertTrue(screen().split(separator: "\n").first?.contains("\(count) actions, \(shown) shown") == true, screen())
        press([.char("h")])
        XCTAssertFalse(screen().contains("shown"), "all shown again: \(screen())")
    }

    /// After a trial: the selection stays on its figure when the view or the year changes (it
    /// stayed at its row number, so Enter listed another figure's cases), Enter on a sum says it
    /// is no count, and the cases' list says which figure of which period it is, newest first.
    func testTheSelectedFigureStaysChosenAcrossViewsAndYears() throws {
        func selected() throws -> ReportLine {
            let r = try XCTUnwrap(reportState())
            return ReportLines.build(try XCTUnwrap(r.shown)).filter { $0.kind == .figure }[r.selection]
        }
        press([.char("R"), .char("G"), .char("k")])
        XCTAssertEqual(try selected().path, "actions.overdue")
        press([.char("p")])
        XCTAssertEqual(try selected().path, "actions.overdue", "the public view keeps the figure")
        press([.char("p")])
        XCTAssertEqual(try selected().path, "actions.overdue")
        press([.char("[")])
        runner.loadEverything()
        XCTAssertEqual(try XCTUnwrap(reportState()).period, Period.financialYear(starting: 2020))
        XCTAssertEqual(try selected().path, "actions.overdue", "the year before keeps the figure")

        // A sum has no cases of its own.
        press([.char("]")])
        runner.loadEverything()
        let r = try XCTUnwrap(reportState())
        let figures = ReportLines.build(try XCTUnwrap(r.shown)).filter { $0.kind == .figure }
        let payments = try XCTUnwrap(figures.firstIndex { $0.path.hasSuffix("payments") && $0.count == nil }, "fixture: the demo has payments")
        press([.char("g")] + Array(repeating: .char("j"), count: payments))
        XCTAssertEqual(try selected().path, figures[payments].path)
        press([.enter])
        XCTAssertNotNil(reportState(), "no list opens")
        XCTAssertEqual(runner.state.message?.text, "Payments is not a count: Enter on a count lists the cases behind it.")

        // A count lists its cases, titled in words with the period, newest first.
        let total = try XCTUnwrap(figures.firstIndex { $0.path == "contacts.total" })
        press([.char("g")] + Array(repeating: .char("j"), count: total))
        press([.enter])
        guard case .figureCases(let fc)? = runner.state.stack.last else { return XCTFail("no list of cases") }
        XCTAssertEqual(fc.title, "Contacts · Total · 2021-22")
        let received = fc.references.compactMap { fc.found[$0]?.received }
        XCTAssertEqual(received.count, 261)
        XCTAssertEqual(received, received.sorted(by: >), "newest first, as the case list")
    }

    func testGotoTakesABareNumberAsTheCommandLineDoes() throws {
        let rows = runner.state.list.rows
        let refs = (0..<rows.count).map(rows.reference)
        func number(_ r: String) -> Int? { r.split(separator: "-").last.flatMap { Int($0) } }
        var byNumber: [Int: [String]] = [:]
        for r in refs { if let n = number(r) { byNumber[n, default: []].append(r) } }
        let unique = try XCTUnwrap(byNumber.first { $0.value.count == 1 }, "fixture: a number only one case has")
        let shared = try XCTUnwrap(byNumber.first { $0.value.count > 1 }, "fixture: a number several cases have")
        press([.char(":")])
        type("goto \(unique.key)")
        press([.enter])
        guard case .detail(let d)? = runner.state.stack.last else { return XCTFail(screen()) }
        XCTAssertEqual(d.data?.contact.reference, unique.value[0])
        press([.escape, .char(":")])
        type("goto \(shared.key)")
        press([.enter])
        // Several years have one: this year's (else the latest) opens, and the others are named.
        let pick = try XCTUnwrap(ReferenceQuery.latest(shared.value, year: runner.state.today.parts.year))
        guard case .detail(let opened)? = runner.state.stack.last else { return XCTFail(screen()) }
        XCTAssertEqual(opened.data?.contact.reference, pick.chosen)
        XCTAssertTrue(runner.state.message?.text.contains("give the whole reference for another") ?? false)
        XCTAssertFalse(pick.others.isEmpty)
        XCTAssertTrue(runner.state.message?.text.contains(pick.others[0]) ?? false)
    }

    func testEveryColonCommand() throws {
        let ref = try XCTUnwrap(runner.state.list.rows.last?.summary.reference)
        press([.char(":")])
        type("go")
        press([.tab])
        guard case .command(let input, _)? = runner.state.overlay else { return XCTFail() }
        XCTAssertEqual(input.text, "goto ")
        type(ref)
        press([.enter])
        guard case .detail(let d)? = runner.state.stack.last else { return XCTFail(screen()) }
        XCTAssertEqual(d.data?.contact.reference, ref)
        press([.char(":")])
        type("report 2021-22")
        press([.enter])
        XCTAssertEqual(reportState()?.period, Period.financialYear(starting: 2021))
        press([.char(":")])
        type("report 2020-04-01..2022-03-31")
        press([.enter])
        XCTAssertEqual(reportState()?.period, Period(from: day("2020-04-01"), to: day("2022-03-31")))
        // The second :report moved the report screen rather than stacking another: one Esc leaves it.
        XCTAssertEqual(runner.state.stack.filter { if case .report = $0 { return true }; return false }.count, 1)
        press([.char(":")])
        type("filter overdue")
        press([.enter])
        XCTAssertTrue(runner.state.stack.isEmpty)
        XCTAssertEqual(runner.state.list.filters.state, .overdue)
        XCTAssertTrue(runner.state.list.visibleSummaries.allSatisfy(\.overdue))
        XCTAssertFalse(runner.state.list.visibleSummaries.isEmpty)
        let path = dir.file("overdue.csv")
        press([.char(":")])
        type("export csv \(path)")
        press([.enter])
        let csv = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\r\n").count, runner.state.list.shown.count + 1)
        runner.themeLoader = { name in ThemeLoadResult(theme: .builtin, messages: name == "light" ? [] : ["no theme \(name)"], loadedRequested: name == "light") }
        press([.char(":")])
        type("theme light")
        press([.enter])
        XCTAssertEqual(backend.themes.count, 1)
        press([.char(":")])
        type("theme nosuch")
        press([.enter])
        XCTAssertEqual(backend.themes.count, 1)
        XCTAssertEqual(runner.state.message?.kind, .error)
        press([.char(":")])
        type("help")
        press([.enter])
        XCTAssertTrue(screen().contains(":goto REF"), screen())
        press([.escape, .char(":")])
        type("frobnicate")
        press([.enter])
        XCTAssertTrue(screen().contains("unknown command"), screen())
        press([.escape, .char(":")])
        type("report 2021-23")
        press([.enter])
        XCTAssertTrue(screen().contains("is not a year"), screen())
        press([.escape, .char(":")])
        type("quit")
        press([.enter])
        XCTAssertTrue(runner.state.quit)
    }

    /// At 80 columns the key line showed neither p (public) nor x (export), and the star on a
    /// year so far was explained nowhere on the screen.
    func testAt80ColumnsTheKeyLineShowsPublicAndExportAndTheStarIsExplained() throws {
        press([.char("R")])
        let rows = Render.frame(runner.state).rows()
        let keys = try XCTUnwrap(rows.last)
        XCTAssertTrue(keys.contains("p public"), keys)
        XCTAssertTrue(keys.contains("x export"), keys)
        XCTAssertTrue(keys.contains("? help") && keys.contains("q back"), keys)
        XCTAssertTrue(rows[2].contains("2021-22*"), "fixture: a year so far is starred: \(rows[2])")
        XCTAssertTrue(rows[1].contains("* partial: to 2022-03-15, against the whole of 2020-21"), rows[1])
        // The public view's note on c needs the room: the star's "partial" stays.
        press([.char("p")])
        let shown = Render.frame(runner.state).rows()[1]
        XCTAssertTrue(shown.contains("(* partial: to 2022-03-15) · PUBLIC (c hides 1-4"), shown)
        press([.char("p")])
        // A whole year past has no star and nothing to explain.
        press([.char("[")])
        runner.loadEverything()
        let before = Render.frame(runner.state).rows()
        XCTAssertFalse(before[2].contains("*"), before[2])
        XCTAssertFalse(before[1].contains("*"), before[1])
    }

    func testSnapshotsAt80x24And160x50() throws {
        press([.char(":")])
        type("report 2021-22")
        press([.enter])
        assertFrame(Render.frame(runner.state), named: "report-80x24")
        let store = try Store(path: try storePath(in: dir, name: "demo.sqlite"), options: StoreOptions(readOnly: true))
        start(size: Size(width: 160, height: 50), store: store)
        press([.char(":")])
        type("report 2021-22")
        press([.enter])
        assertFrame(Render.frame(runner.state), named: "report-160x50")
    }
}

/// Checks that an HTML page's tags open and close in order (void elements aside).
enum HTMLCheck {
    static func isBalanced(_ html: String) -> Bool {
        let void: Set<String> = ["meta", "br", "img", "link", "hr", "input", "!doctype"]
        var stack: [String] = []
        var i = html.startIndex
        while let lt = html[i...].firstIndex(of: "<") {
            guard let gt = html[lt...].firstIndex(of: ">") else { return false }
            let tag = html[html.index(after: lt)..<gt]
            i = html.index(after: gt)
            if tag.hasSuffix("/") { continue }
            let name = tag.split(whereSeparator: { $0 == " " || $0 == "\n" }).first.map { $0.lowercased() } ?? ""
            if name.hasPrefix("/") {
                guard stack.popLast() == String(name.dropFirst()) else { return false }
            } else if !void.contains(name) {
                stack.append(name)
            }
        }
        return stack.isEmpty
    }
}

/// The report screen's export form after a trial: the file's name follows the format, a name's
/// ending says its format, and an existing file is replaced only after y.
final class ReportExportFormTests: XCTestCase {
    var dir: TemporaryDirectory!
    var runner: AppRunner!
    let today = day("2022-03-15")

    override func setUpWithError() throws {
        dir = TemporaryDirectory("heard-report-export")
        (runner, _) = try demoRunner(in: dir, today: today)
    }

    func press(_ keys: [Key]) { for k in keys { runner.dispatch(.key(k)) } }
    func type(_ text: String) { press(text.map { Key.char($0) }) }
    func form() -> FormScreen? { if case .form(let f)? = runner.state.stack.last { return f }; return nil }
    func onReport() -> Bool { if case .report? = runner.state.stack.last { return true }; return false }

    func testABlankFileIsNamedForTheFormatChosenNow() throws {
        press([.char("R"), .char("x")])
        var f = try XCTUnwrap(form())
        XCTAssertEqual(f.form["file"], "")
        XCTAssertEqual(f.form.fields.first { $0.key == "file" }?.hint, "blank: complaints-report-2021-22.html")
        press([.ctrl("u")])
        type("csv")
        f = try XCTUnwrap(form())
        XCTAssertEqual(f.form.fields.first { $0.key == "file" }?.hint, "blank: complaints-report-2021-22.csv")
        XCTAssertEqual(ReportExportForm.file(f.form, Period.financialYear(starting: 2021)).1, "complaints-report-2021-22.csv")
        // A name typed is written as typed; its ending, when it names a format, is the format.
        press([.tab])
        type(dir.file("figures.JSON"))
        f = try XCTUnwrap(form())
        XCTAssertEqual(f.form.fields.first { $0.key == "file" }?.hint, "written as json, as its ending says", "no default: what its ending makes it")
        let (format, path) = ReportExportForm.file(f.form, Period.financialYear(starting: 2021))
        XCTAssertEqual(format, .json, "a file named .JSON holds JSON, whatever the format field says")
        XCTAssertEqual(path, dir.file("figures.JSON"))
        press([.enter])
        XCTAssertTrue(onReport(), "written, the form closes")
        let text = try String(contentsOfFile: dir.file("figures.JSON"), encoding: .utf8)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(text.utf8)))
    }

    func testAnExistingFileIsReplacedOnlyAfterY() throws {
        let path = dir.file("board.md")
        try "the board's own notes\n".write(toFile: path, atomically: true, encoding: .utf8)
        press([.char("R"), .char("x"), .tab])
        type(path)
        press([.enter])
        var f = try XCTUnwrap(form(), "the form asks and stays")
        XCTAssertEqual(f.confirmText, "\(path) exists. Replace it?")
        press([.char("n")])
        f = try XCTUnwrap(form(), "n keeps the form to change the name")
        XCTAssertFalse(f.saving)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "the board's own notes\n", "n changes nothing")
        XCTAssertTrue(runner.state.message?.text.contains("Not written") == true, "\(String(describing: runner.state.message))")
        press([.enter, .char("y")])
        XCTAssertTrue(onReport(), "replaced, the form closes")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("#"), "markdown, as its ending says: \(text.prefix(40))")
        XCTAssertTrue(text.contains("261"))
    }

    func testThePublicVersionIsNamedApartAndAnEndingSaysItsFormat() throws {
        press([.char("R"), .char("x"), .tab, .tab, .ctrl("u")])
        type("yes")
        var f = try XCTUnwrap(form())
        XCTAssertEqual(f.form.fields.first { $0.key == "file" }?.hint, "blank: complaints-report-2021-22-public.html")
        XCTAssertEqual(ReportExportForm.file(f.form, Period.financialYear(starting: 2021)).1, "complaints-report-2021-22-public.html")
        press([.backTab])
        type("board.csv")
        f = try XCTUnwrap(form())
        XCTAssertEqual(f.form.fields.first { $0.key == "file" }?.hint, "written as csv, as its ending says")
        press([.ctrl("u")])
        type("board.pdf")
        f = try XCTUnwrap(form())
        XCTAssertNil(f.form.fields.first { $0.key == "file" }?.hint, "an ending that names no format leaves the format chosen")
    }

    /// After an attack: x onto the open database asked "Replace it?" and y put HTML where the
    /// record was; a folder was asked about too, for nothing. Now refused at once, the file as it
    /// was; and ~ is the home folder, as on the documents screen.
    func testTheDatabaseIsNeverOfferedForReplacingAndTildeIsHome() throws {
        press([.char("R"), .char("x"), .tab])
        // On a server there is no file to name: the folder and ~ parts hold there too.
        if !TestDatabase.isPostgres {
            let db = try storePath(in: dir, name: "demo.sqlite")
            let before = try Data(contentsOf: URL(fileURLWithPath: db)).prefix(16)
            let contacts = try Store(path: db, options: StoreOptions(readOnly: true)).allContacts().count
            type(db)
            press([.enter])
            let f = try XCTUnwrap(form(), "the form stays with what was typed")
            XCTAssertNil(f.confirming, "nothing to ask: it will never be replaced")
            XCTAssertTrue(f.form.problem?.contains("is a database; not replaced") == true, f.form.problem ?? "")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)).prefix(16), before)
            XCTAssertEqual(try Store(path: db, options: StoreOptions(readOnly: true)).allContacts().count, contacts, "the record is whole")
        }

        press([.ctrl("u")])
        type(dir.path)
        press([.enter])
        let f = try XCTUnwrap(form())
        XCTAssertNil(f.confirming)
        XCTAssertTrue(f.form.problem?.contains("is a folder") == true, f.form.problem ?? "")

        let home = dir.file("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let oldHome = ProcessInfo.processInfo.environment["HOME"]
        setenv("HOME", home, 1)
        defer { if let oldHome { setenv("HOME", oldHome, 1) } else { unsetenv("HOME") } }
        press([.ctrl("u")])
        type("~/board.md")
        press([.enter])
        XCTAssertTrue(onReport(), "written, the form closes")
        XCTAssertTrue(FileManager.default.fileExists(atPath: home + "/board.md"))
    }

    /// After an attack: a long path in a missing folder filled the problem line at 80 columns and
    /// the reason never showed; now the reason comes first, and stands beside the file field.
    func testTheReasonComesBeforeALongPath() throws {
        let path = dir.file("reports/2026/annual/committee/complaints-report-2026-27-final-version.html")
        press([.char("R"), .char("x"), .tab])
        type(path)
        press([.enter])
        let f = try XCTUnwrap(form())
        XCTAssertTrue(f.form.problem?.hasPrefix("Not saved: cannot write") == true, f.form.problem ?? "")
        XCTAssertTrue(f.form.fields.first { $0.key == "file" }?.error?.hasPrefix("cannot write") == true)
        XCTAssertEqual(f.form["file"], path, "what was typed is kept")
    }

    /// A reason whose subject was the path taken off it says "it" (a trial read "Not saved: is
    /// not a regular file; not written.").
    func testAReasonAboutTheFileItselfSaysIt() throws {
        let path = dir.file("link.html")
        XCTAssertEqual(symlink(dir.file("elsewhere.html"), path), 0)
        press([.char("R"), .char("x"), .tab])
        type(path)
        press([.enter])
        let f = try XCTUnwrap(form(), "refused, the form stays")
        XCTAssertEqual(f.form.fields.first { $0.key == "file" }?.error, "it is a symbolic link; not written (name the file itself)")
        XCTAssertTrue(f.form.problem?.hasPrefix("Not saved: it is a symbolic link;") == true, f.form.problem ?? "")
    }

    func testEndingsNameFormats() {
        for f in ReportFormat.allCases { XCTAssertEqual(ReportFormat(fileEnding: f.fileEnding), f) }
        XCTAssertEqual(ReportFormat(fileEnding: "HTM"), .html)
        XCTAssertEqual(ReportFormat(fileEnding: "markdown"), .markdown)
        XCTAssertNil(ReportFormat(fileEnding: "docx"))
        XCTAssertNil(ReportFormat(fileEnding: ""))
    }
}

/// After an attack: the list left out a row another tool wrote that Heard cannot read without a
/// word ("1,749 of 1,749"), where every command names it.
final class UnreadableRowsOnScreenTests: XCTestCase {
    func testTheListSaysWhatItLeftOut() throws {
        try skipOnPostgres("a BLOB in a text column is SQLite's")
        let dir = TemporaryDirectory("heard-unreadable-screen")
        let today = day("2022-03-15")
        let store = try makeStore(in: dir, name: "demo.sqlite")
        try store.writeDemo(today: today)
        let all = try store.allContacts().count
        let q = try DatabaseQueue(path: store.path)
        try q.write { try $0.execute(sql: "UPDATE contacts SET received = CAST(received AS BLOB) WHERE id = 5") }
        try q.close()
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let size = Size(width: 100, height: 30)
        let runner = AppRunner(state: AppState(size: size, today: today, readOnly: false, databaseLabel: "demo", unicode: true, keymap: keymap),
                               store: store, backend: TestBackend(size: size))
        runner.firstFrame()
        runner.loadEverything()
        XCTAssertEqual(runner.state.list.visibleSummaries.count, all - 1)
        let said = try XCTUnwrap(runner.state.message)
        XCTAssertEqual(said.kind, .error)
        XCTAssertTrue(said.text.contains("1 contact row (#5) Heard cannot read was left out"), said.text)
        // Said once: a reload with nothing new to say leaves the status line to other news.
        runner.state.message = nil
        runner.perform([.loadCases])
        XCTAssertNil(runner.state.message)
    }
}
