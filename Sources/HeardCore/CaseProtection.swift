/// A case's data protection state beside its fields: a legal hold with its reason and date, and
/// whether (and when) it was anonymised. Shown on the record (detail screen, `heard show`).
public struct CaseProtection: Hashable, Sendable {
    /// The hold's reason when the case is on legal hold; nil when it is not.
    public var holdReason: String?
    /// The day the hold was set.
    public var holdOn: LocalDate?
    /// The day the case was anonymised; nil while its personal data is kept.
    public var anonymisedOn: LocalDate?
    /// Anonymised (a file another tool wrote may say so without a date).
    public var isAnonymised: Bool

    public init(holdReason: String? = nil, holdOn: LocalDate? = nil, anonymisedOn: LocalDate? = nil, isAnonymised: Bool = false) {
        self.holdReason = holdReason; self.holdOn = holdOn; self.anonymisedOn = anonymisedOn; self.isAnonymised = isAnonymised
    }

    public var isHeld: Bool { holdReason != nil }

    /// "yes: disposal blocked (inquiry, since 2026-11-30)".
    public var holdWords: String? {
        guard let reason = holdReason else { return nil }
        var detail: [String] = []
        if !reason.isEmpty { detail.append(reason) }
        if let d = holdOn { detail.append("since \(d.iso)") }
        return "yes: disposal blocked" + (detail.isEmpty ? "" : " (" + detail.joined(separator: ", ") + ")")
    }

    /// Why the case's record is not edited, or nil while it may be: anonymised, it takes no new
    /// personal data (the store refuses every change), and its form would only say what its
    /// emptied fields lack (a letter preferred with no address left; a trial).
    public func editRefusal(reference: String) -> String? {
        guard isAnonymised else { return nil }
        return Self.anonymised(reference, on: anonymisedOn?.iso) + ": it takes no new personal data, so its record is not edited."
    }

    /// Why nothing is logged on the case (a call, a letter received), or nil while it may be:
    /// said when `l` is pressed, not after the entry is typed and refused (a trial).
    public func logRefusal(reference: String) -> String? {
        guard isAnonymised else { return nil }
        return Self.anonymised(reference, on: anonymisedOn?.iso) + ": it takes no new personal data, so nothing is logged on it."
    }

    /// Why the case takes no further step (a move, a finding, an issue), or nil while it may.
    public func stepRefusal(reference: String) -> String? {
        isAnonymised ? Self.stepRefusal(reference: reference, anonymisedOn: anonymisedOn?.iso) : nil
    }

    /// Why an anonymised case takes no further step. A case is anonymised only once it has ended,
    /// and its figures are kept so that the reports of its years come out as they did: a move, a
    /// finding or an issue would change them with no record left to check them against (a move
    /// dated back into its escalation window reopened one at stage 2, open and overdue, with no
    /// one to write to). A later contact from the same person is a new case.
    /// (The store's refusal says "; nothing was changed." after it; the screen, before it tries.)
    public static func stepRefusal(reference: String?, anonymisedOn: String?) -> String {
        anonymised(reference, on: anonymisedOn) + ": its course is over, so it takes no further move, finding or issue"
    }

    /// "CS-2026-0001 was anonymised on 2032-05-01": how every refusal of an anonymised case begins.
    public static func anonymised(_ reference: String?, on day: String?) -> String {
        "\(reference ?? "The case") was anonymised\(day.map { " on \($0)" } ?? "")"
    }

    /// "on 2032-05-01: names, contact details and free text removed".
    public var anonymisedWords: String? {
        guard isAnonymised else { return nil }
        return (anonymisedOn.map { "on \($0.iso)" } ?? "yes") + ": names, contact details and free text removed"
    }
}
