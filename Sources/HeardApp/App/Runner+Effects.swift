import Foundation
import HeardCore
import HeardFiles
import HeardStore
import TerminalUI

extension AppRunner {
    /// Executes the effects that change the record, answering with events.
    func performChange(_ e: Effect) {
        let today = state.today
        warnIfBusy(before: e)
        // The wait is over, saved or not: the answer below says which.
        defer { if state.message?.text == AppRunner.savingWhileBusy || state.message?.text == AppRunner.savingWhileServerBusy { state.message = nil } }
        do {
            switch e {
            case .addContact(let c):
                let saved = try store.add(c, today: today)
                let waiting = saved.clock(rules: store.rules, calendar: try store.calendar(), today: today).status == .open
                dispatchResult(.contactSaved(id: saved.id ?? 0, reference: saved.reference, created: true,
                                             officerless: waiting && saved.officer.trimmingSpaces.isEmpty))
            case .updateContact(let c, let original):
                do {
                    let saved = try store.update(c, today: today)
                    dispatchResult(.contactSaved(id: saved.id ?? 0, reference: saved.reference, created: false))
                } catch StoreError.conflict {
                    dispatchResult(.conflict(try contactConflict(mine: c, original: original)))
                }
            case .record(let event, let id, let version):
                do {
                    let c = try store.record(event, on: id, version: version, today: today)
                    dispatchResult(.caseChanged(try loadDetail(id), said: "\(event.kind.label) recorded on \(c.reference)."))
                } catch StoreError.conflict {
                    let fresh = try store.contact(id: id)
                    var again = event
                    again.id = nil
                    dispatchResult(.conflict(Conflict(reference: fresh.reference, changes: try othersChanges(fresh, since: version),
                                                      reapply: [.record(again, contactID: id, version: fresh.version)])))
                }
            case .apply(let step, let id, let version):
                do {
                    let c = try store.apply(step, on: id, version: version, today: today)
                    // A panel meeting after it was due is allowed but said, as `heard move appoint` warns.
                    var late = ""
                    if let d = step.appointment?.panelDate {
                        let cal = try store.calendar()
                        late = c.panelDateWarning(d, clock: c.clock(rules: store.rules, calendar: cal, today: today), calendar: cal)
                            .map { " Warning: \($0)." } ?? ""
                    }
                    dispatchResult(.caseChanged(try loadDetail(id), said: "\(step.words) recorded on \(c.reference).\(late)"))
                } catch StoreError.conflict {
                    let fresh = try store.contact(id: id)
                    var again = step
                    for i in again.events.indices { again.events[i].id = nil }
                    // Only what was changed here is put back on theirs (`FindingChange.rebased`).
                    again.findings = again.findings.map { $0.rebased(on: fresh) }
                    dispatchResult(.conflict(Conflict(reference: fresh.reference, changes: try othersChanges(fresh, since: version),
                                                      reapply: [.apply(again, contactID: id, version: fresh.version)])))
                }
            case .addIssue(let category, let id, let version):
                // Changed meanwhile: the change made is shown and ours offered again on the newer
                // version, as a move's is (a trial: the form kept the old version, so every Enter
                // was refused again).
                do {
                    let c = try store.addIssue(category: category, to: id, version: version, today: today)
                    dispatchResult(.caseChanged(try loadDetail(id), said: "Issue added to \(c.reference)."))
                } catch StoreError.conflict {
                    let fresh = try store.contact(id: id)
                    dispatchResult(.conflict(Conflict(reference: fresh.reference, changes: try othersChanges(fresh, since: version),
                                                      reapply: [.addIssue(category: category, contactID: id, version: fresh.version)])))
                }
            case .setFinding(let finding, let issueID, let stage, let id, let version):
                do {
                    let c = try store.setFinding(finding, issueID: issueID, stage: stage, on: id, version: version, today: today)
                    dispatchResult(.caseChanged(try loadDetail(id), said: "Finding \(finding == nil ? "cleared" : "recorded") on \(c.reference)."))
                } catch StoreError.conflict {
                    let fresh = try store.contact(id: id)
                    dispatchResult(.conflict(Conflict(reference: fresh.reference, changes: try othersChanges(fresh, since: version),
                                                      reapply: [.setFinding(finding, issueID: issueID, stage: stage, contactID: id, version: fresh.version)])))
                }
            case .addLearning(let lp, let id, let thenAction):
                let saved = try store.addLearning(lp, today: today)
                dispatchResult(.caseChanged(try loadDetail(id), said: "Learning point saved."))
                dispatchResult(.learningAdded(saved, thenAction: thenAction))
            case .addAction(let a):
                let saved = try store.addAction(a)
                dispatchResult(.actionSaved("Action added: \(saved.title)" + (saved.due == nil ? " (at the appropriate time)" : ", due \(saved.due?.iso ?? "")")))
            case .updateAction(let a):
                do {
                    let saved = try store.updateAction(a)
                    dispatchResult(.actionSaved("Action \(saved.status.label): \(saved.title)"))
                } catch StoreError.conflict {
                    dispatchResult(.failed("The action was changed by someone else; it is reloaded — try again."))
                    dispatchResult(.actionSaved(""))
                }
            case .completeSubjectAccess(let id):
                do {
                    let r = try store.completeSubjectAccess(id: id, on: today)
                    dispatchResult(.subjectAccessAnswered("Subject access request #\(id) for \(r.forWhom) marked answered today. u undoes."))
                } catch let e as StoreError {
                    // Answered meanwhile by another session (heard sar --done): said, and "my work"
                    // read again so it no longer lists it.
                    dispatchResult(.failed(describe(e)))
                    dispatchResult(.externalChange(contacts: []))
                }
            case .addNote(let note, let id, let version):
                // One step: the note, and an open action started with it (store.addNote).
                try store.addNote(note, toAction: id, version: version)
                dispatchResult(.actionSaved("Progress noted."))
            case .undo:
                // Keys typed meanwhile act after it, without Esc (`keepTypedAhead`), however short.
                workedLong = true
                // The undo of a bulk change reverses thousands of rows: say how far it has got.
                let undone = try store.undoLast(today: today) { n, total in
                    guard n > 0 && n < total && n % 2000 == 0 else { return }
                    dispatchResult(.progress("Undoing: \(Render.group(n)) of \(Render.group(total)) changes…"))
                    present()
                }
                if let r = undone { dispatchResult(.undone(r.summary, contacts: r.contactIDs)) }
                else { dispatchResult(.failed("Nothing of this session is left to undo.")) }
            case .openLearning(let id):
                if let lp = try store.learningPoints().first(where: { $0.id == id }), let ref = lp.caseReference {
                    let c = try store.contact(reference: ref)
                    if let cid = c.id { dispatchResult(.openCase(cid)) }
                } else {
                    dispatchResult(.failed("That learning point is not linked to a case."))
                }
            case .openEditor(let field, let text):
                if let edited = runEditor(text) { dispatchResult(.textEdited(field: field, text: edited)) }
            case .bulk(let op, let ids):
                runBulk(op, ids)
            case .loadReport(let period, let areas):
                dispatchResult(.reportLoaded(try buildReport(period, areas), period: period, areas: areas))
                // What `[` and `]` would ask for next: the period before the previous, and the next.
                reportCache.prefetch([ReportUpdate.shift(period, by: -1).previous, ReportUpdate.shift(period, by: 1)],
                                     areas: areas, today: state.today)
            case .exportReport(let format, let typed, let publicVersion, let period, let areas, let replace):
                let path = userPath(typed)
                // A report file is replaced only when the user says so, as a letter is.
                if !replace, try existsToReplace(path) {
                    dispatchResult(.askReplace(path: path, replace: .exportReport(format, path: path, publicVersion: publicVersion,
                                                                                   period: period, areas: areas, replace: true)))
                    return
                }
                var g = try buildReport(period, areas)
                if publicVersion { g = g.publicVersion(threshold: state.rules.suppressUpTo) }
                try writePrivate(ReportRenderer.render(g, as: format), to: path)
                dispatchResult(.actionSaved("Report written to \(path) (\(format.rawValue)\(publicVersion ? ", public" : ""))."))
            case .exportCases(let ids, let typed, let format, let replace):
                let path = userPath(typed)
                // As the report's export: a file there is replaced only when the user says so.
                if !replace, try existsToReplace(path) {
                    dispatchResult(.askReplace(path: path, replace: .exportCases(ids, path: path, format: format, replace: true)))
                    return
                }
                let export = try store.exportContacts(format == "json" ? .json : .csv, ids: ids, today: today)
                try writePrivate(export.text, to: path)
                // In the access log, as `heard export` is: one row for the cases written.
                store.recordWholeRead(via: "export", cases: export.count, whole: false)
                dispatchResult(.actionSaved("Exported \(Render.group(export.count)) case\(export.count == 1 ? "" : "s") to \(path)."))
            case .setTheme(let name):
                guard let loader = themeLoader else { dispatchResult(.failed("Themes cannot be changed here.")); return }
                let r = loader(name)
                if r.loadedRequested {
                    backend.apply(theme: r.theme)
                    dispatchResult(.actionSaved("Theme: \(name)."))
                } else {
                    dispatchResult(.failed(r.messages.joined(separator: "; ")))
                }
            case .addLogEntry, .attachDocument, .saveDocument, .recordLetter, .loadLetters, .renderLetter, .editLetter, .saveLetter, .completePath:
                try performCorrespondence(e)
            case .dispose, .setLegalHold, .anonymise:
                try performRetention(e)
            case .findSubjectAccess, .writeSubjectAccess:
                try performSubjectAccess(e)
            default:
                break
            }
        } catch {
            dispatchResult(.failed(describe(error)))
        }
    }

    /// The annual report as `heard report` builds it: the same code, the same figures.
    func buildReport(_ period: Period, _ areas: [String]) throws -> ReportGroup {
        try reportCache.report(period, areas: areas, today: state.today)
    }

    /// A path as typed on a screen, `~` at its start the home folder (as the documents screen and
    /// the shell read it: `~/r.html` was a folder named `~` that did not exist).
    func userPath(_ typed: String) -> String {
        UserPath.expandingTilde(typed, home: ProcessInfo.processInfo.environment["HOME"])
    }

    /// Whether `path` exists, so "Replace it?" is to be asked; throws, asking nothing, when it
    /// will never be written whatever the answer (a folder, a link, someone else's, a database).
    func existsToReplace(_ path: String) throws -> Bool {
        if let why = PrivateFile.refusal(path) { throw StoreError.refused(why.description) }
        return UserPath.exists(path)
    }

    /// Writes a file only the user can read, through the one private-file writer the command
    /// line uses too: reports and exports hold children's data.
    func writePrivate(_ text: String, to path: String) throws {
        do { try PrivateFile.write(text, to: path) } catch let e as FileWriteError { throw StoreError.refused(e.description) }
    }

    /// What someone else changed on a contact since our version, and our edit reapplied on theirs.
    func contactConflict(mine: Contact, original: Contact) throws -> Conflict {
        guard let id = mine.id else { throw StoreError.notFound("the case") }
        let fresh = try store.contact(id: id)
        let before = Dictionary(uniqueKeysWithValues: Store.editableFields(of: original))
        let ours = Dictionary(uniqueKeysWithValues: Store.editableFields(of: mine))
        var changes: [String] = []
        // Fields as people read them ("complainant name", not the column), and, where we changed
        // the same field, what we typed (a trial saw only theirs).
        for (k, v) in Store.editableFields(of: fresh) where before[k] != v {
            let yours = ours[k].map { mine in mine != before[k] ? " (yours: \(mine ?? "(none)"))" : "" } ?? ""
            changes.append("\(FieldChange.label(k)): \(before[k].flatMap { $0 } ?? "(none)") → \(v ?? "(none)")\(yours)")
        }
        if changes.isEmpty { changes = try othersChanges(fresh, since: original.version) }
        // Reapply: their version with the fields we changed.
        var merged = fresh
        for (k, v) in ours where before[k] != v { try Store.setField(k, v, on: &merged) }
        return Conflict(reference: fresh.reference, changes: changes, reapply: [.updateContact(merged, original: fresh)])
    }

    /// Lines describing other people's changes to a case after `version` (from the audit trail).
    func othersChanges(_ c: Contact, since version: Int) throws -> [String] {
        guard let id = c.id else { return [] }
        let rows = try store.caseHistory(contactID: id, reference: c.reference).filter { $0.session != store.session }
        let recent = rows.suffix(max(1, c.version - version))
        return recent.map { "\($0.who): \(HistoryItem.stepWords(action: $0.action.stored, entity: $0.entity.stored)) \($0.changeSummary)" }
    }

    func runBulk(_ op: BulkOperation, _ ids: [Int64]) {
        // Keys typed meanwhile act after it, without Esc (`keepTypedAhead`), however few the
        // cases: progress is said only from 2,000, and an Esc queued behind a change of 1,750
        // dismissed what it said (found by an attack).
        workedLong = true
        let today = state.today
        let change: BulkChange
        switch op {
        case .assign(let o): change = .assign(officer: o)
        case .serviceArea(let a): change = .serviceArea(a)
        case .escalate: change = .escalate
        case .close: change = .close
        case .export(let typed, let replace):
            do {
                let path = userPath(typed)
                // A refusal (a folder, a link, a database) comes first; an existing file is asked about.
                if !replace, try existsToReplace(path) {
                    dispatchResult(.askReplace(path: path, replace: .bulk(.export(path: path, replace: true), ids: ids)))
                    return
                }
                let export = try store.exportContacts(.csv, ids: ids, today: today)
                try writePrivate(export.text, to: path)
                store.recordWholeRead(via: "export", cases: export.count, whole: false)
                dispatchResult(.bulkDone(said: "Exported \(Render.group(export.count)) case\(export.count == 1 ? "" : "s") to \(path).", refused: []))
            } catch { dispatchResult(.failed(describe(error))) }
            return
        }
        // One store command: one transaction, one undo step; a refused case changes nothing.
        let result: BulkResult
        do {
            result = try store.bulk(change, ids: ids, today: today) { n, total in
                // Thousands of cases take seconds: say how far it has got.
                guard n > 0 && n < total && n % 2000 == 0 else { return }
                dispatchResult(.progress("\(change.doing): \(Render.group(n)) of \(Render.group(total)) cases…"))
                present()
            }
        } catch { dispatchResult(.failed(describe(error))); return }
        dispatchResult(.bulkDone(said: Self.bulkSaid(result, change), refused: result.refused.map(\.line), undoable: result.done > 0))
    }

    /// Before a write that would wait for another process (asked without waiting): the screen
    /// says so at once, instead of freezing for the wait with no sign of why.
    func warnIfBusy(before e: Effect) {
        switch e {
        case .addContact, .updateContact, .record, .apply, .addIssue, .setFinding, .addLearning, .addAction, .updateAction, .addNote, .undo,
             .addLogEntry, .attachDocument, .recordLetter, .dispose, .setLegalHold:
            break
        case .bulk(let op, _):
            if case .export = op { return }
        default:
            return
        }
        guard store.fileIsBusy() else { return }
        dispatchResult(.progress(store.isOnServer ? AppRunner.savingWhileServerBusy : AppRunner.savingWhileBusy))
        present()
    }

    /// Said while a write waits for the file.
    public static let savingWhileBusy = "Saving… (the file is busy)"
    /// The same on a PostgreSQL server: another session holds the writers' turn.
    public static let savingWhileServerBusy = "Saving… (another session is saving)"

    /// What a bulk change says: only real changes are counted, and an undo is promised only
    /// when something changed (u after "nothing changed" undoes an earlier, unrelated step).
    public static func bulkSaid(_ result: BulkResult, _ change: BulkChange) -> String {
        let done = result.done, same = result.unchanged
        let cases = { (n: Int) in "\(Render.group(n)) case\(n == 1 ? "" : "s")" }
        if done == 0 {
            if same == 0 { return "Nothing changed." }
            return same == 1 ? "Nothing changed: the case is already \(change.alreadyState)."
                : "Nothing changed: the \(cases(same)) are already \(change.alreadyState)."
        }
        // "(2,424 already)": the change is named just before, and the whole line must fit 80
        // columns with the undo's key at its end ("…(2,424 already assigned to Officer 1); u und…").
        let already = same == 0 ? "" : " (\(Render.group(same)) already)"
        return "\(cases(done)) \(change.pastTense)\(already); " + (done == 1 ? "u undoes it." : "u undoes them in one step.")
    }

    /// Runs $VISUAL or $EDITOR on a private temporary file, with an argument vector (never a
    /// shell string), and returns the text, or nil when the editor failed.
    func runEditor(_ text: String) -> String? {
        let env = ProcessInfo.processInfo.environment
        let editor = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.trimmingSpaces.isEmpty } ?? "vi"
        // (Each message fits the message line at 80 columns: a longer one lost its end.)
        let split = AppRunner.splitEditorCommand(editor)
        guard let words = split.words else {
            dispatchResult(.failed(split.endsInBackslash ? "$VISUAL or $EDITOR ends in a backslash: no editor was run; text unchanged."
                                                         : "$VISUAL or $EDITOR has a quote not closed: no editor was run; text unchanged."))
            return nil
        }
        guard let program = words.first else { return nil }
        // A private folder of our own (mkdtemp), and a file that must not exist already.
        var template = Array((NSTemporaryDirectory() + "heard-edit-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ buf -> UnsafeMutablePointer<CChar>? in
            guard let base = buf.baseAddress else { return nil }
            return mkdtemp(base)
        }) else {
            dispatchResult(.failed("Cannot make a private folder for the editor."))
            return nil
        }
        let dir = String(cString: made)
        let file = dir + "/text.txt"
        // The folder and all in it: an editor ended by a signal leaves its swap or rescue file of
        // the text beside it (vim's .text.txt.swp, nano's text.txt.save), personal data left
        // behind in /tmp (found by an attack). Made ours again first: an editor that took the
        // folder's rights away (chmod 000) kept it from being emptied.
        defer {
            chmod(dir, 0o700)
            try? FileManager.default.removeItem(atPath: dir)
        }
        // A full disk is a message, not a trap, and the text in the form is kept.
        do { try PrivateFile.write(AppRunner.textForEditor(text), to: file) } catch {
            dispatchResult(.failed("Cannot write a temporary file for the editor (\(describe(error)))."))
            return nil
        }
        backend.suspend()
        backend.childRunning(true)
        let status = spawnEditor(program, Array(words.dropFirst()) + [file], in: dir)
        backend.childRunning(false)
        backend.resume()
        chmod(dir, 0o700)
        // Keys typed while the editor ran must not act on the app.
        while backend.readKey(timeoutMilliseconds: 0) != nil {}
        backend.invalidate()
        // A program not there (or not runnable) is not an editor that failed (a trial read "did not finish normally").
        if status == AppRunner.editorNotStarted {
            // Named as $VISUAL/$EDITOR named it, cut to fit: "set $VISUAL" misled whoever had (a trial).
            let name = program.count > 20 ? String(program.prefix(19)) + "…" : program
            dispatchResult(.failed("No editor program \(name) here ($VISUAL/$EDITOR); text unchanged."))
            return nil
        }
        guard status == 0 else {
            dispatchResult(.failed("The editor (\(program)) did not finish normally; the text is unchanged."))
            return nil
        }
        // A text field takes text, not whatever a file can hold: 30 MB written by an editor took
        // 25 s and 545 MB to save as a summary (an attack).
        var st = stat()
        guard stat(file, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_size <= AppRunner.editorTextLimit,
              let data = FileManager.default.contents(atPath: file) else {
            let tooLarge = st.st_size > AppRunner.editorTextLimit
            dispatchResult(.failed(tooLarge ? "The editor's text is over 1 MB, more than a field holds; the text is unchanged."
                                            : "The editor (\(program)) left no text to read; the text is unchanged."))
            return nil
        }
        return AppRunner.textFromEditor(data)
    }

    /// The text as a file an editor expects: ending in a line break, so a line the user adds
    /// (or an editor that appends) starts on a line of its own, not run into the last one.
    static func textForEditor(_ text: String) -> String {
        text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
    }

    /// The edited file as text: its line breaks kept (a Windows editor's CR LF as LF), only the
    /// break(s) at the very end dropped.
    static func textFromEditor(_ data: Data) -> String {
        var out = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        while out.hasSuffix("\n") || out.hasSuffix("\r") { out.removeLast() }
        return out
    }

    /// The most text taken back from the editor (1 MB).
    static let editorTextLimit = 1 << 20

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29 on), which Swift's Glibc module does
    /// not declare: found by name; without it the editor runs where Heard runs.
    static let addChdir: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
    }()

    /// Runs `program` and waits for it: its exit status, -1 when it could not start or was
    /// killed. A request for Heard to end meanwhile (SIGTERM, SIGHUP: `endSignal`) is passed on
    /// to it, once, so that it ends (saving what it does on such a signal) and Heard ends after
    /// it: Heard had waited for the editor until its five-second backstop killed it, leaving the
    /// editor running and its temporary folder behind (found by an attack).
    ///
    /// It runs in `folder` (the private temporary one): what it writes of its own accord, such as
    /// ed's `ed.hup` of the text when its terminal hangs up, is written there and removed with it,
    /// not left in Heard's working folder for anyone to read (found by a trial). An editor that
    /// does not end within two seconds of the signal passed on is killed: Heard's own backstop
    /// would otherwise kill Heard first, and leave the editor and the folder behind.
    func spawnEditor(_ program: String, _ args: [String], in folder: String? = nil) -> Int32 {
        var pid: pid_t = 0
        let argv = ([program] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let folder, let addChdir = AppRunner.addChdir { _ = addChdir(&actions, folder) }
        // SIGINT and SIGQUIT are ignored by Heard while the editor runs (`childRunning`): the
        // editor gets them at their default, not ignored as an inherited setting would leave them.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGQUIT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        guard posix_spawnp(&pid, program, &actions, &attributes, argv, environ) == 0 else { return AppRunner.editorNotStarted }
        backend.noteChild(pid: pid, folder: folder)
        defer { backend.noteChild(pid: 0, folder: nil) }
        var status: Int32 = 0
        var passedOn: Int?
        var waited = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { break }
            let sig = backend.endSignal
            if sig != 0 && passedOn == nil {
                kill(pid, sig == SIGHUP ? SIGHUP : SIGTERM)
                passedOn = waited
            }
            if let passedOn, waited - passedOn == 100 { kill(pid, SIGKILL) }
            usleep(20_000)
            waited += 1
        }
        // Killed by a signal is not success.
        guard status & 0x7f == 0 else { return -1 }
        return (status >> 8) & 0xff
    }
}

extension AppRunner {
    /// `$VISUAL` or `$EDITOR` in words, as a shell splits it (git runs it through one) without
    /// running a shell: spaces and tabs separate words; '…' keeps what is inside as it is; "…"
    /// keeps it but for \" and \\; a backslash outside quotes keeps the next character. So
    /// `"/opt/My Editor/edit" --wait` names a program in a folder with a space (split at every
    /// space, it had run "/opt/My"). Nil when a quote is not closed.
    static func editorWords(_ command: String) -> [String]? { splitEditorCommand(command).words }

    /// What `spawnEditor` returns when the program could not be started at all (not found, not
    /// executable): not an exit status, nor -1, an editor ended by a signal.
    static let editorNotStarted: Int32 = -2

    /// `editorWords`, and when nil, whether it was for a backslash with nothing after it (else a
    /// quote not closed): told apart, since a trial with `vim \\` was told of a quote.
    static func splitEditorCommand(_ command: String) -> (words: [String]?, endsInBackslash: Bool) {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for ch in command {
            if escaped {
                // In double quotes a backslash escapes only ", \, $ and ` (else it is kept).
                if quote == "\"" && !"\"\\$`".contains(ch) { word.append("\\") }
                word.append(ch); escaped = false; inWord = true
                continue
            }
            switch quote {
            case "'":
                if ch == "'" { quote = nil } else { word.append(ch) }
            case "\"":
                if ch == "\"" { quote = nil } else if ch == "\\" { escaped = true } else { word.append(ch) }
            default:
                if ch == " " || ch == "\t" || ch == "\n" {
                    if inWord { words.append(word); word = ""; inWord = false }
                } else if ch == "'" || ch == "\"" {
                    quote = ch; inWord = true
                } else if ch == "\\" {
                    escaped = true
                } else {
                    word.append(ch); inWord = true
                }
            }
        }
        if quote != nil || escaped { return (nil, quote == nil) }
        if inWord { words.append(word) }
        return (words, false)
    }
}
