/// What a council's letters say about the council itself: its letterhead, the complaints team's
/// address and contacts, who signs, and the Ombudsman a complainant may go to (config.toml
/// `[letters]`). Pure data so the configuration (HeardStore) and the letters (HeardLetters)
/// share it; the defaults are placeholders a council replaces, and the Local Government and
/// Social Care Ombudsman's published details.
public struct LetterSettings: Hashable, Sendable {
    /// The council's name: "Anytown Borough Council".
    public var councilName: String
    /// Extra letterhead lines under the name ("Children's Services"), one per line.
    public var letterhead: [String]
    /// The team that writes: "Complaints and Representations Team".
    public var teamName: String
    /// The team's postal address, one line each.
    public var address: [String]
    public var phone: String
    public var email: String
    /// Who signs the letters, and their title.
    public var signatoryName: String
    public var signatoryTitle: String
    public var ombudsmanName: String
    /// The Ombudsman's postal address, one line each.
    public var ombudsmanAddress: [String]
    public var ombudsmanPhone: String
    public var ombudsmanWebsite: String

    public init(councilName: String = "The Council", letterhead: [String] = ["Children's Services"],
                teamName: String = "Complaints and Representations Team", address: [String] = [],
                phone: String = "", email: String = "",
                signatoryName: String = "", signatoryTitle: String = "Complaints Manager",
                ombudsmanName: String = LetterSettings.lgsco.name, ombudsmanAddress: [String] = LetterSettings.lgsco.address,
                ombudsmanPhone: String = LetterSettings.lgsco.phone, ombudsmanWebsite: String = LetterSettings.lgsco.website) {
        self.councilName = councilName; self.letterhead = letterhead; self.teamName = teamName; self.address = address
        self.phone = phone; self.email = email; self.signatoryName = signatoryName; self.signatoryTitle = signatoryTitle
        self.ombudsmanName = ombudsmanName; self.ombudsmanAddress = ombudsmanAddress
        self.ombudsmanPhone = ombudsmanPhone; self.ombudsmanWebsite = ombudsmanWebsite
    }

    /// The Local Government and Social Care Ombudsman, as it publishes its details.
    public static let lgsco = (name: "Local Government and Social Care Ombudsman",
                               address: ["PO Box 4771", "Coventry", "CV4 0EH"],
                               phone: "0300 061 0614", website: "www.lgo.org.uk")

    /// The `[letters]` keys config.toml takes, each a piece of text or (the `*_lines` ones) a list.
    public static let textKeys = ["council_name", "team_name", "phone", "email", "signatory_name", "signatory_title",
                                  "ombudsman_name", "ombudsman_phone", "ombudsman_website"]
    public static let listKeys = ["letterhead_lines", "address_lines", "ombudsman_address_lines"]

    /// Sets the setting a `[letters]` key names; false for a key it does not know.
    public mutating func set(_ key: String, text: String) -> Bool {
        switch key {
        case "council_name": councilName = text
        case "team_name": teamName = text
        case "phone": phone = text
        case "email": email = text
        case "signatory_name": signatoryName = text
        case "signatory_title": signatoryTitle = text
        case "ombudsman_name": ombudsmanName = text
        case "ombudsman_phone": ombudsmanPhone = text
        case "ombudsman_website": ombudsmanWebsite = text
        default: return false
        }
        return true
    }

    /// Sets the list a `[letters]` key names; false for a key it does not know.
    public mutating func set(_ key: String, lines: [String]) -> Bool {
        switch key {
        case "letterhead_lines": letterhead = lines
        case "address_lines": address = lines
        case "ombudsman_address_lines": ombudsmanAddress = lines
        default: return false
        }
        return true
    }
}
