/// The record's correspondence sections: the contact log in full, the letters sent and those the
/// stage still needs (with when they are due), and the documents kept. Each line stays short
/// enough for 80 columns; a long note wraps as a paragraph under its entry.
extension CaseRecord {
    /// "Contact log", "Letters" and "Documents", each after a blank line.
    public var correspondenceLines: [RecordLine] {
        var out: [RecordLine] = [.blank, .section("Contact log")]
        let corr = correspondence
        // Said rather than shown as something they are not (an invented date, another kind).
        if corr.unreadable > 0 {
            out.append(.spans([RecordSpan("\(corr.unreadable) correspondence row\(corr.unreadable == 1 ? "" : "s") Heard cannot read \(corr.unreadable == 1 ? "is" : "are") not shown (heard check)", .overdue)], indent: 2))
        }
        if corr.log.isEmpty { out.append(.spans([RecordSpan("No contacts logged.", .dim)], indent: 2)) }
        for e in corr.log {
            var head = "\(e.kind.label) \(e.direction.label)"
            if !e.with.isEmpty { head += (e.direction == .incoming ? " from " : " to ") + e.with }
            out.append(.spans([RecordSpan(e.at.text + "  ", .dim), RecordSpan(head)], indent: 2))
            if !e.note.isEmpty { out.append(.paragraph(e.note, indent: 6, .plain)) }
        }

        out += [.blank, .section("Letters")]
        // A case that is over is chased for a letter only while it is recent (`LetterNeed.owed`):
        // a compliment's thanks, an enquiry's reply; never "overdue" for ever. `L` offers every template.
        let outstanding = LetterNeed.owed(contact: contact, clock: clock, sent: corr.letters, calendar: calendar, rules: rules)
        if corr.letters.isEmpty && outstanding.isEmpty { out.append(.spans([RecordSpan("No letters sent or needed.", .dim)], indent: 2)) }
        for l in corr.letters {
            out.append(.spans([RecordSpan(l.sent.iso + "  ", .dim), RecordSpan("sent " + Self.letterWords(l.template, stage: l.stage)),
                               RecordSpan(" · " + l.format, .dim)], indent: 2))
        }
        for n in outstanding {
            let name = "needed " + Self.letterWords(n.template, stage: n.stage)
            guard let due = n.due else { out.append(.spans([RecordSpan(name)], indent: 2)); continue }
            let today = clock.today
            let (words, tone): (String, RecordTone) = today > due ? ("overdue since \(due.iso)", .overdue)
                : (calendar.workingDays(after: today, through: due) <= rules.dueSoonDays ? ("due \(due.iso)", .dueSoon) : ("due \(due.iso)", .plain))
            out.append(.spans([RecordSpan(name + ": "), RecordSpan(words, tone)], indent: 2))
        }

        out += [.blank, .section("Documents")]
        if corr.documents.isEmpty { out.append(.spans([RecordSpan("No documents kept.", .dim)], indent: 2)) }
        for d in corr.documents {
            out.append(.spans([RecordSpan("\(d.number). ", .dim), RecordSpan(d.name)], indent: 2))
            out.append(.spans([RecordSpan("\(d.type) · \(DocumentInfo.sizeWords(d.size)) · added \(d.added?.iso ?? "on a day that cannot be read") · SHA-256 \(d.sha256.prefix(12))", .dim)],
                              indent: 5))
        }
        return out
    }

    /// "Acknowledgement (stage 1)", "Stage 2 adjudication" (its title names the stage already),
    /// "Thanks for a compliment".
    static func letterWords(_ template: String, stage: Int?) -> String {
        let title = LetterCatalogue.title(template)
        guard let n = stage, !title.lowercased().contains("stage \(n)") else { return title }
        return title + " (stage \(n))"
    }
}
