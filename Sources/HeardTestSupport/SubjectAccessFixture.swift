import Foundation
import HeardCore
import HeardStore

/// A file where one person, Zoë O'Neill, is the complainant of one case and (written
/// "ZOE ONEILL") the subject child of another, with other people's names in the free text, a
/// letter, a contact log line and a document: what the subject access tests search.
public enum SubjectAccessFixture {
    /// The document kept on the second case.
    public static let documentBytes = Array("%PDF-1.4 a statement about Zoë\n".utf8) + [0, 1, 2, 255]

    /// Writes the cases to `store`; returns the references of Zoë's two cases and of the one she is not in.
    @discardableResult
    public static func make(_ store: Store, today: LocalDate) throws -> (complainant: String, child: String, other: String) {
        var a = sampleComplaint(received: "2022-01-10", area: "Care Leavers", name: "Zoë O'Neill", cyp: true)
        a.summary = "Zoë says her pathway plan was not reviewed; her carer Mary Grey agrees"
        let caseA = try store.add(a, today: today)
        var b = sampleComplaint(received: "2022-03-01", area: "Fostering Service", name: "Pat Parent")
        b.subjectChild = "ZOE ONEILL"
        b.summary = "Pat Parent complains about contact arrangements"
        let caseB = try store.add(b, today: today)
        var c = sampleComplaint(received: "2022-04-01", area: "Fostering Service", name: "Mary Grey")
        c.summary = "Unrelated complaint about Sam Other"
        let caseC = try store.add(c, today: today)
        guard let aID = caseA.id, let bID = caseB.id else { throw StoreError.notFound("fixture") }
        try store.addLogEntry(LogEntry(direction: .incoming, kind: .call, with: "Pat Parent", at: LogTime(date: day("2022-03-02"), minutes: 600),
                                       note: "Pat Parent rang about Zoe's weekend contact"), to: bID)
        try store.recordLetter(LetterSent(template: "acknowledgement", stage: 1, sent: day("2022-01-12"), format: "md",
                                          body: "Dear Zoë O'Neill,\n\nWe have received your complaint.", recordedBy: ""), on: aID)
        try store.addDocument(named: "statement.pdf", data: Data(documentBytes), type: "application/pdf", added: day("2022-03-03"), to: bID)
        return (caseA.reference, caseB.reference, caseC.reference)
    }
}
