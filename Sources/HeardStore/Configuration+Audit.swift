import ConfigFile

extension HeardConfiguration {
    /// `[audit]`: `reads = true | false`, whether opening a case's record is written to the
    /// access log (on unless turned off); anything else is named in a warning and the default kept.
    mutating func applyAudit(_ section: ConfigValue, file: String) {
        func warn(_ key: String, _ value: String, _ why: String) { warnings.append("\(file): \(ConfigValue.shortened(key)) = \(value): \(why)") }
        for (k, _) in section.table ?? [] where k != "reads" { warn("audit." + k, "…", "unknown setting; ignored") }
        if let v = section["reads"] {
            if case .bool(let b) = v { recordReads = b } else { warn("audit.reads", v.warningText, "expected true or false; using true") }
        }
    }
}
