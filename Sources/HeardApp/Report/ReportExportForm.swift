import Foundation
import HeardCore

/// The report screen's export form (`x`): a format, a file (blank: a name for the range in the
/// format chosen), and the public version. As a letter's form does, a file named `….csv` is CSV
/// whatever the format field says, and an existing file is replaced only after `y`.
public enum ReportExportForm {
    static let formats: [ReportFormat] = [.markdown, .csv, .json, .html, .text]

    static func form(_ r: ReportState, _ ctx: ScreenContext) -> FormState {
        var f = FormState(title: "Export the report (written 0600)", fields: [
            FormField("format", "Format", .choice(formats.map(\.rawValue)), value: ReportFormat.html.rawValue, required: true),
            FormField("file", "File", .text),
            FormField("public", "Public version", .choice(["no", "yes"]), value: r.publicView ? "yes" : "no"),
        ], sources: ctx.sources)
        refresh(&f, r.period)
        return f
    }

    /// The name a blank file field writes: `complaints-report-2025-26.html`, and
    /// `complaints-report-2025-26-public.html` for the version to publish (the two told apart on disk).
    static func defaultPath(_ period: Period, _ format: ReportFormat, isPublic: Bool = false) -> String {
        "complaints-report-\(period.label.replacingOccurrences(of: " to ", with: "_to_"))\(isPublic ? "-public" : "").\(format.fileEnding)"
    }

    /// Under the file field: while blank, the name it writes for the format and version chosen
    /// now; once typed, the format its ending makes it when that is not the one chosen.
    static func refresh(_ f: inout FormState, _ period: Period) {
        guard let i = f.fields.firstIndex(where: { $0.key == "file" }) else { return }
        let chosen = format(f), typed = f["file"]
        if typed.isEmpty {
            f.fields[i].hint = "blank: " + defaultPath(period, chosen, isPublic: isPublic(f))
        } else if let byEnding = ReportFormat(fileEnding: (typed as NSString).pathExtension), byEnding != chosen {
            f.fields[i].hint = "written as \(byEnding.rawValue), as its ending says"
        } else {
            f.fields[i].hint = nil
        }
    }

    static func isPublic(_ f: FormState) -> Bool { YesNo.parse(f["public"]) ?? false }

    /// The format chosen in the format field.
    static func format(_ f: FormState) -> ReportFormat { ReportFormat(rawValue: f.canonical("format")) ?? .html }

    /// What Enter writes: the format (the file's ending, when it names one, wins) and the path.
    public static func file(_ f: FormState, _ period: Period) -> (ReportFormat, String) {
        let chosen = format(f), typed = f["file"]
        if typed.isEmpty { return (chosen, defaultPath(period, chosen, isPublic: isPublic(f))) }
        return (ReportFormat(fileEnding: (typed as NSString).pathExtension) ?? chosen, typed)
    }
}
