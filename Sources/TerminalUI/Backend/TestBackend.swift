/// A backend for tests: records presented frames and plays a scripted queue of keys.
public final class TestBackend: TerminalBackend {
    /// Current size; set it and queue `.resize` to simulate a resize.
    public var size: Size
    /// Whether Unicode is reported as supported.
    public var supportsUnicode: Bool
    /// Every frame presented, oldest first.
    public private(set) var frames: [Frame] = []
    /// Keys still to be read.
    public var pendingKeys: [Key]
    /// Whether the backend is suspended.
    public private(set) var isSuspended = false
    /// Whether shutdown was called.
    public private(set) var isShutDown = false
    /// How many times suspend was called.
    public private(set) var suspendCount = 0

    /// Creates a test backend of a size with scripted keys.
    public init(size: Size = Size(width: 80, height: 24), keys: [Key] = [], supportsUnicode: Bool = true) {
        self.size = size; self.pendingKeys = keys; self.supportsUnicode = supportsUnicode
    }

    /// The last frame presented.
    public var lastFrame: Frame? { frames.last }

    /// Records the frame.
    public func present(_ frame: Frame) { frames.append(frame) }

    /// The signal said to have asked the program to end (`endSignal`), 0 for none.
    public var endSignal: Int32 = 0
    /// A signal to say once the script of keys has run out (a kill after the keys were typed).
    public var endSignalWhenScriptEnds: Int32 = 0

    /// Pops the next scripted key; nil when the script is empty.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        if pendingKeys.isEmpty, endSignalWhenScriptEnds != 0 {
            endSignal = endSignalWhenScriptEnds
            // A loop that does not heed the signal is ended by q rather than left running: a
            // test sees that it quit, instead of waiting for ever.
            readsAfterSignal += 1
            if readsAfterSignal > 100 { return .char("q") }
        }
        return pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }
    private var readsAfterSignal = 0

    /// Adds keys to the script.
    public func enqueue(_ keys: [Key]) { pendingKeys.append(contentsOf: keys) }

    /// Marks the backend suspended.
    public func suspend() { isSuspended = true; suspendCount += 1 }
    /// Marks the backend resumed.
    public func resume() { isSuspended = false }
    /// Marks the backend shut down.
    public func shutdown() { isShutDown = true }
    public private(set) var invalidations = 0
    public func invalidate() { invalidations += 1 }
    /// Every cursor placement, oldest first (one after each present).
    public private(set) var cursorPlacements: [(position: Position?, visible: Bool)] = []
    /// Records where the cursor was put.
    public func placeCursor(at position: Position?, visible: Bool) { cursorPlacements.append((position, visible)) }
    /// Where the cursor was last put.
    public var cursor: Position? { cursorPlacements.last?.position }
    public private(set) var themes: [Theme] = []
    public func apply(theme: Theme) { themes.append(theme) }
}
