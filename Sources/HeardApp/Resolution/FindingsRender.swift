import HeardCore
import TerminalUI

/// Draws the findings: each issue with its finding at the current stage, and the outcome they give.
enum FindingsRender {
    static func title(_ fs: FindingsState) -> TitleLine { TitleLine(left: "Heard · Findings · " + (fs.data?.contact.reference ?? "")) }

    static func render(_ fs: FindingsState, _ s: ScreenContext, into f: inout Frame, rect: Rect) {
        guard let d = fs.data else { return }
        var y = rect.y
        f.put(truncate(" Findings at stage \(fs.stage) · \(d.contact.reference)", toWidth: rect.width, unicode: s.unicode), x: 0, y: y, role: .title)
        y += 2
        if d.contact.issues.isEmpty {
            let add = s.keymap.keys(for: .findings(.addIssue)).first.map { $0.name + " adds one." } ?? "none can be added (no key is bound)."
            f.put(" No issues yet: " + add, x: 0, y: y, role: .dim)
        }
        for (i, issue) in d.contact.issues.enumerated() where y < rect.maxY - 2 {
            let role: Role = i == fs.selection ? .selection : .default
            f.fill(Rect(x: 0, y: y, width: rect.width, height: 1), role: role)
            let finding = issue.findings[fs.stage]
            let label = finding?.label ?? "—"
            let outRole: Role = finding.map { Role("outcome." + $0.rawValue.replacingOccurrences(of: "_", with: "-")) } ?? .dim
            f.put(truncate("  \(i + 1). \(issue.category)", toWidth: rect.width - 22, unicode: s.unicode), x: 0, y: y, role: role)
            f.put(label, x: max(0, rect.width - 20), y: y, role: i == fs.selection ? .selection : outRole)
            y += 1
            // What was found, in words, under its verdict (one line; the detail screen has it whole).
            if let words = issue.findingTexts[fs.stage], !words.isEmpty, y < rect.maxY - 2 {
                let flat = words.replacingOccurrences(of: "\n", with: " ")
                f.put(truncate("     " + flat, toWidth: rect.width, unicode: s.unicode), x: 0, y: y, role: .dim)
                y += 1
            }
        }
        if !d.contact.issues.isEmpty, y < rect.maxY - 1 {
            let key = s.keymap.keys(for: .findings(.text)).first.map(\.name) ?? "t"
            f.put(truncate(" \(key) writes the finding on the selected issue, beside its verdict.", toWidth: rect.width, unicode: s.unicode), x: 0, y: y, role: .dim)
            y += 1
        }
        y += 1
        if let st = d.clock.current, y < rect.maxY {
            let found = d.contact.issues.compactMap { $0.findings[st.number] }
            let derived = StageOutcome.derived(from: found)
            // Said to be so far while an issue has no verdict (a trial read "partially upheld" as
            // the stage's outcome with one issue still to find on).
            let waiting = d.contact.issues.count - found.count
            // (Worded to fit 80 columns.)
            let line = if let derived, waiting > 0 {
                " Stage outcome so far: \(derived.label) (\(waiting) of \(d.contact.issues.count) issues without a finding)"
            } else {
                " Stage outcome from these findings: \(derived?.label ?? "none yet")"
            }
            f.put(truncate(line, toWidth: rect.width, unicode: s.unicode), x: 0, y: y, role: .header)
        }
    }
}
