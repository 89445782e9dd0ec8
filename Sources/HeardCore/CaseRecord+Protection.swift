extension CaseRecord {
    /// The record's legal hold and anonymisation lines (after the summary).
    var protectionLines: [RecordLine] {
        var out: [RecordLine] = []
        if let hold = protection.holdWords ?? (contact.legalHold ? "yes: disposal blocked" : nil) {
            out.append(.field("Legal hold", hold, .error))
        }
        if let a = protection.anonymisedWords { out.append(.field("Anonymised", a, .plain)) }
        return out
    }

    /// `legal_hold_reason`, `legal_hold_on`, `anonymised`, `anonymised_on` for `heard show`'s JSON.
    var protectionJSON: [(String, String)] {
        [("legal_hold_reason", protection.holdReason.map(JSONText.quote) ?? "null"),
         ("legal_hold_on", protection.holdOn.map { JSONText.quote($0.iso) } ?? "null"),
         ("anonymised_on", protection.anonymisedOn.map { JSONText.quote($0.iso) } ?? "null")]
    }
}
