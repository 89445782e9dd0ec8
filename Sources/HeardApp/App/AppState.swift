import HeardCore
import HeardStore
import TerminalUI

/// Everything the screens show, as a value: the update function changes it, render draws it.
public struct AppState: Sendable {
    public var list = CaseListState()
    /// Screens pushed over the case list, topmost last.
    public var stack: [Screen] = []
    public var overlay: Overlay?
    public var message: Message?
    /// Advances about four times a second while idle; messages expire by it.
    public var tick = 0
    public var size: Size
    public var today: LocalDate
    public var readOnly: Bool
    public var quit = false
    /// The database holds no contacts yet: the case list shows how to start.
    public var emptyDatabase = false
    public var databaseLabel: String
    public var unicode: Bool
    public var keymap: Keymap
    public var rules: Rules

    public init(size: Size, today: LocalDate, readOnly: Bool, databaseLabel: String, unicode: Bool, keymap: Keymap, rules: Rules = .default) {
        self.size = size; self.today = today; self.readOnly = readOnly; self.databaseLabel = databaseLabel
        self.unicode = unicode; self.keymap = keymap; self.rules = rules
        list.dueSoonDays = rules.dueSoonDays
    }

    var glyphs: Glyphs { Glyphs(unicode: unicode) }

    /// The smallest terminal the screens are drawn in; below it a notice asks for more room.
    public static let minimumSize = Size(width: 50, height: 12)
    public var isTooSmall: Bool { size.width < AppState.minimumSize.width || size.height < AppState.minimumSize.height }

    /// Rows of the table that fit: the screen less title, header, status and hint lines.
    var tableRows: Int { max(1, size.height - 4) }

    mutating func say(_ text: String, error: Bool = false) {
        message = Message(text, kind: error ? .error : .info, now: tick, duration: error ? 40 : 16)
    }
}

/// A screen pushed over the case list.
public enum Screen: Sendable {
    case detail(CaseDetailState)
}

/// A panel drawn over the current screen that takes the keys while it is open.
public enum Overlay: Sendable {
    case help(offset: Int)
    case filters(FilterPanelState)
}

/// What happens to the app: keys, the terminal, the runner's answers to effects.
public enum AppEvent: Sendable {
    case key(Key)
    case resize(Size)
    case tick
    case casesLoaded([CaseRow], emptyDatabase: Bool)
    case caseLoaded(CaseDetailData)
    case failed(String)
    /// Another process committed a change to the file.
    case externalChange
}

/// What the update function asks the runner to do; the runner answers with events.
public enum Effect: Equatable, Sendable {
    case loadCases
    case loadCase(Int64)
    case redraw
    case quit
}
