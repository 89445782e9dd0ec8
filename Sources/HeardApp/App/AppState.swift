import HeardCore
import TerminalUI

/// Everything the screens show, as a value: the update function changes it, render draws it.
public struct AppState: Sendable {
    public var list = CaseListState()
    /// Screens pushed over the case list, topmost last.
    public var stack: [Screen] = []
    public var overlay: Overlay?
    public var message: Message?
    /// Long work is under way (a bulk change, its undo, a save waiting for a busy file): the
    /// runner said how far it has got (`.progress`) and has not answered yet. No key is read
    /// until it is done, so the key line says that instead of the keys of the screen under it.
    public var working = false
    /// Why the top screen's data could not be read, and how deep the stack was then: the screen
    /// says it in place of "Loading…" (it had stayed "Loading…" for good after the message went).
    public var loadProblem: (text: String, depth: Int)?
    /// Advances about four times a second while idle; messages expire by it.
    public var tick = 0
    public var size: Size
    public var today: LocalDate
    /// Why anonymising and disposal are not offered in a session that may change the record
    /// (an officer's role on a team's server), said when their key is pressed; nil otherwise.
    public var disposalWithheld: String?
    public var readOnly: Bool
    public var quit = false
    /// The database holds no contacts yet: the case list shows how to start.
    public var emptyDatabase = false
    public var databaseLabel: String
    /// What a command needs to reach this record, for the hints that name one: `--db WORD`, the
    /// word quoted for the shell and without any password; empty for the default record.
    public var databaseOption = ""
    public var unicode: Bool
    public var keymap: Keymap
    public var rules: Rules
    public var reference: ReferenceData
    public var calendar: WorkingDayCalendar
    /// Known values for completion, by source: officer, team, person, advocate, owner.
    public var sources: [String: [String]] = [:]
    /// The choices of the last saved quick entry: the next form starts with them.
    public var lastEntry: [String: String] = [:]
    /// The officer name the audit trail uses: the default officer of new contacts.
    public var officer = ""
    /// Where config.toml is (or would be), in full, for messages that send the user there.
    public var configPath = "config.toml"
    /// A dialog over everything (bulk results, conflicts) that takes the next key.
    public var dialog: DialogState?
    /// How every screen writes dates (`[ui] date_format`).
    public var dateStyle: DateStyle = .iso
    /// Show the terminal cursor (`[ui] cursor = "visible"`); it is placed on the focus either way.
    public var cursorVisible = false

    public init(size: Size, today: LocalDate, readOnly: Bool, databaseLabel: String, unicode: Bool, keymap: Keymap, rules: Rules = .default,
                reference: ReferenceData = .default, calendar: WorkingDayCalendar = .englandAndWales) {
        self.size = size; self.today = today; self.readOnly = readOnly; self.databaseLabel = databaseLabel
        self.unicode = unicode; self.keymap = keymap; self.rules = rules; self.reference = reference; self.calendar = calendar
        list.dueSoonDays = rules.dueSoonDays
    }

    var glyphs: Glyphs { Glyphs(unicode: unicode) }

    /// The smallest terminal the screens are drawn in; below it a notice asks for more room.
    public static let minimumSize = Size(width: 50, height: 12)
    /// On the case list at rest, where q quits whatever the terminal's size.
    /// `?` was pressed in a dialog: the help is drawn and takes keys; the dialog comes back after.
    var helpOverDialog: Bool {
        guard dialog != nil, case .help? = overlay else { return false }
        return true
    }
    var canQuitWhenTooSmall: Bool { stack.isEmpty && overlay == nil && dialog == nil && list.queryInput == nil }
    public var isTooSmall: Bool { size.width < AppState.minimumSize.width || size.height < AppState.minimumSize.height }

    mutating func say(_ text: String, error: Bool = false) {
        message = Message(text, kind: error ? .error : .info, now: tick, duration: error ? 40 : 16)
    }
}

/// A panel drawn over the current screen that takes the keys while it is open.
public enum Overlay: Sendable {
    /// The `?` help, scrolled to `offset`; over the filter panel, the panel's keys, and the
    /// panel (with what was chosen in it) comes back when the help closes.
    case help(offset: Int, panel: FilterPanelState? = nil)
    case filters(FilterPanelState)
    /// The `:` command line being typed, with the last problem.
    case command(TextInputState, problem: String?)
}

/// What happens to the app: keys, the terminal, the runner's answers to effects.
public enum AppEvent: Sendable {
    case key(Key)
    case resize(Size)
    case tick
    /// The date changed while the application was open (midnight): everything reckoned from
    /// today is reckoned again.
    case dayChanged(LocalDate)
    case casesLoaded(CaseRows, emptyDatabase: Bool)
    case rowsRefreshed([CaseRow], requested: [Int64])
    case caseLoaded(CaseDetailData)
    case failed(String)
    /// A screen's data could not be read (a server's lock, a lost connection): said, and the
    /// screen waiting for it says so in place of "Loading…" until it is left or loaded.
    case loadFailed(String)
    /// Another process committed a change to the file; the contacts it touched, when known.
    case externalChange(contacts: [Int64]?)
    case sourcesLoaded([String: [String]])
    /// A new contact was logged (or an edit saved): its id and reference.
    /// `officerless`: a new case waiting for an answer was logged with no officer (config.toml
    /// names none), so no one's my work shows it: said, with how to give it one (a trial).
    case contactSaved(id: Int64, reference: String, created: Bool, officerless: Bool = false)
    /// A workflow move, finding, issue, learning point or remedy was recorded on a case.
    case caseChanged(CaseDetailData, said: String)
    /// A save met someone else's newer version.
    case conflict(Conflict)
    case actionsLoaded([ActionItem])
    case actionSaved(String)
    /// A subject access request was marked answered: said, and "my work" read again.
    case subjectAccessAnswered(String)
    /// How far a long piece of work has gone ("Assigning: 12,000 of 100,000 cases"), or that
    /// it waits (a busy file): the work goes on until the runner's answer, and no key is read meanwhile.
    case progress(String)
    /// A line for the status bar answering a quick effect (a path's completions).
    case note(String)
    /// A warning for the status bar that answers no step of the user's: rows another tool
    /// wrote that Heard cannot read, left out of the list.
    case warning(String)
    case undone(String, contacts: [Int64])
    /// The editor returned text for a form field.
    case textEdited(field: String, text: String)
    /// `undoable`: something changed, so u undoes it (not an earlier step when nothing did).
    case bulkDone(said: String, refused: [String], undoable: Bool = false)
    case reportLoaded(ReportGroup, period: Period, areas: [String])
    /// Open a case's detail (e.g. the case behind an action's learning point).
    case openCase(Int64)
    /// A learning point was saved; `thenAction` opens the one-line action linked to it.
    case learningAdded(LearningPoint, thenAction: Bool)
    /// "My work" computed for the officer (`Store.myWork`).
    case myWorkLoaded(MyWork)
    /// A file is already at the path a form (or `:export`) is saving to: the form, else a
    /// dialog, asks before `replace` runs.
    case askReplace(path: String, replace: Effect)
    /// The letters of a case: the templates and what the stage needs (for the `L` screen).
    case lettersLoaded(contactID: Int64, [LetterChoice], problems: [String])
    /// A letter rendered for the `L` screen's preview (or the reason it could not be).
    case letterRendered(contactID: Int64, template: String, Result<String, LetterProblem>)
    /// A letter was written to a file: the form closes and "record as sent?" is asked.
    case letterSaved(LetterFile, said: String)
    /// What is due for disposal and what holds keep (`:retention`), with the rules in words.
    case retentionLoaded(RetentionList, rules: String)
    /// Cases were disposed of (anonymised): what to say, and the cases changed.
    case disposed(String, contacts: [Int64])
    /// `:sar NAME` searched: the cases found, for the officer to choose the person's.
    case subjectAccessFound(name: String, matches: [SubjectAccessMatch], open: [SubjectAccessRequest] = [])
    /// A subject access bundle was written and its request recorded: what to say.
    case subjectAccessWritten(String)
}

/// Someone else saved first: what they changed, and how to reapply ours on their version.
public struct Conflict: Equatable, Sendable {
    public var reference: String
    public var changes: [String]
    /// Our change again, on the newer version.
    public var reapply: [Effect]
    public init(reference: String, changes: [String], reapply: [Effect]) { self.reference = reference; self.changes = changes; self.reapply = reapply }
}

/// What the update function asks the runner to do; the runner answers with events.
public enum Effect: Equatable, Sendable {
    case loadCases
    /// Fresh copies of some rows of the case list (after a change to them).
    case refreshRows([Int64])
    case loadCase(Int64)
    case loadSources
    case loadActions
    case redraw
    /// ctrl-z: the terminal is raw (no signal keys), so the app stops itself, as the shell's
    /// job control expects, and repaints when it is continued.
    case suspend
    case quit
    case addContact(Contact)
    /// Saves edited fields; `original` is the contact as the user opened it (for conflicts).
    case updateContact(Contact, original: Contact)
    case record(CaseEvent, contactID: Int64, version: Int)
    /// One user step of several changes (a response with remedies): one store command, one undo step.
    case apply(CaseStep, contactID: Int64, version: Int)
    case addIssue(category: String, contactID: Int64, version: Int)
    case setFinding(Finding?, issueID: Int64, stage: Int, contactID: Int64, version: Int)
    case addLearning(LearningPoint, contactID: Int64, thenAction: Bool)
    case addAction(ActionItem)
    case updateAction(ActionItem)
    case addNote(ProgressNote, actionID: Int64, version: Int)
    case undo
    case openLearning(Int64)
    case loadReport(Period, areas: [String])
    case exportReport(ReportFormat, path: String, publicVersion: Bool, period: Period, areas: [String], replace: Bool = false)
    /// Writes contacts in the import format (csv or json) to a file; an existing file is
    /// replaced only with `replace` (else "Replace it?" is asked).
    case exportCases([Int64], path: String, format: String, replace: Bool = false)
    case setTheme(String)
    /// Shows the one-field form of a bulk change (a dialog's answer).
    case openBulkForm(BulkKind, ids: [Int64])
    /// Asks `y` before a bulk change that ends or escalates stages (a dialog's answer).
    case confirmBulk(BulkOperation, ids: [Int64])
    case openEditor(field: String, text: String)
    case bulk(BulkOperation, ids: [Int64])
    /// What is due from the officer config.toml names ("my work").
    case loadMyWork
    /// Marks subject access request `id` answered today (`d` on "my work", after y).
    case completeSubjectAccess(id: Int64)
    /// Adds a line to a case's contact log; without `timeGiven` the runner stamps it now.
    case addLogEntry(LogEntry, contactID: Int64, timeGiven: Bool)
    /// Keeps the file at `path` with the case (read by the runner, refused as the store says).
    case attachDocument(path: String, contactID: Int64)
    /// Writes document `number` of a case to `path` (0600, no link followed); an existing file
    /// is replaced only with `replace`.
    case saveDocument(contactID: Int64, number: Int, path: String, replace: Bool)
    /// Reads the templates and the letters the case's stage needs.
    case loadLetters(contactID: Int64)
    /// Renders a template against the case for the preview.
    case renderLetter(contactID: Int64, template: String)
    /// Opens the letter's Markdown in $EDITOR; the edited text comes back as the letter's.
    case editLetter(contactID: Int64, template: String, text: String)
    /// Writes the letter's Markdown as md, html or docx to `path`.
    case saveLetter(LetterFile, replace: Bool)
    /// Tab in a path field: the runner lists the folder and completes the name (`PathCompletion`).
    case completePath(field: String, typed: String)
    /// Records a letter as sent, with the move it makes (the stage's acknowledgement) when the
    /// officer says so: one store transaction, one undo step.
    case recordLetter(LetterSent, contactID: Int64, version: Int, step: CaseStep?)
    /// The cases due for disposal today and those a hold keeps (`:retention`).
    case loadRetention
    /// Disposes of these cases by anonymising them: one store command, not undoable.
    case dispose([Int64])
    /// Sets a legal hold on a case with a reason, or lifts it (`H`).
    case setLegalHold(contactID: Int64, reason: String, lift: Bool)
    /// Anonymises one case on request, with a reason: one store command, not undoable.
    case anonymise(contactID: Int64, reason: String)
    /// `:sar NAME`: the runner searches and answers `.subjectAccessFound`.
    case findSubjectAccess(String)
    /// Writes the subject access bundle for NAME of the `chosen` cases to the default folder and
    /// records the request; refused when the matches are no longer the `shown` ones.
    case writeSubjectAccess(String, chosen: [Int64], shown: [SubjectAccessShown])
}

/// What bulk triage does to every marked case.
public enum BulkOperation: Equatable, Sendable {
    case assign(officer: String)
    case serviceArea(String)
    case escalate
    case close
    /// The marked cases to a CSV file; an existing file is replaced only with `replace`.
    case export(path: String, replace: Bool = false)
}

extension AppEvent {
    /// A screen's data read and handed over (what ends a load's failure shown on that screen).
    var isLoaded: Bool {
        switch self {
        case .casesLoaded, .caseLoaded, .caseChanged, .actionsLoaded, .reportLoaded, .myWorkLoaded, .lettersLoaded, .retentionLoaded: return true
        default: return false
        }
    }
}
