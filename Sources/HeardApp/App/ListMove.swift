/// The list movement actions shared by every screen that selects rows.
enum ListMove {
    /// Moves `selection` for a movement action over `count` rows, a page being `page` rows;
    /// false when the action is not a movement.
    @discardableResult
    static func apply(_ action: ListCommand, _ selection: inout Int, count: Int, page: Int) -> Bool {
        let last = max(0, count - 1)
        switch action {
        case .up: selection = max(0, selection - 1)
        case .down: selection = min(last, selection + 1)
        case .top: selection = 0
        case .bottom: selection = last
        case .pageUp: selection = max(0, selection - max(1, page))
        case .pageDown: selection = min(last, selection + max(1, page))
        case .open, .narrow, .mark: return false
        }
        return true
    }
}
