/// What the steps of an action plan mean, defined once for the store, the command line and the screens.
extension ActionItem {
    /// The action completed: done, with `day` as its completion date.
    public func completed(on day: LocalDate) -> ActionItem {
        var a = self
        a.status = .done
        a.completed = day
        return a
    }

    /// Dropped, with why (cleaned as every one-line reason is by its caller).
    public func dropped(reason: String) -> ActionItem {
        var a = self
        a.status = .dropped
        a.dropReason = reason
        return a
    }

    /// The status after a progress note: a note on an open action means work on it has started.
    public var statusAfterNote: ActionStatus { status == .open ? .inProgress : status }
}
