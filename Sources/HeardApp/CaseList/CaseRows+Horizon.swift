import HeardCore
import TerminalUI

extension CaseRows {
    /// The rows (indices) whose running deadline falls past the calendar's horizon, in order.
    func dueBeyondHorizon(_ calendar: WorkingDayCalendar) -> [Int] {
        guard let end = calendar.knownThrough else { return records.indices.filter { records[$0].due != Int32.min } }
        let limit = Int32(clamping: end.dayNumber)
        return records.indices.filter { records[$0].due != Int32.min && records[$0].due > limit }
    }
}

extension AppState {
    /// Says, once the rows are in, which cases are due past the bank holidays Heard knows.
    mutating func warnOfHorizon() {
        let beyond = list.rows.dueBeyondHorizon(calendar)
        guard !beyond.isEmpty else { return }
        let text = calendar.horizonSummary(count: beyond.count)
        message = Message(text, kind: .error, now: tick, duration: 60)
    }
}
