import HeardCore
import TerminalUI

/// The filter panel (`F`): one line per filter, left/right to change the value.
public struct FilterPanelState: Equatable, Sendable {
    public var filters: ListFilters
    public var focus = 0
    var serviceAreas: [String]
    var officers: [String]

    static let fields = ["State", "Stage", "Service area", "Officer", "Kind", "C&YP", "Legal hold"]

    init(filters: ListFilters, serviceAreas: [String], officers: [String]) {
        self.filters = filters; self.serviceAreas = serviceAreas; self.officers = officers
    }

    func value(_ i: Int) -> String {
        switch i {
        case 0: return filters.state.rawValue
        case 1: return filters.stage.map { "stage \($0)" } ?? "any"
        case 2: return filters.serviceArea ?? "any"
        case 3: return filters.officer ?? "any"
        case 4: return filters.kind?.label ?? "any"
        case 5: return filters.childOrYoungPerson.map { $0 ? "yes" : "no" } ?? "any"
        default: return filters.legalHold.map { $0 ? "yes" : "no" } ?? "any"
        }
    }

    /// Steps the focused filter through its values, "any" included.
    mutating func step(_ delta: Int) {
        func cycle<T: Equatable>(_ options: [T?], _ current: T?) -> T? {
            guard !options.isEmpty else { return nil }
            let i = options.firstIndex(where: { $0 == current }) ?? 0
            return options[((i + delta) % options.count + options.count) % options.count]
        }
        switch focus {
        case 0:
            let all = StateFilter.allCases
            let i = all.firstIndex(of: filters.state) ?? 0
            filters.state = all[((i + delta) % all.count + all.count) % all.count]
        case 1: filters.stage = cycle([nil, 1, 2, 3], filters.stage)
        case 2: filters.serviceArea = cycle([nil] + serviceAreas.map { Optional($0) }, filters.serviceArea)
        case 3: filters.officer = cycle([nil] + officers.map { Optional($0) }, filters.officer)
        case 4: filters.kind = cycle([nil] + ContactKind.allCases.map { Optional($0) }, filters.kind)
        case 5: filters.childOrYoungPerson = cycle([nil, true, false], filters.childOrYoungPerson)
        default: filters.legalHold = cycle([nil, true, false], filters.legalHold)
        }
    }

    func render(into frame: inout Frame, area: Rect, glyphs: Glyphs) {
        let labelWidth = 14
        let valueWidth = max(20, min(40, (serviceAreas + officers).map(displayWidth).max() ?? 20))
        let r = area.centered(width: labelWidth + valueWidth + 8, height: Self.fields.count + 4)
        frame.fill(r)
        let inner = frame.drawBox(r, title: "Filters", glyphs: glyphs)
        guard !inner.isEmpty else { return }
        for (i, name) in Self.fields.enumerated() where i < inner.height {
            let y = inner.y + i
            let role: Role = i == focus ? .selection : .default
            frame.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: role)
            frame.put(" " + name, x: inner.x, y: y, role: role, maxWidth: labelWidth)
            let v = (glyphs.unicode ? "‹ " : "< ") + value(i) + (glyphs.unicode ? " ›" : " >")
            frame.put(truncate(v, toWidth: inner.width - labelWidth - 1, unicode: glyphs.unicode), x: inner.x + labelWidth, y: y, role: role,
                      maxWidth: inner.width - labelWidth - 1)
        }
        if inner.height > Self.fields.count + 1 {
            frame.put(truncate("↑↓ choose  ←→ change  Enter apply  Esc cancel", toWidth: inner.width, unicode: glyphs.unicode),
                      x: inner.x + 1, y: inner.maxY - 1, role: .hint, maxWidth: inner.width - 1)
        }
    }
}
