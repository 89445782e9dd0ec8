/// The parts every shipped letter shares, as Mustache partials: `{{> _letterhead}}` (the council's
/// letterhead, the complainant's name and address, the date and reference) and `{{> _signoff}}`.
/// A council's `_letterhead.mustache` or `_signoff.mustache` replaces them in every letter.
enum ShippedParts {
    static let text: [String: String] = [
        "_letterhead": """
            **{{council_name}}**
            {{#letterhead}}
            {{.}}
            {{/letterhead}}
            {{team_name}}
            {{#council_address}}
            {{.}}
            {{/council_address}}
            {{#has_council_phone}}
            Telephone: {{council_phone}}
            {{/has_council_phone}}
            {{#has_council_email}}
            Email: {{council_email}}
            {{/has_council_email}}

            ---

            {{complainant_name}}
            {{#complainant_address}}
            {{.}}
            {{/complainant_address}}

            {{today}}

            Our reference: **{{reference}}**

            """,
        "_signoff": """
            {{closing}}

            {{#has_signatory_name}}
            {{signatory_name}}
            {{/has_signatory_name}}
            {{^has_signatory_name}}
            \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_
            {{/has_signatory_name}}
            {{signatory_title}}
            {{team_name}}
            {{council_name}}

            """,
    ]
}
