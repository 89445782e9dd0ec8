import HeardCore
import TerminalUI

/// The `:` command line: typing, completion, and what each command does.
enum CommandLineUpdate {
    static func update(_ input: TextInputState, _ key: Key, _ ctx: ScreenContext, top: Screen?) -> [Output] {
        var input = input
        switch key {
        case .escape:
            return [.overlay(nil)]
        case .tab:
            if let done = AppCommand.complete(input.text, references: (0..<min(5000, ctx.rows.count)).map(ctx.rows.reference)) { input.setText(done) }
            return [.overlay(.command(input, problem: nil))]
        case .enter:
            switch AppCommand.parse(input.text, today: ctx.today, calendar: ctx.calendar) {
            case .failure(let e): return [.overlay(.command(input, problem: e.description))]
            case .success(let cmd): return [.overlay(nil)] + run(cmd, ctx, top: top)
            }
        default:
            _ = input.handle(key)
            return [.overlay(.command(input, problem: nil))]
        }
    }

    /// Carries out a `:` command.
    static func run(_ cmd: AppCommand, _ ctx: ScreenContext, top: Screen?) -> [Output] {
        switch cmd {
        case .goto(let ref):
            let ref = ref.trimmingSpaces
            return [.openReference(ref, missing: .say("No case \(ref).", error: true))]
        case .report(let p):
            // From the report screen, the same screen moves to the range (as [ and ] do), keeping
            // its service areas and view; from anywhere else a report screen opens.
            if case .report? = top { return [.send(.report(.setPeriod(p)))] }
            let r = ReportState(period: p, suppressUpTo: ctx.rules.suppressUpTo)
            return [.push(.report(r)), .effect(ReportUpdate.load(r))]
        case .filter(let f):
            return [.popAll, .send(.caseList(.showState(f)))]
        case .theme(let name):
            return [.effect(.setTheme(name))]
        case .export(let format, let path):
            return [.exportShown(format: format, path: path)]
        case .help:
            return [.dialog(DialogState(title: "Commands", lines: [
                ":goto REF                     open a case by its reference",
                ":report 2021-22 | 2021        the report for a financial year",
                ":report FROM..TO              the report for any range",
                ":filter overdue|open|due soon|closed|all",
                ":theme NAME                   default, light, terminal16, mono, colorblind",
                ":export csv|json FILE         the cases shown, in the import format",
                // Each within a dialog at 80 columns: a line that wrapped lost its column (a trial).
                ":retention                    cases due for disposal, and those held",
                ":sar NAME                     a person's cases; y writes their bundle",
                ":quit",
                "Tab completes; ? lists the keys of each screen.",
            ]))]
        case .quit:
            return [.quit]
        case .retention:
            if case .retention? = top { return [.effect(.loadRetention)] }
            return [.push(.retention(RetentionState())), .effect(.loadRetention)]
        case .subjectAccess(let name):
            return [.effect(.findSubjectAccess(name))]
        }
    }
}

extension CommandLineUpdate {
    /// The command line's keys are those of a text field.
    static let hints = [Hint(key: "enter", label: "run"), Hint(key: "tab", label: "complete"), Hint(key: "esc", label: "cancel"), Hint(key: ":help", label: "the commands")]
}
