/// What the steps of an action plan mean, defined once for the store, the command line and the screens.
extension ActionItem {
    /// The action completed: done, with `day` as its completion date.
    public func completed(on day: LocalDate) -> ActionItem {
        var a = self
        a.status = .done
        a.completed = day
        return a
    }

    /// Why `day` cannot be the day of `what` on this action ("a note", "its completion"), or nil:
    /// not after today, nor before the action was made (an attack completed one in 2099 and
    /// noted progress in 1900).
    public func dayProblem(_ day: LocalDate, today: LocalDate, what: String) -> String? {
        if day > today { return "\(day.iso) is in the future: \(what) is dated on or before today (\(today.iso))" }
        if day < created { return "\(day.iso) is before the action was made (\(created.iso))" }
        return nil
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
