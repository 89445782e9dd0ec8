// swift-tools-version:6.0
import PackageDescription

/// Targets already checked in the Swift 6 language mode (strict concurrency).
let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

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
    ],
    targets: [
        .target(name: "HeardCore", dependencies: ["CellWidth"], swiftSettings: swift6),
        // Display width of text: one definition for the screens and the plain-text tables.
        .target(name: "CellWidth", swiftSettings: swift6),
        // Private files and standard output that never trap: Foundation/Glibc only.
        .target(name: "HeardFiles", swiftSettings: swift6),
        // The one layer over TOMLKit: config.toml, keys.toml and themes.
        .target(name: "ConfigFile", dependencies: [
            .product(name: "TOMLKit", package: "TOMLKit"),
        ], swiftSettings: swift6),
        .target(name: "HeardStore", dependencies: [
            "HeardCore", "ConfigFile",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "TerminalUI", dependencies: ["CellWidth", "ConfigFile"], swiftSettings: swift6),
        .systemLibrary(name: "CNCurses"),
        .target(name: "CursesBackend", dependencies: ["TerminalUI", "CNCurses"], swiftSettings: swift6),
        .target(name: "HeardApp", dependencies: ["HeardCore", "HeardStore", "TerminalUI", "HeardFiles"], swiftSettings: swift6),
        .executableTarget(name: "heard", dependencies: [
            "HeardCore", "HeardStore", "HeardApp", "TerminalUI", "CursesBackend", "HeardFiles",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: swift6),
        .executableTarget(name: "HeardBenchmark", dependencies: [
            "HeardCore", "HeardStore", "HeardApp", "TerminalUI",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "HeardTestSupport", dependencies: ["HeardCore", "HeardStore", "HeardApp", "TerminalUI"]),
        .testTarget(name: "HeardCoreTests", dependencies: ["HeardCore", "HeardTestSupport", "HeardFiles"]),
        .testTarget(name: "HeardStoreTests", dependencies: [
            "HeardCore", "HeardStore", "HeardTestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "HeardCLITests", dependencies: [
            "HeardCore", "HeardStore", "HeardApp", "TerminalUI", "HeardFiles", "HeardTestSupport",
        ]),
        .testTarget(name: "HeardAppTests", dependencies: ["HeardCore", "HeardStore", "HeardApp", "TerminalUI", "HeardTestSupport"]),
        .testTarget(name: "HeardEndToEndTests", dependencies: ["HeardCore", "HeardTestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "TerminalUI"]),
    ],
    swiftLanguageModes: [.v5]
)
