import TerminalUI

/// A screen pushed over the case list.
public enum Screen: Sendable {
    case detail(CaseDetailState)
    case form(FormScreen)
    case workflow(WorkflowState)
    case findings(FindingsState)
    case actionPlan(ActionPlanState)
    case report(ReportState)
    case figureCases(FigureCasesState)
    case documents(DocumentsState)
    case letters(LettersState)
    case myWork(MyWorkState)
    case retention(RetentionState)
    case subjectAccess(SubjectAccessState)

    /// Whether this is a form (asked without copying its payload).
    var isForm: Bool {
        if case .form = self { return true }
        return false
    }

    /// The screen's keys; a form has none (it takes every key itself).
    var keys: ScreenKeys? {
        switch self {
        case .detail: return CaseDetailUpdate.keys
        case .form: return nil
        case .workflow: return WorkflowUpdate.keys
        case .findings: return FindingsUpdate.keys
        case .actionPlan: return ActionPlanUpdate.keys
        case .report: return ReportUpdate.keys
        case .figureCases: return FigureCasesUpdate.keys
        case .documents: return DocumentsUpdate.keys
        case .letters(let l): return l.preview == nil ? LettersUpdate.keys : LettersUpdate.letterShownKeys
        case .myWork: return MyWorkUpdate.keys
        case .retention(let r): return r.list?.due.isEmpty == false ? RetentionUpdate.keys : RetentionUpdate.nothingDueKeys
        case .subjectAccess: return SubjectAccessUpdate.keys
        }
    }

    /// A key's command as this screen's typed action; nil when the screen has no such action.
    func action(for command: KeyCommand) -> ScreenAction? {
        switch (self, command) {
        case (.detail, .list(let c)): return .caseDetail(.list(c))
        case (.detail, .caseDetail(let c)): return .caseDetail(.command(c))
        case (.workflow, .list(let c)): return .workflow(.list(c))
        case (.workflow, .workflow(let c)): return .workflow(.move(c))
        case (.findings, .list(let c)): return .findings(.list(c))
        case (.findings, .findings(let c)): return .findings(.command(c))
        case (.actionPlan, .list(let c)): return .actionPlan(.list(c))
        case (.actionPlan, .actionPlan(let c)): return .actionPlan(.command(c))
        case (.report, .list(let c)): return .report(.list(c))
        case (.report, .report(let c)): return .report(.command(c))
        case (.figureCases, .list(let c)): return .figureCases(.list(c))
        case (.documents, .list(let c)): return .documents(.list(c))
        case (.documents, .documents(let c)): return .documents(.command(c))
        case (.letters, .list(let c)): return .letters(.list(c))
        case (.letters, .letters(let c)): return .letters(.command(c))
        case (.myWork, .list(let c)): return .myWork(.list(c))
        case (.myWork, .subjectAccess(let c)): return .myWork(.command(c))
        case (.retention, .list(let c)): return .retention(.list(c))
        case (.retention, .retention(let c)): return .retention(.command(c))
        case (.subjectAccess, .list(let c)): return .subjectAccess(.list(c))
        case (.subjectAccess, .subjectAccess(let c)): return .subjectAccess(.command(c))
        default: return nil
        }
    }
}
