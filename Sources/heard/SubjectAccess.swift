import ArgumentParser
import Foundation
import HeardApp
import HeardCore
import HeardFiles
import HeardStore

/// `heard sar "NAME" [--case REF]… [--output DIR] [--yes]`: a subject access request. Finds every case where
/// the person appears, lists the matches for the officer to confirm, writes the bundle and
/// records the request; `--done ID` marks one completed, `--list` lists them.
struct SubjectAccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sar",
        abstract: "Subject access: find every case where a person appears and write everything held about them.",
        discussion: """
            Names match with case, accents and apostrophes ignored ("O Connor" also finds "O'Connor" and back): \
            a name field (complainant, subject child, \
            advocate, stage people, whom a log entry was with) matches when it holds every word of NAME; free text \
            (summary, findings, notes, the contact log, letters) when the words appear together in order. The \
            matches are listed to confirm (y/n on a terminal; --yes skips the question). The bundle folder \
            (default ./sar-NAME-DATE, created 0700, files 0600) holds README.html, bundle.json, redaction.txt \
            (other people's names to review) and documents/. The request is recorded, due one calendar month later, \
            and shown in my work (M) and heard digest until --done. A name that starts with "-" goes after \
            "--", as any argument does (heard sar -- "-Ann Smith"): before it, it is read as options.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The person's name, as they gave it.", valueName: "NAME")) var name: String?
    @Option(help: ArgumentHelp("The new folder for the bundle (default ./sar-NAME-DATE); it must not exist or be empty.", valueName: "DIR"))
    var output: String?
    @Flag(help: "Write the bundle without asking to confirm the matches.") var yes = false
    @Option(name: .customLong("case"), help: ArgumentHelp("Limit the bundle to this case among the matches (repeat for more): the ones confirmed to be this person's.", valueName: "REF"))
    var onlyCases: [String] = []
    @Option(help: ArgumentHelp("Mark subject access request ID completed (today).", valueName: "ID")) var done: Int64?
    @Flag(help: "List the subject access requests recorded, with their due dates.") var list = false
    @Flag(name: .customLong("rebuild-index"), help: "Build the name index again from every case's text (when heard check says its words differ).")
    var rebuildIndex = false
    @OptionGroup var unreadable: UnreadableOptions

    /// Longer than any person's name: refused before anything is searched.
    static let longestName = 200

    func validate() throws {
        let modes = (name != nil ? 1 : 0) + (done != nil ? 1 : 0) + (list ? 1 : 0) + (rebuildIndex ? 1 : 0)
        if modes != 1 { throw ValidationError("give a NAME, or --done ID, or --list, or --rebuild-index") }
        if let n = name {
            if n.count > Self.longestName { throw ValidationError("NAME is longer than \(Self.longestName) characters") }
            if PersonName(n).isEmpty { throw ValidationError("NAME has no letter or digit to look for") }
        }
        if (output != nil || yes || !onlyCases.isEmpty) && name == nil { throw ValidationError("--output, --yes and --case go with a NAME") }
    }

    func run() throws {
        let today = try Environment.today()
        if rebuildIndex {
            let store = try openStore(database.path)
            let cases = try store.rebuildNameIndex()
            try say("name index built again: \(groupedNumber(cases)) case\(cases == 1 ? "" : "s")")
            return
        }
        if let id = done {
            let store = try openStore(database.path)
            let r = try store.completeSubjectAccess(id: id, on: today)
            try say(clean("subject access request #\(id) for \(r.forWhom) marked completed on \(today.iso)"))
            return
        }
        if list {
            let store = try openStore(database.path, readOnly: true)
            let all = try store.subjectAccessRequests()
            if all.isEmpty { try say("No subject access requests recorded."); return }
            for r in all {
                try say(clean("#\(r.id ?? 0)  \(r.requestedText)  due \(r.dueText)  \(r.state(today: today))  \(r.forWhom)  (\(r.cases.count) case\(r.cases.count == 1 ? "" : "s"), by \(r.who))"))
            }
            return
        }
        guard let name else { return }
        let shown = clean(name)
        let folder = output ?? SubjectAccessExport.defaultFolder(for: name, on: today)
        // A folder that cannot be used is said before the search and the question, not after.
        if UserPath.exists(folder) {
            do { try PrivateFolder.checkUsable(folder) } catch let e as FileWriteError { throw Failure(e.description) }
        }
        // The request is recorded in the record the bundle is written from: a record that cannot
        // be changed (--read-only, a backup on a read-only share) is said so before the search,
        // where it ended after the matches with "nothing can be changed" (found by a trial). Without
        // --yes the matches are listed from any record that can be read.
        let unwritable = readOnlyForced ? "it is open read-only (--read-only or HEARD_READ_ONLY)" : Store.whyUnwritable(database.path)
        if yes, let unwritable {
            throw Failure("sar --yes records the request in the record it writes the bundle from, and \(clean(database.path)) cannot be changed (\(unwritable)): run it on the live record. Without --yes it lists where the person appears.")
        }
        let store = try openStore(database.path, readOnly: unwritable != nil)
        // Who holds the record, for the bundle's covering words (config.toml `[letters]`).
        let council = try HeardConfiguration.load().letters
        // A row Heard cannot read may hold the person: "we hold no records about them" would be
        // untrue, and a bundle incomplete. Said before any match, and nothing is written or
        // recorded unless the officer goes on without them (found by an attack). The check and
        // the search run at once, on two connections.
        let unreadable = self.unreadable
        let backlog = store.nameIndexBacklog()
        if backlog > 0 { warn(Store.nameIndexFilling(backlog)) }
        let check = BackgroundWork { try unreadable.check(store, contacts: true, actions: false, correspondence: true, events: true) }
        let searched = Result { try store.subjectAccessSearch(PersonName(name)) }
        // Rows left out by --skip-unreadable: the page says the search was not of the whole record.
        let incomplete = try check.wait()
        var found = try searched.get()
        var leftOut: [String] = []
        if let w = SubjectAccess.singleWordWarning(PersonName(name)) { warn(w) }
        let open = SubjectAccess.openRequests(for: PersonName(name), among: try store.subjectAccessRequests(openOnly: true))
        if let words = SubjectAccess.openRequestWords(open) {
            warn(words + " --yes records another beside it; heard sar --done N marks one answered.")
        }
        if !onlyCases.isEmpty {
            // Namesakes: the officer names the cases confirmed to be this person's; each must be
            // among the matches, so --case cannot add a case the person is not in.
            var chosen: [Int64] = []
            for ref in onlyCases {
                let c = try findCase(ref, in: store)
                guard let id = c.id, found.contains(where: { $0.contact.id == id }) else {
                    throw Failure("\(c.reference) is not among the cases where \"\(shown)\" appears; nothing written, no request recorded")
                }
                chosen.append(id)
            }
            let all = found.count
            let confirmed = SubjectAccess.confirmed(found, ids: chosen)
            (found, leftOut) = (confirmed.cases, confirmed.leftOut)
            try say("--case: \(found.count) of the \(all) matching case\(all == 1 ? "" : "s")")
        }
        if found.isEmpty {
            // The council must answer within the month even when it holds nothing: the request
            // is recorded and the bundle says so.
            try say("No case holds \"\(shown)\": we hold no records about them. The request is recorded all the same (once confirmed), and its bundle says so.")
        } else {
            let places = found.reduce(0) { $0 + $1.hits.count }
            try say("\"\(shown)\" appears in \(found.count) case\(found.count == 1 ? "" : "s") (\(places) place\(places == 1 ? "" : "s")):")
            // Per case, where they live and the child's birth date (to tell namesakes apart), then
            // each place.
            // One write for them all: a line at a time was two system calls a line (2,738 for a
            // name in 880 cases).
            let text = SubjectAccessExport.matchText(found, indent: "  ")
            if !text.isEmpty { try say(text) }
        }
        if !yes {
            // Nothing to ask where nothing can be recorded.
            if let unwritable {
                throw Failure("listed only: \(clean(database.path)) cannot be changed (\(unwritable)), so no request can be recorded in it; run heard sar --yes on the live record")
            }
            guard isatty(STDIN_FILENO) != 0 else {
                throw Failure(found.isEmpty ? "not confirmed: run again with --yes to record the request and write its bundle saying we hold no records"
                                            : "not confirmed: check the matches above, then run again with --yes to write the bundle")
            }
            try StandardOutput.write(found.isEmpty ? "Write a bundle saying we hold no records to \(clean(folder)), and record the request? [y/N] "
                                     : "Write the bundle of \(found.count == 1 ? "this case" : "these \(found.count) cases") to \(clean(folder))? [y/N] ")
            let answer = (readLine() ?? "").trimmingSpaces.lowercased()
            guard answer == "y" || answer == "yes" else { try say("Nothing written; no request recorded."); return }
        }
        let result: SubjectAccessResult
        do {
            result = try SubjectAccessExport.write(store: store, name: name, found: found, leftOut: leftOut, folder: folder, today: today,
                                                   council: council, incomplete: incomplete)
        } catch let e as FileWriteError {
            throw Failure(e.description + "; no request recorded")
        }
        let docs = result.files.filter { $0.hasPrefix("documents/") }.count
        try say(clean("bundle written to \(result.folder) (README.html, bundle.json, redaction.txt" + (docs > 0 ? ", \(docs) document\(docs == 1 ? "" : "s")" : "") + ")"))
        try say("subject access request #\(result.request.id ?? 0) recorded; due \(result.request.due.iso) (heard sar --done \(result.request.id ?? 0) when answered)")
        if !result.problems.isEmpty { throw Failure(result.problems.joined(separator: "\n")) }
    }

    func clean(_ s: String) -> String { TextSanitiser.clean(s, allowLineBreaks: false).0 }
}
