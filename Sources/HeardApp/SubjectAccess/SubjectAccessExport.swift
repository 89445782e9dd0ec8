import Foundation
import HeardCore
import HeardFiles
import HeardLetters
import HeardStore

/// What writing a subject access bundle did: the request as recorded, the folder and the
/// documents that could not be written (their bytes no longer match their SHA-256).
public struct SubjectAccessResult: Sendable {
    public var request: SubjectAccessRequest
    public var folder: String
    /// Files written, relative to the folder.
    public var files: [String]
    /// "CS-2026-0002 document 2: its bytes no longer match its SHA-256; not written".
    public var problems: [String]
}

/// The one way a subject access bundle is made, for `heard sar` and the screens' `:sar`: the
/// store's bundle for the confirmed cases, written into a new private folder (0700; each file
/// 0600 through `PrivateFile`, never through a link), then the request recorded (one audited
/// step). The folder is written first, so a request is only recorded once its bundle exists.
public enum SubjectAccessExport {
    /// Makes the bundle for `name` from `found` in `folder` and records the request made `today`,
    /// with the references of the cases the search found and the officer left out (`leftOut`:
    /// recorded in the request's audit row, not written in the bundle). `council`: who holds the
    /// record, for the page's covering words (config.toml `[letters]`). `incomplete`: rows Heard
    /// could not read were left out (`--skip-unreadable`), and the page says so.
    public static func write(store: Store, name: String, found: [SubjectAccessCase], leftOut: [String] = [], folder: String,
                             today: LocalDate, council: LetterSettings = LetterSettings(), incomplete: Bool = false) throws -> SubjectAccessResult {
        let references = found.map(\.contact.reference)
        let planned = SubjectAccessRequest(requested: today, who: store.actor, forWhom: MoveRequest.clean(name),
                                           due: SubjectAccess.due(requested: today), cases: references)
        var bundle = try store.subjectAccessBundle(request: planned, found: found, today: today)
        bundle.incomplete = incomplete
        let existed = FileManager.default.fileExists(atPath: folder)
        try PrivateFolder.create(folder)
        var files: [String] = []
        var problems: [String] = []
        // A bundle is whole or not there: a write that fails (a full disk) takes back what this
        // bundle wrote, so no half disclosure is left lying about, untracked.
        func takeBack() {
            for f in files { unlink(folder + "/" + f) }
            rmdir(folder + "/documents")
            if !existed { rmdir(folder) }
        }
        do {
        func put(_ name: String, _ text: String) throws {
            try PrivateFile.write(text, to: folder + "/" + name)
            files.append(name)
        }
        try put("README.html", bundle.html(letter: LetterOutput.htmlFragment, council: council))
        try put("bundle.json", bundle.json())
        try put("redaction.txt", bundle.redactionText())
        let documents = bundle.cases.flatMap { c in c.record.correspondence.documents.map { (c, $0) } }
        if !documents.isEmpty { try PrivateFolder.create(folder + "/documents") }
        for (c, d) in documents {
            guard let id = d.id else { continue }
            let bytes = [UInt8](try store.documentData(id: id))
            guard SHA256.hex(bytes) == d.sha256 else {
                problems.append("\(c.record.contact.reference) document \(d.number): its bytes no longer match the SHA-256 recorded when it was added; not written")
                continue
            }
            let path = c.documentPath(d)
            try PrivateFile.write(bytes, to: folder + "/" + path)
            files.append(path)
        }
        } catch {
            takeBack()
            throw error
        }
        let recorded: SubjectAccessRequest
        do {
            recorded = try store.recordSubjectAccess(forWhom: name, cases: references, leftOut: leftOut, requested: today)
        } catch {
            takeBack()
            throw error
        }
        // Each disclosed case was read for the request: the access log says so.
        for c in found { if let id = c.contact.id { _ = store.recordRead(contactID: id, via: "sar") } }
        return SubjectAccessResult(request: recorded, folder: folder, files: files, problems: problems)
    }

    /// The folder a bundle goes to when none is named: `./sar-NAME-DATE` in `directory`.
    public static func defaultFolder(for name: String, on date: LocalDate, in directory: String = ".") -> String {
        directory + "/" + SubjectAccess.folderName(for: name, on: date)
    }

    /// The matches as the officer confirms them: per case, what tells namesakes apart when it is
    /// recorded ("REF  (12 High Street; child born 2015-03-02)"), then one line per place,
    /// "REF  where  context"; control characters dropped. `heard sar` and `:sar` show the same
    /// (the screen left the first line out, so two namesakes looked alike there: trial).
    public static func matchLines(_ found: [SubjectAccessCase]) -> [String] {
        var out: [String] = []
        out.reserveCapacity(found.reduce(found.count) { $0 + $1.hits.count })
        eachMatchLine(found) { out.append($0.joined()) }
        return out
    }

    /// `matchLines` as one text, each line after `indent`, a line feed between them (`heard sar`:
    /// 2,700 lines for a name in 880 cases). Written as bytes: each line made a String, then
    /// copied indented, then joined, was 16 M instructions, a fifth of the command's own work.
    public static func matchText(_ found: [SubjectAccessCase], indent: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(found.reduce(0) { $0 + 64 * (1 + $1.hits.count) })
        eachMatchLine(found) { pieces in
            if !out.isEmpty { out.append(0x0A) }
            out.append(contentsOf: indent.utf8)
            for piece in pieces { out.append(contentsOf: piece.utf8) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The lines of `matchLines` one at a time, each as the pieces it is made of, in order: per
    /// case "REF  (tell apart)" when there is one, then "REF  place  context" each, control
    /// characters dropped (the reference cleaned once a case). The screen's
    /// `SubjectAccessMatch.lines` are these lines.
    static func eachMatchLine(_ found: [SubjectAccessCase], _ body: ([String]) -> Void) {
        for c in found {
            let reference = clean(c.contact.reference)
            let tellApart = clean(c.tellApart)
            if !tellApart.isEmpty { body(SubjectAccessMatch.tellApartLine(reference, tellApart)) }
            for hit in c.hits { body(SubjectAccessMatch.placeLine(reference, clean(hit.place), clean(hit.context))) }
        }
    }

    /// The matches case by case, as the `:sar` screen lists them for the officer to choose from.
    public static func matches(_ found: [SubjectAccessCase]) -> [SubjectAccessMatch] {
        found.map { c in
            SubjectAccessMatch(contactID: c.contact.id ?? 0, version: c.contact.version, reference: c.contact.reference, tellApart: clean(c.tellApart),
                               places: c.hits.map(place))
        }
    }

    /// A place as listed: "complainant  Zoe Smith", control characters dropped.
    static func place(_ hit: SubjectAccessHit) -> String { SubjectAccessMatch.place(clean(hit.place), clean(hit.context)).joined() }

    static func clean(_ s: String) -> String { TextSanitiser.clean(s, allowLineBreaks: false).0 }
}

/// One case a search found, as the officer reads it to decide whether it is the person's: its
/// reference as stored (what the choice names; shown without control characters), what tells
/// namesakes apart ("12 High Street; child born 2015-03-02", or ""), and each place the name is
/// ("complainant  Zoe O'Neill"), control characters dropped.
public struct SubjectAccessMatch: Equatable, Sendable {
    /// The case the choice is about (its reference can change hands), and its version when shown.
    public var contactID: Int64
    public var version: Int
    public var reference: String
    public var tellApart: String
    public var places: [String]

    public init(contactID: Int64, version: Int, reference: String, tellApart: String, places: [String]) {
        self.contactID = contactID; self.version = version
        self.reference = reference; self.tellApart = tellApart; self.places = places
    }

    /// The reference as shown: control characters dropped.
    public var shownReference: String { TextSanitiser.clean(reference, allowLineBreaks: false).0 }

    /// As `heard sar` lists it: "REF  (tell apart)" when there is one, then "REF  place" each.
    public var lines: [String] {
        let reference = shownReference
        return (tellApart.isEmpty ? [] : [Self.tellApartLine(reference, tellApart).joined()]) + places.map { [reference, "  ", $0].joined() }
    }

    /// "REF  (tell apart)" in its pieces, of the reference as shown.
    static func tellApartLine(_ reference: String, _ tellApart: String) -> [String] { [reference, "  (", tellApart, ")"] }

    /// "place  context" in its pieces (a place as `places` holds it).
    static func place(_ place: String, _ context: String) -> [String] { [place, "  ", context] }

    /// "REF  place  context" in its pieces: the reference, two spaces, then `place(_:_:)`'s.
    static func placeLine(_ reference: String, _ place: String, _ context: String) -> [String] { [reference, "  ", place, "  ", context] }
}
