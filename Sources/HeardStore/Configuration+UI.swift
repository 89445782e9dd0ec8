import ConfigFile
import HeardCore

extension HeardConfiguration {
    /// `[ui]`: `date_format = "iso" | "uk"` and `cursor = "hidden" | "visible"`; anything else
    /// is named in a warning and the default kept.
    mutating func applyUI(_ ui: ConfigValue, file: String) {
        func warn(_ key: String, _ value: String, _ why: String) { warnings.append("\(file): \(ConfigValue.shortened(key)) = \(value): \(why)") }
        for (k, _) in ui.table ?? [] where !["date_format", "cursor"].contains(k) { warn("ui." + k, "…", "unknown setting; ignored") }
        if let v = ui["date_format"] {
            if let s = v.string, let style = DateStyle.named(s.trimmingSpaces) {
                dateStyle = style
            } else {
                warn("ui.date_format", v.warningText, "expected \"iso\" (2022-04-14) or \"uk\" (14/04/2022); using iso")
            }
        }
        if let v = ui["cursor"] {
            switch v.string?.trimmingSpaces.lowercased() {
            case "visible"?: cursorVisible = true
            case "hidden"?: cursorVisible = false
            default: warn("ui.cursor", v.warningText, "expected \"visible\" or \"hidden\"; using hidden")
            }
        }
    }
}
