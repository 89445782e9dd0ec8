// swift-tools-version:6.0
import PackageDescription

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
        .target(name: "HeardCore"),
        .target(name: "HeardStore", dependencies: [
            "HeardCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .target(name: "TerminalUI", dependencies: [
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .systemLibrary(name: "CNCurses"),
        .target(name: "CursesBackend", dependencies: ["TerminalUI", "CNCurses"], swiftSettings: [.swiftLanguageMode(.v6)]),
        .target(name: "HeardApp", dependencies: ["HeardCore", "HeardStore", "TerminalUI"], swiftSettings: [.swiftLanguageMode(.v6)]),
        .executableTarget(name: "heard", dependencies: [
            "HeardCore", "HeardStore", "HeardApp", "TerminalUI", "CursesBackend",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "HeardBenchmark", dependencies: [
            "HeardCore", "HeardStore", "HeardApp", "TerminalUI",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "HeardTestSupport", dependencies: ["HeardCore", "HeardStore", "HeardApp", "TerminalUI"]),
        .testTarget(name: "HeardCoreTests", dependencies: ["HeardCore", "HeardTestSupport"]),
        .testTarget(name: "HeardStoreTests", dependencies: [
            "HeardCore", "HeardStore", "HeardTestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "HeardCLITests", dependencies: ["HeardCore", "HeardTestSupport"]),
        .testTarget(name: "HeardAppTests", dependencies: ["HeardCore", "HeardStore", "HeardApp", "TerminalUI", "HeardTestSupport"]),
        .testTarget(name: "HeardEndToEndTests", dependencies: ["HeardCore", "HeardTestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "TerminalUI"]),
    ],
    swiftLanguageModes: [.v5]
)
