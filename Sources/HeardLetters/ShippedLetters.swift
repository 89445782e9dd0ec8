/// Heard's own letters, as Markdown with Mustache fields (see `LetterFields` for the fields).
/// Each is what a complaints manager would sign: it says what happens next and by when, and how
/// to take the complaint further. A council's `NAME.mustache` replaces one.
enum ShippedLetters {
    static let text: [String: String] = [
        "acknowledgement": acknowledgement,
        "extension": extensionNotice,
        "stage1-response": stage1Response,
        "stage2-acknowledgement": stage2Acknowledgement,
        "stage2-adjudication": stage2Adjudication,
        "stage3-arrangements": stage3Arrangements,
        "stage3-outcome": stage3Outcome,
        "not-accepted": notAccepted,
        "compliment-thanks": complimentThanks,
        "enquiry-reply": enquiryReply,
    ]

    static let acknowledgement = """
        {{> _letterhead}}
        {{#is_enquiry}}
        **Your enquiry: acknowledgement**
        {{/is_enquiry}}
        {{^is_enquiry}}
        **Your complaint: acknowledgement**
        {{/is_enquiry}}

        {{salutation}}

        {{#is_enquiry}}
        Thank you for contacting us on {{received}}. I am writing to confirm that we have received your enquiry{{#has_child}} about the services provided to {{child}}{{/has_child}}.

        We understand that your enquiry is about: {{summary}}
        {{/is_enquiry}}
        {{^is_enquiry}}
        Thank you for contacting us on {{received}}. I am writing to confirm that we have received your complaint{{#has_child}} about the services provided to {{child}}{{/has_child}}, and that we are dealing with it at stage {{stage_number}} of our complaints procedure ({{stage_name}}).

        We understand that your complaint is about:

        {{#has_issues}}
        {{#issues}}
        - {{category}}{{#has_detail}}: {{detail}}{{/has_detail}}
        {{/issues}}
        {{/has_issues}}
        {{^has_issues}}
        - {{summary}}
        {{/has_issues}}
        {{/is_enquiry}}

        If we have misunderstood anything, or there is something you would like to add, please let us know as soon as you can, quoting the reference above.

        {{#is_enquiry}}
        Your enquiry has been passed to {{service_area}}{{#has_officer}}, and {{officer}} will make sure it is answered{{/has_officer}}. {{#due_passed}}We aimed to reply by {{due_date}}, and I am sorry that we have not yet done so; we will reply as soon as we can.{{/due_passed}}{{^due_passed}}We aim to reply by **{{due_date}}**.{{/due_passed}}
        {{/is_enquiry}}
        {{^is_enquiry}}
        Your complaint has been passed to {{service_area}}{{#has_officer}}, and {{officer}} will make sure it is looked into{{/has_officer}}. {{#due_passed}}We aimed to send you our full response by {{due_date}}, and I am sorry that we have not yet done so; we will send it as soon as we can, and write to explain if there is further delay.{{/due_passed}}{{^due_passed}}We aim to send you our full response by **{{due_date}}**. If we need more time, we will write to you before then to explain why and to give you a new date.{{/due_passed}}
        {{/is_enquiry}}

        {{^is_member_enquiry}}
        {{#has_advocate}}
        We note that {{advocate_named}} is supporting you with your {{kind}}. With your agreement we will keep them informed.
        {{/has_advocate}}
        {{^has_advocate}}
        {{#is_complaint}}
        If you are a child or young person, or you are making this complaint on behalf of one, you can have the help of an independent advocate free of charge. Please tell us if you would like one and we will arrange it.
        {{/is_complaint}}
        {{/has_advocate}}
        {{/is_member_enquiry}}

        Thank you for taking the time to {{#is_enquiry}}contact us{{/is_enquiry}}{{^is_enquiry}}tell us about your concerns{{/is_enquiry}}.

        {{> _signoff}}
        """

    static let extensionNotice = """
        {{> _letterhead}}
        **Your complaint: more time needed for our response**

        {{salutation}}

        I am writing about your complaint, which we are dealing with at stage {{stage_number}} of our complaints procedure ({{stage_name}}).

        I am sorry to tell you that we will not be able to send you our response by the date we gave you. {{#has_extension}}This is because: {{extension_reason}}.{{/has_extension}}

        {{#has_extension}}
        We will now send you our response by **{{extension_new_date}}**.
        {{/has_extension}}
        {{^has_extension}}
        We will now send you our response by **{{due_date}}**.
        {{/has_extension}}

        I apologise for the delay. We want to make sure that your complaint is properly looked into, and we will keep you informed. If you have any questions in the meantime, please contact us, quoting the reference above.

        {{> _signoff}}
        """

    static let stage1Response = """
        {{> _letterhead}}
        **Your complaint: our response at stage 1 ({{stage_name}})**

        {{salutation}}

        Thank you for your complaint, which we received on {{received}}{{#has_child}} and which concerns the services provided to {{child}}{{/has_child}}. I am sorry that you have had cause to complain. I have now looked into each of the points you raised, and this letter gives you our response.

        ## What we found

        {{#issues}}
        {{number}}. **{{category_title}}**{{#has_verdict}}: {{verdict}}{{/has_verdict}}
        {{#has_finding_text}}
           {{finding_text}}
        {{/has_finding_text}}
        {{^has_finding_text}}
        {{#has_detail}}
           {{detail}}
        {{/has_detail}}
        {{/has_finding_text}}
        {{/issues}}
        {{^has_issues}}
        You told us: {{summary}}
        {{/has_issues}}

        {{#has_outcome}}
        Taking these points together, your complaint is **{{outcome}}**.
        {{/has_outcome}}

        {{#has_remedies}}
        ## Putting things right

        {{#remedies}}
        - **{{kind}}**{{#has_amount}} of {{amount}}{{/has_amount}}{{#has_text}}: {{text}}{{/has_text}}
        {{/remedies}}

        {{/has_remedies}}
        ## If you are not satisfied

        I hope this response resolves your concerns. {{#has_next_stage}}If you are not satisfied, you can ask for your complaint to be considered at stage {{next_stage_number}} ({{next_stage_name}}). To do so, please contact us by **{{escalation_ends}}** (within {{escalation_days}} working days of our response), saying which points you remain unhappy with and why. You can write to us, telephone or email, quoting the reference above.{{/has_next_stage}}{{^has_next_stage}}If you remain dissatisfied, you can ask the {{ombudsman_name}} to look at your complaint.{{/has_next_stage}}

        Thank you for bringing your concerns to our attention. We use what complaints tell us to improve our services.

        {{> _signoff}}
        """

    static let stage2Acknowledgement = """
        {{> _letterhead}}
        **Your complaint: stage 2 investigation**

        {{salutation}}

        Thank you for letting us know, on {{stage_started}}, that you remain unhappy with our response to your complaint and would like it considered at stage 2 of our complaints procedure ({{stage_name}}).

        Your complaint will now be investigated by {{#has_investigating_officer}}{{investigating_officer}}, an Investigating Officer{{/has_investigating_officer}}{{^has_investigating_officer}}an Investigating Officer{{/has_investigating_officer}} who has not been involved in the matters you raised.{{#has_independent_person}} {{independent_person}} has been appointed as the Independent Person, to oversee the investigation and make sure it is open and fair.{{/has_independent_person}}

        The Investigating Officer will contact you to agree exactly what the complaint is about before the investigation begins. The points we currently understand you remain unhappy about are:

        {{#has_issues}}
        {{#issues}}
        - {{category}}{{#has_detail}}: {{detail}}{{/has_detail}}
        {{/issues}}
        {{/has_issues}}
        {{^has_issues}}
        - {{summary}}
        {{/has_issues}}

        We aim to send you the outcome of the investigation by **{{due_date}}**. If the investigation needs longer, we will write to tell you why and when you can expect it.

        {{#has_advocate}}
        We will continue to keep {{advocate_named}} informed, with your agreement.
        {{/has_advocate}}
        {{^has_advocate}}
        If you are a child or young person, or you are acting for one, you can have the help of an independent advocate free of charge. Please tell us if you would like one.
        {{/has_advocate}}

        {{> _signoff}}
        """

    static let stage2Adjudication = """
        {{> _letterhead}}
        **Your complaint: the outcome of the stage 2 investigation**

        {{salutation}}

        The investigation of your complaint at stage 2 of our complaints procedure ({{stage_name}}) is now complete. I have read the Investigating Officer's report{{#has_independent_person}} and the Independent Person's report{{/has_independent_person}}, and this letter sets out my decision on each point of your complaint.

        ## My decision

        {{#issues}}
        {{number}}. **{{category_title}}**{{#has_verdict}}: {{verdict}}{{/has_verdict}}
        {{#has_finding_text}}
           {{finding_text}}
        {{/has_finding_text}}
        {{^has_finding_text}}
        {{#has_detail}}
           {{detail}}
        {{/has_detail}}
        {{/has_finding_text}}
        {{/issues}}
        {{^has_issues}}
        You told us: {{summary}}
        {{/has_issues}}

        {{#has_outcome}}
        Taking these points together, your complaint is **{{outcome}}**.
        {{/has_outcome}}

        {{#has_remedies}}
        ## Putting things right

        {{#remedies}}
        - **{{kind}}**{{#has_amount}} of {{amount}}{{/has_amount}}{{#has_text}}: {{text}}{{/has_text}}
        {{/remedies}}

        {{/has_remedies}}
        ## If you are not satisfied

        {{#has_next_stage}}
        If you remain unhappy, you can ask for your complaint to be considered at stage {{next_stage_number}} of our complaints procedure ({{next_stage_name}}). Please contact us by **{{escalation_ends}}** (within {{escalation_days}} working days of our response), saying why you remain unhappy.

        The {{ombudsman_name}} looks independently at complaints about councils. It will usually expect you to complete our procedure first, but you can contact it at any time:
        {{/has_next_stage}}
        {{^has_next_stage}}
        If you remain unhappy, you can ask the {{ombudsman_name}}, who looks independently at complaints about councils, to consider your complaint:
        {{/has_next_stage}}

        {{ombudsman_name}}
        {{#ombudsman_address}}
        {{.}}
        {{/ombudsman_address}}
        Telephone: {{ombudsman_phone}}
        Website: {{ombudsman_website}}

        {{> _signoff}}
        """

    static let stage3Arrangements = """
        {{> _letterhead}}
        **Your complaint: Review Panel arrangements**

        {{salutation}}

        Thank you for asking, on {{stage_started}}, for your complaint to be considered by a Review Panel, at stage 3 of our complaints procedure.

        {{#has_panel_date}}
        The Review Panel will meet on **{{panel_date}}**. We will confirm the time and place with you, and make sure the venue is accessible to you.
        {{/has_panel_date}}
        {{^has_panel_date}}
        We are arranging the Review Panel and will write to you with the date, time and place as soon as they are confirmed.
        {{/has_panel_date}}

        {{#has_panel}}
        The panel members are:

        {{#panel}}
        - {{.}}
        {{/panel}}

        {{/has_panel}}
        The panel is chaired by an independent person, and its members have not been involved in your complaint. You are welcome to attend and to speak to the panel, and you may bring someone to support you{{#has_advocate}}, such as {{advocate_named}}{{/has_advocate}}. Please send us anything you would like the panel to read at least five working days before it meets.

        The panel will send its recommendations within five working days of meeting, and the council will send you its response to them by **{{due_date}}** at the latest.

        {{> _signoff}}
        """

    static let stage3Outcome = """
        {{> _letterhead}}
        **Your complaint: the council's response to the Review Panel**

        {{salutation}}

        {{#panel_met}}The Review Panel met on {{panel_date}} to consider your complaint{{/panel_met}}{{^panel_met}}{{#has_panel_date}}The Review Panel will meet on {{panel_date}} to consider your complaint{{/has_panel_date}}{{^has_panel_date}}The Review Panel has considered your complaint{{/has_panel_date}}{{/panel_met}} at stage 3, the final stage of our complaints procedure. I have considered the panel's recommendations, and this letter gives you the council's response.

        ## The panel's conclusions and our response

        {{#issues}}
        {{number}}. **{{category_title}}**{{#has_verdict}}: {{verdict}}{{/has_verdict}}
        {{#has_finding_text}}
           {{finding_text}}
        {{/has_finding_text}}
        {{^has_finding_text}}
        {{#has_detail}}
           {{detail}}
        {{/has_detail}}
        {{/has_finding_text}}
        {{/issues}}
        {{^has_issues}}
        You told us: {{summary}}
        {{/has_issues}}

        {{#has_outcome}}
        Taking these points together, your complaint is **{{outcome}}**.
        {{/has_outcome}}

        {{#has_remedies}}
        ## Putting things right

        {{#remedies}}
        - **{{kind}}**{{#has_amount}} of {{amount}}{{/has_amount}}{{#has_text}}: {{text}}{{/has_text}}
        {{/remedies}}

        {{/has_remedies}}
        ## If you are not satisfied

        This is the final stage of our complaints procedure. If you remain unhappy, you can ask the {{ombudsman_name}} to look at your complaint. The Ombudsman is independent and its service is free:

        {{ombudsman_name}}
        {{#ombudsman_address}}
        {{.}}
        {{/ombudsman_address}}
        Telephone: {{ombudsman_phone}}
        Website: {{ombudsman_website}}

        Thank you for the time you have given to your complaint. I am sorry for the distress it has caused.

        {{> _signoff}}
        """

    static let notAccepted = """
        {{> _letterhead}}
        **Your complaint: why we cannot consider it under our complaints procedure**

        {{salutation}}

        Thank you for contacting us on {{received}}. I have carefully considered what you told us, and I am sorry to tell you that we are not able to consider it under our complaints procedure.

        The reason is: {{not_accepted_reason}}

        This does not mean your concerns are unimportant. Where there is another way for them to be dealt with, we will explain it to you, and our {{team_name}} will be happy to help you with it.

        If you disagree with this decision, you can ask the {{ombudsman_name}} to look at it. The Ombudsman is independent and its service is free:

        {{ombudsman_name}}
        {{#ombudsman_address}}
        {{.}}
        {{/ombudsman_address}}
        Telephone: {{ombudsman_phone}}
        Website: {{ombudsman_website}}

        {{> _signoff}}
        """

    static let complimentThanks = """
        {{> _letterhead}}
        **Thank you for your kind words**

        {{salutation}}

        Thank you for contacting us on {{received}} with your compliment about {{service_area}}{{#has_team}} ({{team}}){{/has_team}}.

        It is always a pleasure to hear when things have gone well. I have passed your comments on to the staff involved and their managers, who I know will be very pleased to read them. Compliments like yours help us to understand what we do well, so that we can do more of it.

        Thank you again for taking the time to write to us.

        {{> _signoff}}
        """

    static let enquiryReply = """
        {{> _letterhead}}
        **Your enquiry**

        {{salutation}}

        Thank you for your enquiry, which we received on {{received}}, about {{service_area}}.

        We noted your enquiry as: {{summary}}

        {{#has_reply}}
        {{reply}}
        {{/has_reply}}
        {{^has_reply}}
        I have looked into the points you raised with {{service_area}}{{#has_officer}}, and {{officer}} will be glad to help you further{{/has_officer}}.
        {{/has_reply}}

        I hope this answers your enquiry. If it does not, or if you would like to make a complaint, please contact us, quoting the reference above.

        {{> _signoff}}
        """
}
