/// Through which door a case was read: the detail screen, `heard show`, a letter, a subject
/// access request, or a name a later Heard (or another tool) wrote, kept as it was.
public enum ReadVia: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    case screen, show, letter, sar
    case other(String)

    /// The door as stored in the access log.
    public init(stored: String) {
        switch stored {
        case "screen": self = .screen
        case "show": self = .show
        case "letter": self = .letter
        case "sar": self = .sar
        default: self = .other(stored)
        }
    }

    /// `via: "sar"` reads as `.sar`.
    public init(stringLiteral value: String) { self.init(stored: value) }

    /// The text stored in the access log.
    public var stored: String {
        switch self {
        case .screen: "screen"
        case .show: "show"
        case .letter: "letter"
        case .sar: "sar"
        case .other(let s): s
        }
    }

    public var description: String { stored }
}

/// One row of the access log: someone opened a case's record. Kept apart from the audit trail,
/// whose rows are changes (undo, other processes' change detection and a case's version read them).
public struct ReadEntry: Hashable, Sendable {
    public var id: Int64
    /// When, as UTC ISO 8601 (`2026-11-30T09:12:05Z`), as the audit writes it.
    public var at: String
    public var who: String
    /// The store session that read it.
    public var session: String
    public var contactID: Int64?
    public var reference: String
    public var via: ReadVia

    public init(id: Int64, at: String, who: String, session: String = "", contactID: Int64?, reference: String, via: ReadVia) {
        self.id = id; self.at = at; self.who = who; self.session = session; self.contactID = contactID; self.reference = reference; self.via = via
    }

    /// "2026-11-30 09:12:05  Officer One  read (screen)": as a history line of the audit says its time.
    public var words: String {
        "\(at.replacingAll("T", with: " ").replacingAll("Z", with: ""))  \(who)  read (\(via.stored))"
    }
}
