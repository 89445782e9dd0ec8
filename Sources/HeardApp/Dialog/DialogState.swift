import HeardCore
import TerminalUI

/// A dialog with lines to read and keys to answer; `choices` maps keys to what they do.
public struct DialogState: Equatable, Sendable {
    public var title: String
    public var lines: [String]
    public var choices: [DialogChoice]
    /// The form whose save this dialog is about waits under it (someone else saved first): a
    /// choice that saves again leaves it there, to close when saved or to show the reason, with
    /// what was typed, when refused; a choice that saves nothing (discard) closes it; no answer
    /// (Esc) leaves it open, not saved, as it was typed.
    public var formWaitsUnder = false
    /// Items listed after `lines` (a bulk change's refusals), as many as the screen holds from
    /// `listOffset` on, with how many more: fitted when drawn, so a resize refits them, and
    /// moved through with j, k, the arrows and the page keys (any other key closes).
    public var list: [String] = [] {
        didSet { listWidth = list.lazy.map { displayWidth(sanitizeForDisplay("  " + $0)) }.max() ?? 0 }
    }
    /// The widest item's width as shown: the dialog is that wide (as far as the screen lets it)
    /// whichever items show, so it keeps its width as it scrolls.
    public private(set) var listWidth = 0
    public var listOffset = 0
    /// The first row shown of the item at `listOffset` when it alone is longer than the screen.
    public var listRowOffset = 0
    /// The undo key closes it and undoes the step it tells of (a bulk change's refusals, which
    /// say "u undoes them"); false where nothing changed, so u would undo an earlier step.
    public var undoKeyUndoes = false
    public init(title: String, lines: [String], choices: [DialogChoice] = []) { self.title = title; self.lines = lines; self.choices = choices }
}

/// One answer of a dialog: its key, its label and the effects it runs (none: just close).
public struct DialogChoice: Equatable, Sendable {
    public var key: Character
    public var label: String
    public var effects: [Effect]
    public init(_ key: Character, _ label: String, _ effects: [Effect] = []) { self.key = key; self.label = label; self.effects = effects }
}
