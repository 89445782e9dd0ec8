// swift-tools-version:6.0
import Foundation
import PackageDescription

/// The release `heard` is linked by lld with the functions a session runs first laid side by
/// side (`linking/heard.order`, made by `linking/order-functions`): the kernel maps a program's
/// code 64 KB around each page it runs, so 1.7 MB of code run from a 23 MB text section left
/// 14 MB of it resident; and with relative relocations packed (2.2 MB of them, read at every
/// start, are 18 KB). Debug builds and the tests link as before.
let linking = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("linking").path
let releaseLinking: [LinkerSetting] = [
    .unsafeFlags([
        "-use-ld=lld",
        "-Xlinker", "--symbol-ordering-file=\(linking)/heard.order", "-Xlinker", "--no-warn-symbol-ordering",
        "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
    ], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "Heard",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "heard", targets: ["heard"]),
        .executable(name: "heard-bench", targets: ["HeardBenchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        .target(name: "HeardCore", dependencies: ["CellWidth"]),
        // Display width of text: one definition for the screens and the plain-text tables.
        .target(name: "CellWidth"),
        // Private files and standard output that never trap: Foundation/Glibc only.
        .target(name: "HeardFiles", dependencies: ["CellWidth"]),
        // The one layer over TOMLKit: config.toml, keys.toml and themes.
        .target(name: "ConfigFile", dependencies: [
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .target(name: "HeardStore", dependencies: [
            "HeardCore", "ConfigFile", "CLibPQ", "CSQLiteSwitch", "HeardFiles",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // sqlite3_db_config, which Swift cannot call (C varargs): the import's trigger switch.
        .target(name: "CSQLiteSwitch", linkerSettings: [.linkedLibrary("sqlite3")]),
        // Letters from Mustache templates (shipped, or a council's own), as Markdown, HTML or .docx.
        .target(name: "HeardLetters", dependencies: [
            "HeardCore",
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "TerminalUI", dependencies: ["CellWidth", "ConfigFile"]),
        .systemLibrary(name: "CNCurses"),
        // libpq, for a record kept on a PostgreSQL server: its header (libpq-dev) and wrappers
        // that load the library on first use, so a SQLite record never maps it (Sources/CLibPQ).
        .target(name: "CLibPQ", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .target(name: "CursesBackend", dependencies: ["TerminalUI", "CNCurses"]),
        .target(name: "HeardApp", dependencies: ["HeardCore", "HeardStore", "TerminalUI", "HeardFiles", "HeardLetters"]),
        .executableTarget(name: "heard", dependencies: [
            "HeardCore", "HeardStore", "HeardApp", "TerminalUI", "CursesBackend", "HeardFiles", "HeardLetters",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], linkerSettings: releaseLinking),
        .executableTarget(name: "HeardBenchmark", dependencies: [
            "HeardCore", "HeardStore", "HeardApp", "TerminalUI", "CLibPQ",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "HeardTestSupport", dependencies: ["HeardCore", "HeardStore", "HeardApp", "TerminalUI", "CLibPQ", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "HeardCoreTests", dependencies: ["HeardCore", "HeardTestSupport", "HeardFiles"]),
        .testTarget(name: "HeardLettersTests", dependencies: ["HeardLetters", "HeardCore", "HeardTestSupport",
                                                            .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "HeardStoreTests", dependencies: [
            "HeardCore", "HeardStore", "HeardTestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "HeardCLITests", dependencies: [
            "HeardCore", "HeardStore", "HeardApp", "TerminalUI", "HeardFiles", "HeardTestSupport",
        ]),
        // Its Snapshots/ are read beside the test files (HeardTestSupport/Snapshots.swift), not as resources.
        .testTarget(name: "HeardAppTests", dependencies: ["HeardCore", "HeardStore", "HeardApp", "TerminalUI", "HeardTestSupport"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "HeardEndToEndTests", dependencies: ["HeardCore", "HeardTestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "TerminalUI"]),
        // The benchmark's command line, verdicts and taskwarrior tasks (the executable, tested).
        .testTarget(name: "HeardBenchmarkTests", dependencies: ["HeardBenchmark", "HeardCore"]),
    ],
    // Every target, tests included, in the Swift 6 language mode: concurrency is checked.
    swiftLanguageModes: [.v6]
)
