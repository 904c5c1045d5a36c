// swift-tools-version: 6.2
import PackageDescription

// One module per concern; the names say what each owns.
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "tiktok-ai",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tiktok-ai", targets: ["CLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // System libraries, reached through small C module maps.
        .systemLibrary(name: "CInotifyTools", path: "Sources/CInotifyTools"),
        .systemLibrary(name: "CEspeakNG", path: "Sources/CEspeakNG"),

        // Writes a reader never sees half-done: temp name, fsync, rename, fsync the folder.
        .target(name: "FileSafety", swiftSettings: strict),
        // The project file schema, niche packs, script templates and the plan a job follows.
        .target(name: "ProjectModel", swiftSettings: strict),
        // ffmpeg and ffprobe: running them, the render filter graph, ASS captions, checks.
        .target(name: "Media", dependencies: [
            "ProjectModel",
            .product(name: "Subprocess", package: "swift-subprocess"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Offline providers: template planner, espeak-ng voice with word timings, drawn images.
        .target(name: "Providers", dependencies: [
            "ProjectModel", "Media", "CEspeakNG", "FileSafety",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict + [
            // The scene painter touches every pixel; keep it fast in debug builds and tests too.
            .unsafeFlags(["-O"], .when(configuration: .debug)),
        ]),
        // The SQLite index of jobs, steps, artifacts and events.
        .target(name: "JobIndex", dependencies: [
            "ProjectModel",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: strict),
        // The spool folders: watching, claiming, job folders, status files.
        .target(name: "Spool", dependencies: [
            "ProjectModel", "CInotifyTools", "FileSafety",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // The job pipeline (plan → voice → align → images → captions → music → render → finalize)
        // and the daemon that feeds it from the spool.
        .target(name: "Pipeline", dependencies: [
            "ProjectModel", "Media", "Providers", "JobIndex", "Spool", "FileSafety",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // The `tiktok-ai` command.
        .executableTarget(name: "CLI", dependencies: [
            "ProjectModel", "Pipeline", "Spool", "JobIndex", "Media", "FileSafety",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),

        .testTarget(name: "ProjectModelTests", dependencies: ["ProjectModel"], swiftSettings: strict),
        .testTarget(name: "MediaTests", dependencies: ["Media", "ProjectModel"], swiftSettings: strict),
        .testTarget(name: "ProvidersTests", dependencies: ["Providers", "Media", "ProjectModel"], swiftSettings: strict),
        .testTarget(name: "JobIndexTests", dependencies: ["JobIndex", "ProjectModel"], swiftSettings: strict),
        .testTarget(name: "SpoolTests", dependencies: ["Spool", "ProjectModel"], swiftSettings: strict),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Spool", "JobIndex", "Media", "ProjectModel"], swiftSettings: strict),
        // What the end-to-end suites do to a spool from outside: start the daemon, drop files, poll.
        .target(name: "SpoolHarness", path: "Tests/SpoolHarness", swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["Spool", "Media", "ProjectModel", "SpoolHarness"], swiftSettings: strict),
        // Faults injected into a real daemon: kills, partial uploads, full disks.
        .testTarget(name: "FaultTests", dependencies: ["Spool", "JobIndex", "ProjectModel", "SpoolHarness"], swiftSettings: strict),
    ]
)
