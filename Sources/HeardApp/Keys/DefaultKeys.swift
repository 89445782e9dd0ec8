import TerminalUI

/// Heard's default key bindings: DESIGN.md's table, by scope. Users rebind them in keys.toml.
public enum DefaultKeys {
    /// Commands that change the record: none of them is bound in read-only mode. The
    /// workflow's moves and the findings keys are among them.
    static let editCommands: [KeyCommand] = [.caseList(.quickEntry), .caseList(.workflow), .caseList(.bulk), .caseDetail(.edit), .caseDetail(.workflow),
                                             .global(.undo), .actionPlan(.addAction), .actionPlan(.progress), .actionPlan(.complete), .actionPlan(.drop), .actionPlan(.edit)]
        + WorkflowCommand.allCases.map(KeyCommand.workflow) + FindingsCommand.allCases.map(KeyCommand.findings)
        // The correspondence: read-only shows the letters and documents and saves them out to
        // files, as `heard letter` and `heard document` do read-only (a manager read none of them
        // on the screens); logging a contact, recording a letter sent, attaching a file and
        // editing a letter for sending are not offered.
        + [.caseDetail(.logContact), .documents(.attach), .letters(.record), .letters(.edit)]
        // Retention: a hold and a disposal change the record.
        + [.caseDetail(.legalHold), .retention(.dispose), .caseDetail(.anonymise)]
        // Subject access: the bundle is written and the request recorded.
        + [.subjectAccess(.writeBundle), .subjectAccess(.answered)]

    /// Anonymising and disposing: not offered to a login that may change the record but not
    /// these (an officer on a team's server).
    static let disposalCommands: [KeyCommand] = [.retention(.dispose), .caseDetail(.anonymise)]
    public static let disposalActions: Set<String> = Set(disposalCommands.map(\.name.action))

    /// The names of the edit commands (each name is unique across scopes, so a name is enough).
    public static let editActions: Set<String> = Set(editCommands.map(\.name.action))

    public static var bindings: [KeyBinding] {
        // Written with the typed commands, so each name keys.toml uses is spelled once (in KeyCommand.swift).
        func b(_ command: KeyCommand, _ keys: [Key], _ description: String) -> KeyBinding {
            KeyBinding(scope: command.name.scope, action: command.name.action, keys: keys, description: description)
        }
        return [
            b(.global(.back), [.escape, .char("q")], "Back out (q on the case list quits)"),
            b(.global(.help), [.char("?")], "Help for this screen"),
            b(.global(.command), [.char(":")], "Command line"),
            b(.global(.actionPlan), [.char("A")], "Action plan"),
            b(.global(.report), [.char("R")], "Report for the current financial year"),
            b(.global(.undo), [.char("u")], "Undo the last change of this session"),
            b(.global(.redraw), [.ctrl("l")], "Redraw the screen"),
            b(.global(.myWork), [.char("M")], "My work: what is due from me"),
            b(.list(.up), [.char("k"), .up], "Move up"),
            b(.list(.down), [.char("j"), .down], "Move down"),
            b(.list(.top), [.home, .char("g")], "First row"),
            b(.list(.bottom), [.end, .char("G")], "Last row"),
            b(.list(.pageUp), [.pageUp, .ctrl("b")], "Page up"),
            b(.list(.pageDown), [.pageDown, .ctrl("f")], "Page down"),
            b(.list(.open), [.enter], "Open the selected item"),
            b(.list(.narrow), [.char("/")], "Narrow as you type (Enter keeps, Esc clears)"),
            b(.list(.mark), [.char(" ")], "Mark / unmark the row, and go to the next"),
            b(.caseList(.quickEntry), [.char("n")], "Quick entry of a new contact"),
            b(.caseList(.workflow), [.char("w")], "Resolution workflow of the selected complaint"),
            b(.caseList(.sortNext), [.char("s")], "Sort by the next column"),
            b(.caseList(.sortReverse), [.char("S")], "Reverse the sort"),
            b(.caseList(.stateFilter), [.char("f")], "Filter by state: all, open, overdue, due soon, closed"),
            b(.caseList(.filters), [.char("F")], "Filters: state, stage, service area, officer, kind, C&YP, legal hold"),
            b(.caseList(.clearFilters), [.char("x")], "Clear every filter"),
            b(.caseList(.markAll), [.char("*")], "Mark every shown row / clear marks"),
            b(.caseList(.bulk), [.char("b")], "Bulk triage of the marked cases"),
            b(.caseDetail(.edit), [.char("e")], "Edit the case's fields"),
            b(.caseDetail(.workflow), [.char("w")], "Resolution workflow"),
            b(.caseDetail(.nextSection), [.tab], "Next section"),
            b(.caseDetail(.previousSection), [.backTab], "Previous section"),
            b(.actionPlan(.addAction), [.char("a")], "Add an action in one line"),
            b(.actionPlan(.progress), [.char("p")], "Add a progress note"),
            b(.actionPlan(.complete), [.char("c")], "Complete the action"),
            b(.actionPlan(.drop), [.char("d")], "Drop the action, with a reason"),
            b(.actionPlan(.toggleGrouping), [.char("t")], "Group by owner / by service area"),
            b(.actionPlan(.showAll), [.char("h")], "Show or hide done and dropped actions"),
            b(.actionPlan(.edit), [.char("e")], "Edit the action: title, owner, due date, tags, service area"),
            b(.report(.previousPeriod), [.char("["), .left], "The period before"),
            b(.report(.nextPeriod), [.char("]"), .right], "The period after (up to today's)"),
            b(.report(.range), [.char("r")], "Choose the range"),
            b(.report(.areas), [.char("a")], "Choose service areas"),
            b(.report(.publicView), [.char("p")], "Public view (small counts as c, no names)"),
            b(.report(.export), [.char("x")], "Export: markdown, csv, json, html, text"),
            // The workflow's moves: the letters DESIGN.md's workflow has always used.
            b(.workflow(.acknowledge), [.char("a")], "Acknowledge"),
            b(.workflow(.extend), [.char("x")], "Extend the deadline"),
            b(.workflow(.pause), [.char("p")], "Pause or resume the clock"),
            b(.workflow(.findings), [.char("f")], "Record findings on each issue"),
            b(.workflow(.respond), [.char("r")], "Record the response"),
            b(.workflow(.close), [.char("c")], "Close the case"),
            b(.workflow(.escalate), [.char("e")], "Escalate to the next stage"),
            b(.workflow(.withdraw), [.char("d")], "Withdrawn"),
            b(.workflow(.mediation), [.char("m")], "Resolved by mediation"),
            b(.workflow(.notAccepted), [.char("n")], "Not accepted"),
            b(.workflow(.ombudsman), [.char("o")], "Referred to the Ombudsman / the Ombudsman's decision"),
            b(.workflow(.remedy), [.char("y")], "Record a remedy"),
            b(.workflow(.learning), [.char("l")], "Capture a learning point"),
            b(.workflow(.appoint), [.char("i")], "Appoint stage 2's investigators or stage 3's panel"),
            b(.findings(.upheld), [.char("u")], "Upheld"),
            b(.findings(.partiallyUpheld), [.char("p")], "Partially upheld"),
            b(.findings(.notUpheld), [.char("n")], "Not upheld"),
            b(.findings(.clear), [.char("0")], "Clear the finding"),
            b(.findings(.addIssue), [.char("+"), .char("i")], "Add an issue"),
            b(.findings(.text), [.char("t"), .enter], "Write the finding on the selected issue, beside its verdict"),
            // The panel's keys are not letters: letters typed there find a value (h was the
            // first letter of Helen, and j and k of James and Kate).
            // The panel's letters as they have always been (h/l change, j/k move, space steps, as
            // in lists); a capital or any other letter begins typing a value.
            b(.filters(.previousValue), [.left, .char("h")], "Previous value"),
            b(.filters(.nextValue), [.right, .char("l"), .char(" ")], "Next value"),
            b(.filters(.apply), [.enter], "Apply the filters"),
            b(.filters(.previousFilter), [.up, .char("k"), .backTab], "Previous filter"),
            b(.filters(.nextFilter), [.down, .char("j"), .tab], "Next filter"),
            b(.caseDetail(.logContact), [.char("l")], "Log a contact in one line: out call \"Mrs Patel\" 14:30 chased"),
            b(.caseDetail(.documents), [.char("D")], "Documents: the files kept with the case"),
            b(.caseDetail(.letters), [.char("L")], "Letters: what the stage needs, every template"),
            b(.documents(.attach), [.char("a")], "Attach a file by its path"),
            b(.documents(.save), [.char("s")], "Save the selected document to a file"),
            b(.letters(.edit), [.char("e")], "Edit the letter shown in $EDITOR"),
            b(.letters(.save), [.char("s")], "Save the letter shown: docx, html or md"),
            b(.letters(.record), [.char("r")], "Record the letter shown as sent today"),
            b(.caseDetail(.legalHold), [.char("H")], "Legal hold: set one with a reason, or lift the one the case has"),
            b(.caseDetail(.anonymise), [.char("X")], "Anonymise this case on request (right to erasure), with a reason; asks y"),
            b(.retention(.dispose), [.char("x")], "Dispose of every case due (anonymise; asks y; cannot be undone)"),
            b(.subjectAccess(.chooseAll), [.char("*")], "Choose every case found / none (space: the selected one)"),
            b(.subjectAccess(.writeBundle), [.char("y")], "Write the bundle of the chosen cases and record the request"),
            b(.subjectAccess(.answered), [.char("d")], "Mark the selected subject access request answered today (asks y; u undoes)"),
        ]
    }

    /// The keymap in force: defaults, the user's overrides, and none of the edit keys when
    /// read-only (nor the disposal keys when `mayDispose` is false).
    public static func keymap(overrides: String?, file: String, readOnly: Bool, mayDispose: Bool = true) -> (Keymap, [String]) {
        let (map, errors) = Keymap.load(defaults: bindings, overrides: overrides, file: file)
        let final = readOnly ? map.removing(actions: editActions) : mayDispose ? map : map.removing(actions: disposalActions)
        return (final, errors.map(\.description))
    }
}
