import HeardCore
import TerminalUI

/// What every screen's update and render may read but not change: the day, the terminal, the settings,
/// the values forms complete from and the case list's rows (to find a case by reference).
public struct ScreenContext: Sendable {
    /// Today, as the runner's clock last said.
    public var today: LocalDate
    /// The terminal's size (pages and visible rows follow it).
    public var size: Size
    /// The keys in force, defaults and keys.toml.
    public var keymap: Keymap
    /// The council's timescales.
    public var rules: Rules
    /// The council's lists: service areas, categories, learning themes.
    public var reference: ReferenceData
    /// Working days and bank holidays.
    public var calendar: WorkingDayCalendar
    /// Known values for completion, by source: officer, team, person, advocate, owner.
    public var sources: [String: [String]]
    /// The choices of the last saved quick entry.
    public var lastEntry: [String: String]
    /// The officer name the audit trail uses.
    public var officer: String
    /// Whether the terminal draws Unicode glyphs.
    public var unicode: Bool
    /// Opened with --read-only: nothing may change the record.
    public var readOnly: Bool
    /// The case list's rows, for screens that open a case by its reference.
    public var rows: CaseRows
    /// How dates are written on every screen (`[ui] date_format`).
    public var dateStyle: DateStyle = .iso
    /// Why this screen's data could not be read (`AppState.loadProblem`), nil while it loads.
    public var loadProblem: String?

    var glyphs: Glyphs { Glyphs(unicode: unicode) }
}

extension AppState {
    /// What the screens read. The case list reads its own rows from its state, so it is given
    /// none here: a second reference to them would make its next change copy them all.
    func context(withRows: Bool = true) -> ScreenContext {
        var ctx = ScreenContext(today: today, size: size, keymap: keymap, rules: rules, reference: reference, calendar: calendar, sources: sources,
                                lastEntry: lastEntry, officer: officer, unicode: unicode, readOnly: readOnly, rows: withRows ? list.rows : CaseRows())
        ctx.dateStyle = dateStyle
        if let p = loadProblem, p.depth == stack.count { ctx.loadProblem = p.text }
        return ctx
    }
}

/// What a screen's update asks the root to do: it never edits another screen itself.
public enum Output: Sendable {
    /// Push a screen over this one.
    case push(Screen)
    /// Take this screen off (a form that is done, say).
    case pop
    /// Back to the case list.
    case popAll
    /// Leave the application.
    case quit
    /// A message on the status line.
    case say(String, error: Bool)
    /// Something for the runner: a store command, a load, the editor.
    case effect(Effect)
    /// A dialog over everything that takes the next key.
    case dialog(DialogState)
    /// A panel over the screen (filters); nil closes it.
    case overlay(Overlay?)
    /// Open the case with this reference, or apply `missing` when the list lacks it.
    indirect case openReference(String, missing: Output)
    /// An action for the screen that is on top once the outputs before it are applied (a form
    /// answering the screen that opened it).
    case send(ScreenAction)
    /// Export the cases the list shows (found only then: there may be 100,000 of them).
    case exportShown(format: String, path: String)
    /// The quick entry's choices, for the next form to start with.
    case rememberEntry([String: String])

    static func say(_ text: String) -> Output { .say(text, error: false) }
}

/// A typed action for one screen, as the root routes it.
public enum ScreenAction: Sendable {
    case caseList(CaseListAction)
    case caseDetail(CaseDetailAction)
    case workflow(WorkflowAction)
    case findings(FindingsAction)
    case actionPlan(ActionPlanAction)
    case report(ReportAction)
    case figureCases(FigureCasesAction)
    case form(FormAction)
    case myWork(MyWorkAction)
    case documents(DocumentsAction)
    case letters(LettersAction)
    case retention(RetentionAction)
    case subjectAccess(SubjectAccessAction)
}
