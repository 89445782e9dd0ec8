import HeardCore
import TerminalUI

/// The root of the app: it routes. An event from the runner goes to the screens it concerns; a
/// key becomes the top screen's typed action through that screen's keymap scopes; the screen's
/// update says what should happen (push, pop, say, an effect) and the root does it. No screen
/// edits another.
public enum Update {
    public static func update(_ s: inout AppState, _ event: AppEvent) -> [Effect] {
        // The runner's answer to long work comes after its last `.progress`: whatever event
        // follows, the work is over.
        if case .progress = event { s.working = true } else { s.working = false }
        // A load's failure is the screen's it was for: shown on that screen only, kept while
        // another is over it (back on it, it still says why: it was "Loading…" for good, found by
        // an attack), gone once that screen is left or loaded.
        defer { if let p = s.loadProblem, p.depth > s.stack.count || event.isLoaded { s.loadProblem = nil } }
        switch event {
        case .tick:
            s.tick += 1
            if let m = s.message, m.isExpired(at: s.tick) { s.message = nil }
            return []
        case .dayChanged(let day):
            s.today = day
            // The rows hold days left and overdue flags as of the day they were read; the open
            // screens' clocks and the action plan's "overdue" likewise: read them all again.
            var effects = reloads(s)
            for screen in s.stack { if case .report(let r) = screen { effects.append(ReportUpdate.load(r)) } }
            return effects
        case .resize(let size):
            s.size = size
            return []
        case .casesLoaded(let rows, let empty):
            s.list.replaceRows(rows)
            s.list.stillLoading = false
            s.list.finishKeysPressedWhileLoading(tableRows: CaseListUpdate.tableRows(s.context()))
            s.emptyDatabase = empty
            if s.stack.isEmpty && s.message == nil { s.warnOfHorizon() }
            return []
        case .caseLoaded(let data):
            setCaseData(&s, data)
            return []
        case .loadFailed(let text):
            s.say(text, error: true)
            s.loadProblem = (text, s.stack.count)
            return []
        case .failed(let text):
            if let reload = refuseSavingForm(&s, text) { return reload }
            s.say(text, error: true)
            return []
        case .rowsRefreshed(let rows, let requested):
            s.list.upsert(rows, requested: requested)
            if s.list.rows.isEmpty == false { s.emptyDatabase = false }
            return []
        case .externalChange(let contacts):
            return reloads(s, contacts: contacts)
        case .sourcesLoaded(let sources):
            s.sources = sources
            return []
        case .contactSaved(let id, let reference, let created, let officerless):
            closeSavingForm(&s)
            // Said without keys to press: the list may not show the new case (a filter), and the
            // edit form opens on another field (a trial followed "Enter, then e" into both).
            let nobody = officerless ? " (no officer yet: in no one's my work)" : ""
            s.say(created ? "Logged \(reference)\(nobody). n logs the next." : "Saved \(reference).")
            var effects: [Effect] = [.refreshRows([id]), .loadSources]
            if created { s.list.pendingSelection = id } else { effects.append(.loadCase(id)) }
            return effects + MyWorkUpdate.reload(s.stack)
        case .caseChanged(let data, let said):
            closeSavingForm(&s)
            setCaseData(&s, data)
            s.say(said)
            // A hold, an anonymisation or a close moves a case on or off the retention list
            // under the case (a trial held one opened from it, and the list still offered it).
            let retention: [Effect] = s.stack.contains { if case .retention = $0 { return true }; return false } ? [.loadRetention] : []
            return (data.contact.id.map { [.refreshRows([$0])] } ?? [.loadCases]) + MyWorkUpdate.reload(s.stack) + retention
        case .learningAdded(let lp, let thenAction):
            s.say("Learning point saved\(thenAction ? ": now the action it leads to" : "").")
            if thenAction, let id = lp.id {
                var f = ActionPlanUpdate.lineForm(s.context(), prefill: "")
                f.title = "Action from the learning point (\(lp.theme))"
                s.stack.append(.form(FormScreen(form: f, purpose: .addAction(source: .learningPoint(id), serviceArea: lp.serviceArea))))
            }
            var effects = reloads(s, contacts: lp.caseReference == nil ? [] : nil)
            effects.append(.loadActions)
            return effects
        case .conflict(let c):
            s.dialog = DialogState(title: "Changed by someone else",
                                   lines: ["\(c.reference) was changed since you opened it:"] + c.changes.map { "  " + $0 } + ["", "Your change was not saved."],
                                   choices: [DialogChoice("r", "reapply yours on their version", c.reapply), DialogChoice("d", "discard yours")])
            // The form stays under the question, still saving: reapplied, it closes when saved,
            // or shows why not with what was typed (a refused reapply had lost it all).
            if case .form(let fs)? = s.stack.last {
                if fs.saving { s.dialog?.formWaitsUnder = true } else { s.stack.removeLast() }
            }
            return reloads(s)
        case .actionsLoaded(let items):
            rebaseActionForm(&s, items)
            return broadcast(&s, .actionPlan(.loaded(items)))
        case .actionSaved(let said):
            closeSavingForm(&s)
            s.say(said)
            // The case screens under the plan too: a case shows its actions (found by a trial:
            // one added or completed from the plan was missing there until the case was reopened).
            var effects: [Effect] = [.loadActions, .loadSources]
            for e in reloads(s, contacts: []) where !effects.contains(e) { effects.append(e) }
            return effects
        case .subjectAccessAnswered(let said):
            s.say(said)
            return MyWorkUpdate.reload(s.stack)
        case .progress(let said), .note(let said):
            s.say(said)
            return []
        case .warning(let said):
            s.say(said, error: true)
            return []
        case .undone(let said, let contacts):
            s.say(said)
            var effects = reloads(s, contacts: contacts)
            // The names the forms complete from, as they are again.
            effects += [.loadActions, .loadSources]
            return effects
        case .textEdited(let field, let text):
            guard case .form? = s.stack.last else { return [] }
            return send(&s, .form(.textEdited(field: field, text: text)))
        case .reportLoaded(let g, let period, let areas):
            return broadcast(&s, .report(.loaded(g, period: period, areas: areas)))
        case .openCase(let id):
            // A learning point's case, found after the key that asked (Enter on the action plan).
            return leavingNoStaleMessage(&s) {
                $0.stack.append(.detail(CaseDetailState(id: id)))
                return [.loadCase(id)]
            }
        case .bulkDone(let said, let refused, let undoable):
            closeSavingForm(&s)
            s.list.marked.removeAll()
            if refused.isEmpty { s.say(said) } else {
                // Every refusal, fitted to the screen when drawn and moved through with j and k:
                // 30,000 listed whole ran off the screen with no total (found by an attack); cut
                // here once, a resize cut them again and none past the first screenful could be read.
                var d = DialogState(title: "Bulk change", lines: [said, "Not changed: \(Render.group(refused.count)) case\(refused.count == 1 ? "" : "s")"])
                d.list = refused
                d.undoKeyUndoes = undoable
                s.dialog = d
            }
            // A bulk assignment may bring an officer (or area) the forms do not know yet.
            return [.loadCases, .loadSources] + MyWorkUpdate.reload(s.stack)
        case .myWorkLoaded(let work):
            return broadcast(&s, .myWork(.loaded(work)))
        case .retentionLoaded(let list, let rules):
            return broadcast(&s, .retention(.loaded(list, rules: rules)))
        case .disposed(let said, let contacts):
            s.say(said)
            return reloads(s, contacts: contacts)
        case .key(let key):
            return handleKeyLeavingNoStaleMessage(&s, key)
        case .askReplace, .lettersLoaded, .letterRendered, .letterSaved:
            return correspondence(&s, event)
        case .subjectAccessFound(let name, let matches, let open):
            return subjectAccessFound(&s, name: name, matches: matches, open: open)
        case .subjectAccessWritten(let said):
            return subjectAccessWritten(&s, said)
        }
    }

    /// What to reload after the record changed: the rows of the contacts touched (every row
    /// when not known) and whatever case is open.
    static func reloads(_ s: AppState, contacts: [Int64]? = nil) -> [Effect] {
        // Beyond a few hundred rows (a bulk change undone), loading the list again is quicker
        // than finding each row in it.
        var effects: [Effect] = contacts.map { $0.isEmpty ? [] : $0.count > 500 ? [.loadCases] : [.refreshRows($0)] } ?? [.loadCases]
        for screen in s.stack {
            switch screen {
            case .detail(let d): effects.append(.loadCase(d.id))
            case .workflow(let w): effects.append(.loadCase(w.contactID))
            case .findings(let f): effects.append(.loadCase(f.contactID))
            case .documents(let d): effects.append(.loadCase(d.contactID))
            case .letters(let l): effects.append(.loadCase(l.contactID))
            case .actionPlan: effects.append(.loadActions)
            case .myWork: effects.append(.loadMyWork)
            case .retention: effects.append(.loadRetention)
            default: break
            }
        }
        var seen: [Effect] = []
        for e in effects where !seen.contains(e) { seen.append(e) }
        return seen
    }

    /// A case loaded: every screen showing it takes the new copy.
    static func setCaseData(_ s: inout AppState, _ data: CaseDetailData) {
        _ = broadcast(&s, .caseDetail(.loaded(data)))
        _ = broadcast(&s, .workflow(.loaded(data)))
        _ = broadcast(&s, .findings(.loaded(data)))
        _ = broadcast(&s, .documents(.loaded(data)))
        _ = broadcast(&s, .letters(.loaded(data)))
    }
}
