import HeardCore
import TerminalUI

// The keymap boundary: keys.toml names actions by scope and string; the app sees only these
// typed commands. Each enum's raw values are the names keys.toml uses, so these declarations
// are the one table between the two.

/// Keys every screen but a form answers to.
public enum GlobalCommand: String, CaseIterable, Sendable { case back, help, command, actionPlan, report, undo, redraw, myWork }

/// Moving a selection and acting on it, on every screen that lists things.
public enum ListCommand: String, CaseIterable, Sendable {
    case up, down, top, bottom, pageUp, pageDown, open, narrow, mark

    /// The movements alone (no open, narrow or mark).
    static let movements: [ListCommand] = [.up, .down, .top, .bottom, .pageUp, .pageDown]
}

/// Keys of the case list.
public enum CaseListCommand: String, CaseIterable, Sendable {
    case quickEntry, workflow, sortNext, sortReverse, stateFilter, filters, clearFilters, markAll, bulk
}

/// Keys of the case detail.
public enum CaseDetailCommand: String, CaseIterable, Sendable {
    case edit, workflow, nextSection, previousSection
    /// The case's correspondence: a contact logged in one line, its documents, its letters.
    case logContact, documents, letters
    case legalHold
    /// Anonymise this one case on request (the right to erasure), with a reason.
    case anonymise
}

/// Keys of the resolution workflow: one per move (pause and resume share one, as do the
/// Ombudsman's referral and decision: only one of each pair is ever offered).
public enum WorkflowCommand: String, CaseIterable, Sendable {
    case acknowledge, extend, pause, findings, respond, close, escalate, withdraw, mediation, notAccepted, ombudsman, remedy, learning
    case appoint

    /// The command that picks a move.
    public init(_ move: Move) {
        switch move {
        case .acknowledge: self = .acknowledge
        case .extend: self = .extend
        case .pause, .resume: self = .pause
        case .findings: self = .findings
        case .respond: self = .respond
        case .close: self = .close
        case .escalate: self = .escalate
        case .withdraw: self = .withdraw
        case .mediation: self = .mediation
        case .notAccepted: self = .notAccepted
        case .ombudsmanReferral, .ombudsmanDecision: self = .ombudsman
        case .remedy: self = .remedy
        case .learning: self = .learning
        case .appoint: self = .appoint
        }
    }
}

/// Keys of the findings screen.
public enum FindingsCommand: String, CaseIterable, Sendable {
    case upheld, partiallyUpheld, notUpheld, clear, addIssue
    /// Write what was found on the selected issue, beside its verdict.
    case text

    /// The finding a key records (`.some(nil)` clears it); nil for adding an issue.
    var finding: Finding?? {
        switch self {
        case .upheld: return .some(.upheld)
        case .partiallyUpheld: return .some(.partiallyUpheld)
        case .notUpheld: return .some(.notUpheld)
        case .clear: return .some(nil)
        case .addIssue, .text: return nil
        }
    }
}

/// Keys of the action plan.
public enum ActionPlanCommand: String, CaseIterable, Sendable { case addAction, progress, complete, drop, toggleGrouping, showAll, edit }

/// Keys of the report screen.
public enum ReportCommand: String, CaseIterable, Sendable { case previousPeriod, nextPeriod, range, areas, publicView, export }

/// Keys of the filter panel. Its own up and down (not the list's j and k): letters there type
/// the value wanted, so none is bound to a letter by default.
public enum FilterCommand: String, CaseIterable, Sendable { case previousValue, nextValue, apply, previousFilter, nextFilter }

/// Keys of the documents screen.
public enum DocumentsCommand: String, CaseIterable, Sendable { case attach, save }

/// Keys of the letters screen (on the letter shown).
public enum LettersCommand: String, CaseIterable, Sendable { case edit, save, record }

/// The retention screen's (`:retention`) own key: dispose of the due cases.
public enum RetentionKeyCommand: String, CaseIterable, Sendable { case dispose }

/// The subject access screen's (`:sar NAME`) own keys: every case found chosen or none, and
/// the bundle of the chosen cases written (space, the list's mark, leaves one out or takes it back);
/// and, on "my work", the selected request marked answered (`heard sar --done N`).
public enum SubjectAccessKeyCommand: String, CaseIterable, Sendable { case chooseAll, writeBundle, answered }

/// The keymap's scopes, as keys.toml names them.
public enum KeyScopeName: String, CaseIterable, Sendable { case global, list, caseList, caseDetail, workflow, findings, actionPlan, report, filters, documents, letters, retention, subjectAccess }

extension KeyScope {
    /// Every action of a scope.
    init(_ name: KeyScopeName) { self.init(name.rawValue) }
}

/// A key's meaning on a screen, typed.
public enum KeyCommand: Hashable, Sendable {
    case global(GlobalCommand)
    case list(ListCommand)
    case caseList(CaseListCommand)
    case caseDetail(CaseDetailCommand)
    case workflow(WorkflowCommand)
    case findings(FindingsCommand)
    case actionPlan(ActionPlanCommand)
    case report(ReportCommand)
    case filters(FilterCommand)
    case documents(DocumentsCommand)
    case letters(LettersCommand)
    case retention(RetentionKeyCommand)
    case subjectAccess(SubjectAccessKeyCommand)

    /// The command keys.toml names `action` in `scope`; nil when there is none.
    public init?(scope: String, action: String) {
        guard let scope = KeyScopeName(rawValue: scope) else { return nil }
        switch scope {
        case .global: guard let c = GlobalCommand(rawValue: action) else { return nil }; self = .global(c)
        case .list: guard let c = ListCommand(rawValue: action) else { return nil }; self = .list(c)
        case .caseList: guard let c = CaseListCommand(rawValue: action) else { return nil }; self = .caseList(c)
        case .caseDetail: guard let c = CaseDetailCommand(rawValue: action) else { return nil }; self = .caseDetail(c)
        case .workflow: guard let c = WorkflowCommand(rawValue: action) else { return nil }; self = .workflow(c)
        case .findings: guard let c = FindingsCommand(rawValue: action) else { return nil }; self = .findings(c)
        case .actionPlan: guard let c = ActionPlanCommand(rawValue: action) else { return nil }; self = .actionPlan(c)
        case .report: guard let c = ReportCommand(rawValue: action) else { return nil }; self = .report(c)
        case .filters: guard let c = FilterCommand(rawValue: action) else { return nil }; self = .filters(c)
        case .documents: guard let c = DocumentsCommand(rawValue: action) else { return nil }; self = .documents(c)
        case .letters: guard let c = LettersCommand(rawValue: action) else { return nil }; self = .letters(c)
        case .retention: guard let c = RetentionKeyCommand(rawValue: action) else { return nil }; self = .retention(c)
        case .subjectAccess: guard let c = SubjectAccessKeyCommand(rawValue: action) else { return nil }; self = .subjectAccess(c)
        }
    }

    /// The scope and name keys.toml uses for the command.
    public var name: (scope: String, action: String) {
        switch self {
        case .global(let c): return (KeyScopeName.global.rawValue, c.rawValue)
        case .list(let c): return (KeyScopeName.list.rawValue, c.rawValue)
        case .caseList(let c): return (KeyScopeName.caseList.rawValue, c.rawValue)
        case .caseDetail(let c): return (KeyScopeName.caseDetail.rawValue, c.rawValue)
        case .workflow(let c): return (KeyScopeName.workflow.rawValue, c.rawValue)
        case .findings(let c): return (KeyScopeName.findings.rawValue, c.rawValue)
        case .actionPlan(let c): return (KeyScopeName.actionPlan.rawValue, c.rawValue)
        case .report(let c): return (KeyScopeName.report.rawValue, c.rawValue)
        case .filters(let c): return (KeyScopeName.filters.rawValue, c.rawValue)
        case .documents(let c): return (KeyScopeName.documents.rawValue, c.rawValue)
        case .letters(let c): return (KeyScopeName.letters.rawValue, c.rawValue)
        case .retention(let c): return (KeyScopeName.retention.rawValue, c.rawValue)
        case .subjectAccess(let c): return (KeyScopeName.subjectAccess.rawValue, c.rawValue)
        }
    }
}

extension Keymap {
    /// The typed command `key` asks for on a screen with these scopes.
    func command(for key: Key, in scopes: [KeyScope]) -> KeyCommand? {
        binding(for: key, in: scopes).flatMap { KeyCommand(scope: $0.scope, action: $0.action) }
    }

    /// The keys bound to a command.
    func keys(for command: KeyCommand) -> [Key] {
        let n = command.name
        return keys(for: n.action, scope: n.scope)
    }
}
