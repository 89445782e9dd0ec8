import Foundation
import HeardCore

/// The demo's correspondence, on its open complaints (deterministic, by reference): the call or
/// email each began with, the acknowledgement letters of acknowledged stages with the officer's
/// call that went with them, an extension notice for an extension, and the complainant's own
/// letter kept as a document on the first two. Unacknowledged stages are left without their
/// letter, so "my work" and `L` have acknowledgements due. None of it touches the seed's figures
/// (the report counts cases, not correspondence).
extension Store {
    func writeDemoCorrespondence(_ tx: Transaction, today: LocalDate, calendar: WorkingDayCalendar) throws {
        let open = try loadContacts(tx.db, where: "kind = 'complaint' AND status = 'open'").sorted { $0.reference < $1.reference }
        var documents = 0
        for (i, c) in open.enumerated() {
            guard let id = c.id else { continue }
            let clock = c.clock(rules: rules, calendar: calendar, today: today)
            let who = c.complainantName.isEmpty ? "complainant" : c.complainantName
            let first = i % 2 == 0
            try addLogEntry(LogEntry(direction: .incoming, kind: first ? .call : .email, with: who,
                                     at: LogTime(date: c.received, minutes: (9 + i % 7) * 60 + (i * 13) % 60),
                                     note: first ? "Rang to complain; went through what happened and what they want to put right."
                                                 : "Emailed the complaint; asked for a named contact."), to: id, in: tx)
            for s in clock.stages {
                guard let ack = s.acknowledged, ack <= today else { continue }
                try addLogEntry(LogEntry(direction: .outgoing, kind: .call, with: who, at: LogTime(date: ack, minutes: 14 * 60 + (i * 7) % 60),
                                         note: "Introduced myself as the officer for stage \(s.number) and agreed the issues to look into."), to: id, in: tx)
                let name = LetterCatalogue.acknowledgement(stage: s.number)
                try recordLetter(LetterSent(template: name, stage: s.number, sent: ack, format: i % 3 == 0 ? "docx" : "md",
                                            body: Self.demoLetterBody(c, title: LetterCatalogue.title(name), stage: s.number, due: s.targetDue)), on: id, in: tx)
                for e in s.extensions where e.date <= today {
                    try recordLetter(LetterSent(template: "extension", stage: s.number, sent: e.date, format: "md",
                                                body: Self.demoLetterBody(c, title: "Extension notice", stage: s.number, due: e.newDue ?? s.due)), on: id, in: tx)
                }
            }
            if documents < 2 {
                documents += 1
                let text = """
                    Dear Sir or Madam,

                    I am writing to make a complaint about \(c.serviceArea.isEmpty ? "children's services" : c.serviceArea).
                    \(c.summary)

                    Yours faithfully,
                    \(who)

                    """
                try addDocument(named: "complaint-letter.txt", data: Data(text.utf8), type: "text/plain", added: c.received, to: id, in: tx)
            }
        }
    }

    /// A short letter as sent, in Markdown.
    static func demoLetterBody(_ c: Contact, title: String, stage: Int, due: LocalDate) -> String {
        """
        # \(title)

        Our reference: \(c.reference)

        Dear \(c.complainantName.isEmpty ? "complainant" : c.complainantName),

        Thank you for your complaint. It is being looked into at stage \(stage) of the procedure, and we will reply by \(due.iso).

        Yours sincerely,

        \(c.officer.isEmpty ? "Complaints Team" : c.officer)
        """
    }
}
