import Foundation

/// The command line: `heard-bench [SIZES...] [--only PART,...] [--postgres URL] [--data DIR]
/// [--no-taskwarrior]`, and the environment variables that stand for them.
struct Options {
    /// Contact counts to build and measure, in order.
    var sizes = [1_000, 10_000, 100_000]
    /// The parts to run (nil: all). See `Options.parts`.
    var only: Set<String>?
    /// A server URL: each size is also copied there with `heard migrate` and measured again.
    var postgres: String?
    /// A folder to build the data in and keep; a size already built there is reused.
    var dataFolder: String?
    var taskwarrior = true
    /// Another `heard` to measure beside this one (`--against`): each whole-process figure is
    /// run by both in turn, on two copies of the same record, and the ratio printed.
    var against: String?

    /// The parts `--only` may name, each one group of figures.
    static let parts = ["import", "list", "export", "report", "commands", "audit", "save", "screen", "keys",
                        "report-screen", "rss", "bulk", "sar", "taskwarrior"]

    static let usage = """
        usage: heard-bench [SIZES...] [--only PART,...] [--postgres URL] [--data DIR] [--no-taskwarrior] [--against HEARD]
          SIZES            contact counts (default 1000 10000 100000)
          --only           run only these parts: \(parts.joined(separator: ","))
          --postgres URL   also measure each size on this PostgreSQL server (HEARD_BENCH_POSTGRES);
                           the role must be able to create schemas; each size gets its own, dropped after
          --data DIR       build the data in DIR and keep it; a size built there before is reused
          --no-taskwarrior skip the side-by-side with taskwarrior
          --against HEARD  run each whole-process figure with this other heard too, in turn, each on
                           its own copy of the record, and print the ratio: a change measured on the
                           same machine in the same minutes (its speed varies by a quarter over a day)
        HEARD_BENCH_KEEP=1 keeps the generated data folder.
        """

    /// Parses `args`; a message naming the bad argument when they make no sense.
    static func parse(_ args: [String], environment: [String: String]) -> Result<Options, OptionsError> {
        var o = Options()
        var sizes: [Int] = []
        var i = 0
        func value(_ flag: String) -> String? {
            i += 1
            return i < args.count ? args[i] : nil
        }
        while i < args.count {
            let a = args[i]
            switch a {
            case "--only":
                guard let v = value(a) else { return .failure(OptionsError(message: "--only needs a list of parts")) }
                let names = v.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                if let bad = names.first(where: { !parts.contains($0) }) {
                    return .failure(OptionsError(message: "--only: no part called \"\(bad)\" (parts: \(parts.joined(separator: ",")))"))
                }
                o.only = Set(names)
            case "--postgres":
                guard let v = value(a) else { return .failure(OptionsError(message: "--postgres needs a URL")) }
                o.postgres = v
            case "--data":
                guard let v = value(a) else { return .failure(OptionsError(message: "--data needs a folder")) }
                o.dataFolder = v
            case "--no-taskwarrior":
                o.taskwarrior = false
            case "--against":
                guard let v = value(a) else { return .failure(OptionsError(message: "--against needs the path of another heard")) }
                guard FileManager.default.isExecutableFile(atPath: v) else {
                    return .failure(OptionsError(message: "--against: \(v) is not a program that can be run"))
                }
                o.against = v
            case "-h", "--help":
                return .failure(OptionsError(message: usage, isHelp: true))
            default:
                guard let n = Int(a), n > 0 else { return .failure(OptionsError(message: "unknown argument \"\(a)\"\n" + usage)) }
                sizes.append(n)
            }
            i += 1
        }
        if !sizes.isEmpty { o.sizes = sizes }
        if o.postgres == nil, let url = environment["HEARD_BENCH_POSTGRES"], !url.isEmpty { o.postgres = url }
        return .success(o)
    }

    /// Whether the part `name` runs.
    func runs(_ name: String) -> Bool { only?.contains(name) ?? true }
}

/// A command line that makes no sense, or a request for help.
struct OptionsError: Error {
    var message: String
    var isHelp = false
}
