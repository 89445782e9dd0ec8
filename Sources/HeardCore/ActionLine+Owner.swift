extension ActionLine {
    /// The line with its owner `old` (written `@old` or `@"old"`) replaced by `new`, quoted when
    /// it has a space: the form's "use the suggestion" for an owner typed in the line.
    public static func replacingOwner(in line: String, _ old: String, with new: String) -> String {
        let plain = !new.contains(where: { $0 == " " || $0 == "\"" || $0 == "\\" })
        let escaped = new.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let written = plain ? "@\(new)" : "@\"\(escaped)\""
        for form in ["@\"\(old)\"", "@\(old)"] {
            // `@Ya` must not match the start of `@Yasmin`: the token ends after it.
            for r in line.ranges(of: form) {
                let after = line[r.upperBound...].first
                guard form.hasSuffix("\"") || after == nil || after == " " else { continue }
                var out = line
                out.replaceSubrange(r, with: written)
                return out
            }
        }
        return line
    }
}
