import HeardCore

/// The demo's people: contact details, relationships and authority to act, the subject child's
/// record, and equality monitoring on most complaints. Drawn from a generator of their own so
/// the rest of the demo (and the seed's figures) stay exactly as they were.
extension DemoData {
    static let streets = ["Acacia Avenue", "Station Road", "Church Lane", "Victoria Street", "Mill Close", "Park View", "Queens Drive"]
    static let towns = [("Northam", "NM"), ("Eastbridge", "EB"), ("Westford", "WF")]

    /// Fills in the people of every complaint and enquiry (compliments and comments keep a name only).
    mutating func fillPeople() {
        var r = SeededRandom(seed: 0x50656F706C652D37)
        for i in contacts.indices where contacts[i].kind == .complaint || contacts[i].kind == .enquiry {
            contacts[i].people = Self.people(for: contacts[i], &r, today: today, calendar: calendar)
            if contacts[i].subjectChild.isEmpty && contacts[i].kind == .complaint {
                contacts[i].subjectChild = Self.childName(for: contacts[i], &r)
            }
        }
    }

    /// The child's name: the complainant when a child or young person, else a child of the family.
    static func childName(for c: Contact, _ r: inout SeededRandom) -> String {
        if c.isChildOrYoungPerson { return c.complainantName }
        let family = c.complainantName.split(separator: " ").last.map(String.init) ?? ""
        return r.pick(firstNames) + (family.isEmpty ? "" : " " + family)
    }

    static func people(for c: Contact, _ r: inout SeededRandom, today: LocalDate, calendar: WorkingDayCalendar) -> CasePeople {
        var p = CasePeople()
        let (town, postcode) = r.pick(towns)
        p.complainant.address = "\(r.int(in: 1...120)) \(r.pick(streets)), \(town) \(postcode)\(r.int(in: 1...9)) \(r.int(in: 1...9))\(["AB", "DL", "QT", "XR"][r.int(4)])"
        // Ofcom's numbers for drama: never anyone's real phone.
        p.complainant.phone = "07700 900\(String(r.int(in: 100...999)))"
        if r.chance(0.7) {
            let user = c.complainantName.lowercased().split(separator: " ").joined(separator: ".")
                .unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0 == ".") }
            let name = String(String.UnicodeScalarView(user)).split(separator: ".").joined(separator: ".")
            // A name in another script has no ASCII letters to make an address of.
            p.complainant.email = (name.isEmpty ? "complainant\(r.int(in: 100...999))" : name) + "@example.org"
        }
        var ways: [ContactPreference] = [.phone, .letter, .text]
        if !p.complainant.email.isEmpty { ways += [.email, .email] }
        p.complainant.preferredContact = r.pick(ways)

        let child = c.isChildOrYoungPerson
        switch c.complainantRole {
        case .childOrYoungPerson?, .careLeaver?: p.complainant.relationship = "self"
        case .parent?: p.complainant.relationship = r.pick(["mother", "father"])
        case .fosterCarer?: p.complainant.relationship = "foster carer"
        case .specialGuardian?: p.complainant.relationship = "special guardian"
        case .relative?: p.complainant.relationship = r.pick(["grandmother", "grandfather", "aunt", "uncle"])
        case .parentalResponsibility?: p.complainant.relationship = "step-parent with parental responsibility"
        case .professional?: p.complainant.relationship = r.pick(["teacher", "GP", "youth worker"])
        default: p.complainant.relationship = ""
        }
        if !child && c.kind == .complaint {
            // Most have their authority to act checked within a few working days; some not yet.
            if r.chance(0.8) {
                let on = calendar.adding(workingDays: r.int(in: 1...4), after: c.received)
                p.complainant.authorityChecked = true
                p.complainant.authorityCheckedOn = min(on, today)
            } else {
                p.complainant.authorityChecked = false
            }
        }
        if c.kind == .complaint {
            p.child.socialCareID = "LCS\(String(r.int(in: 100_000...999_999)))"
            let age = child ? (c.complainantRole == .careLeaver ? r.int(in: 18...21) : r.int(in: 8...17)) : r.int(in: 0...16)
            p.child.dateOfBirth = c.received.adding(days: -(age * 365 + r.int(in: 10...350)))
        }
        if c.kind == .complaint && r.chance(0.65) {
            for q in EqualityQuestion.allCases where r.chance(0.85) {
                var answers = q.answers
                if q == .ageBand { answers = child ? ["under 18", "18-24"] : Array(q.answers.dropFirst(2)) }
                p.equality[q] = r.pick(answers)
            }
        }
        return p
    }
}
