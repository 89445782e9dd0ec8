import HeardCore
import TerminalUI

/// One row of the letters screen: a letter the stage needs (its due date, sent or not), or a
/// template to write any letter from.
public struct LetterChoice: Equatable, Sendable {
    public var template: String
    public var title: String
    /// Set for a letter the current stage needs (`CaseRecord.letterNeeds`).
    public var need: LetterNeed?
    /// A council's own template (from its letters folder) rather than Heard's.
    public var council: Bool
    /// Why this letter does not fit the case (`LetterBook.fit`): the row is greyed and Enter says so.
    public var refusal: String?
    public init(template: String, title: String, need: LetterNeed? = nil, council: Bool = false, refusal: String? = nil) {
        self.template = template; self.title = title; self.need = need; self.council = council; self.refusal = refusal
    }
}

/// Why a letter could not be made (a template with a mistake, a missing field), in words.
public struct LetterProblem: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// A letter to write to a file: its Markdown (as edited), the format and the path.
public struct LetterFile: Equatable, Sendable {
    public var contactID: Int64
    public var reference: String
    public var template: String
    public var stage: Int?
    public var markdown: String
    /// md, html or docx.
    public var format: String
    public var path: String
    public init(contactID: Int64, reference: String, template: String, stage: Int?, markdown: String, format: String = "md", path: String = "") {
        self.contactID = contactID; self.reference = reference; self.template = template; self.stage = stage
        self.markdown = markdown; self.format = format; self.path = path
    }

    /// `REF-NAME.ext` in the current folder, of the reference's ASCII letters, digits, `-` and
    /// `_` only: a reference another tool wrote (`../../X`, `A/B`) put the letter in another
    /// folder (found by an attack).
    public var defaultPath: String {
        var safe = ""
        for ch in reference.unicodeScalars {
            let keep = ch.isASCII && (ch.properties.isAlphabetic || ("0"..."9").contains(ch) || ch == "_")
            if keep { safe.unicodeScalars.append(ch) } else if !safe.isEmpty && !safe.hasSuffix("-") { safe += "-" }
        }
        while safe.hasSuffix("-") { safe.removeLast() }
        return "\(safe.isEmpty ? "letter" : safe)-\(template).\(format)"
    }
}

/// The letter shown in the preview pane, as rendered or as edited.
public struct LetterPreview: Equatable, Sendable {
    public var template: String
    public var stage: Int?
    public var markdown: String
    /// Edited in $EDITOR: what is saved and recorded is this text.
    public var edited = false
    public var scroll = 0
    /// The format it was last saved in (s), recorded with it when sent; nil: not saved.
    public var savedFormat: String?
}

/// The letters screen (`L` on a case): the letters the stage needs, then every template;
/// Enter previews one, `e` edits it, `s` saves it, `r` records it as sent.
public struct LettersState: Sendable {
    public var contactID: Int64
    public var data: CaseDetailData?
    public var choices: [LetterChoice] = []
    /// Templates the book could not read (a council's file with a mistake), said on screen.
    public var problems: [String] = []
    public var loaded = false
    public var selection = 0
    public var preview: LetterPreview?
    /// A render was asked for and has not come back.
    public var rendering: String?

    public init(contactID: Int64, data: CaseDetailData? = nil) { self.contactID = contactID; self.data = data }

    public var selected: LetterChoice? { choices.indices.contains(selection) ? choices[selection] : nil }

    /// How many of the rows are letters the stage needs (listed first).
    public var needCount: Int { choices.filter { $0.need != nil }.count }
}
