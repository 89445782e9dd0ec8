import Foundation
import HeardCore

/// The demo's correspondence, on its complaints recorded as open or answered (an answered one
/// whose window has since run out included), deterministic, by reference: the call or email each
/// began with; for each acknowledged stage the officer's call and the acknowledgement letter, an
/// extension notice for each extension, and the response letter once answered; and the
/// complainant's own letter kept as a document on the first two open ones. Unacknowledged stages
/// are left without their letter, so "my work" and `L` have acknowledgements due. None of it
/// touches the seed's figures (the report counts cases, not correspondence).
extension Store {
    func writeDemoCorrespondence(_ tx: Transaction, today: LocalDate, calendar: WorkingDayCalendar) throws {
        let open = try loadContacts(tx.sql, where: "kind = 'complaint' AND status IN ('open', 'responded')").sorted { $0.reference < $1.reference }
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
            func letter(_ template: String, _ stage: Int, _ sent: LocalDate, _ format: String, _ text: String) throws {
                let body = Self.demoLetterBody(c, title: LetterCatalogue.title(template), text: text)
                try recordLetter(LetterSent(template: template, stage: stage, sent: sent, format: format, body: body), on: id, in: tx)
            }
            for s in clock.stages {
                guard let ack = s.acknowledged, ack <= today else { continue }
                try addLogEntry(LogEntry(direction: .outgoing, kind: .call, with: who, at: LogTime(date: ack, minutes: 14 * 60 + (i * 7) % 60),
                                         note: "Introduced myself as the officer for stage \(s.number) and agreed the issues to look into."), to: id, in: tx)
                try letter(LetterCatalogue.acknowledgement(stage: s.number), s.number, ack, i % 3 == 0 ? "docx" : "md",
                           "Thank you for your complaint. It is being looked into at stage \(s.number) of the procedure, and we will reply by \(s.targetDue.iso).")
                for e in s.extensions where e.date <= today {
                    try letter("extension", s.number, e.date, "md",
                               "We need more time to look into your complaint properly; we will now reply by \((e.newDue ?? s.due).iso).")
                }
                if let r = s.responded, r <= today {
                    try letter(LetterCatalogue.response(stage: s.number), s.number, r, "docx",
                               "We have finished looking into your complaint at stage \(s.number); this letter sets out what we found and what we will do.")
                }
            }
            if documents < 2 && clock.status == .open {
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
    static func demoLetterBody(_ c: Contact, title: String, text: String) -> String {
        """
        # \(title)

        Our reference: \(c.reference)

        Dear \(c.complainantName.isEmpty ? "complainant" : c.complainantName),

        \(text)

        Yours sincerely,

        \(c.officer.isEmpty ? "Complaints Team" : c.officer)
        """
    }
}
