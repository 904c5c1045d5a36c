// swift-tools-version: 6.2
import PackageDescription

// One module per concern; the names say what each owns. docs/architecture.md walks through them.
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
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // System libraries, reached through small C module maps.
        .systemLibrary(name: "CInotifyTools", path: "Sources/CInotifyTools"),
        .systemLibrary(name: "CEspeakNG", path: "Sources/CEspeakNG"),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl"),

        // Languages and scripts: BCP 47 tags, what each script needs of captions, word segmentation for
        // scripts written without spaces (ICU, as Foundation carries it), and case rules per language.
        .target(name: "Languages", swiftSettings: strict, linkerSettings: [
            // The ICU inside Foundation (its symbols carry a swift_ prefix); Foundation links it anyway.
            .linkedLibrary("_FoundationICU"),
        ]),
        // Writes a reader never sees half-done: temp name, fsync, rename, fsync the folder.
        .target(name: "FileSafety", swiftSettings: strict),
        // The project file: its strict parser and schema, the niche packs (everything per pack), templates.
        .target(name: "ProjectModel", dependencies: ["Languages"], swiftSettings: strict),
        // The files of a job folder and their schemas: status.json, plan, timings, speech, export, and
        // what each pipeline step leaves behind.
        .target(name: "JobDocuments", dependencies: ["ProjectModel", "FileSafety"], swiftSettings: strict),
        // ffmpeg and ffprobe: running them, the render filter graph, ASS captions, audio files, checks.
        .target(name: "Media", dependencies: [
            "Languages", "ProjectModel", "JobDocuments", "FileSafety",
            .product(name: "Subprocess", package: "swift-subprocess"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),

        // The provider seams (planner, speech, word timings, images, music) and the small providers that
        // need nothing else: the aligners and the dry run's placeholders.
        .target(name: "Providers", dependencies: ["Languages", "ProjectModel", "JobDocuments", "FileSafety"], swiftSettings: strict),
        // HTTP for the providers: libcurl behind a transport protocol, and a service client with
        // timeouts, cancellation, retries with backoff and `Retry-After`, and errors worded and classified.
        .target(name: "HTTPTransport", dependencies: [
            "CCurl", "Providers", .product(name: "Crypto", package: "swift-crypto"), .product(name: "Metrics", package: "swift-metrics"),
        ], swiftSettings: strict),
        // Object storage for what every host of a cluster must reach: the ObjectStore seam and its guarantees, S3
        // through libcurl's SigV4, a store in memory for tests, the sweep of orphaned attempt objects.
        .target(name: "ObjectStorage", dependencies: [
            "HTTPTransport", "Providers", .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
        // The provider response cache: files beside the spool, rows in the index, a time to live and a
        // size cap (least recently used first).
        .target(name: "ProviderCache", dependencies: ["HTTPTransport", "JobIndex", "FileSafety"], swiftSettings: strict),
        // Providers on OpenAI-compatible APIs (OpenAI, Ollama, llama.cpp, vLLM): the chat planner, speech,
        // transcription, images.
        .target(name: "OpenAIProviders", dependencies: [
            "HTTPTransport", "Providers", "ProjectModel", "JobDocuments", "TemplatePlanning", "Media",
        ], swiftSettings: strict),
        // ElevenLabs speech with its own character timings.
        .target(name: "ElevenLabsSpeech", dependencies: [
            "HTTPTransport", "Providers", "ProjectModel", "JobDocuments", "Media", "FileSafety",
        ], swiftSettings: strict),
        // Pexels stock footage: portrait videos and photos for the scenes, with their credits.
        .target(name: "PexelsMedia", dependencies: [
            "HTTPTransport", "Providers", "JobDocuments", "ProjectModel", "Media",
        ], swiftSettings: strict),
        // The offline planner: plans from the niche packs' templates.
        .target(name: "TemplatePlanning", dependencies: ["Languages", "Providers", "ProjectModel", "JobDocuments"], swiftSettings: strict),
        // The offline voice: espeak-ng with its own word timings.
        .target(name: "EspeakSpeech", dependencies: ["Languages", "Providers", "JobDocuments", "Media", "CEspeakNG"], swiftSettings: strict),
        // The offline pictures: a scene painter in the pack's palette.
        .target(name: "PaintedImages", dependencies: ["Providers", "Media", "ProjectModel", "JobDocuments"], swiftSettings: strict + [
            // It touches every pixel; keep it fast in debug builds and tests too.
            .unsafeFlags(["-O"], .when(configuration: .debug)),
        ]),
        // Providers whose work is ffmpeg's: the project's own images and music, the music library, generated beds.
        .target(name: "MediaProviders", dependencies: ["Providers", "Media", "ProjectModel", "JobDocuments", "FileSafety"], swiftSettings: strict),

        // The SQLite index of jobs, steps, artifacts and events.
        .target(name: "JobIndex", dependencies: [
            "JobDocuments",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: strict),
        // The job queue seam: the transitions every queue makes the same way, the retry policy, and an
        // in-memory queue.
        .target(name: "JobQueue", dependencies: ["JobDocuments"], swiftSettings: strict),
        // The spool: its folders, the folder queue (the one owner of every move and status write),
        // claims from the inbox, watching, the lock and the crash marker.
        .target(name: "Spool", dependencies: [
            "JobQueue", "JobIndex", "JobDocuments", "ProjectModel", "FileSafety", "CInotifyTools",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
        ], swiftSettings: strict),
        // One job's steps (plan → voice → align → images → captions → music → render → finalize), run
        // with the providers they are given and reported to a job queue.
        .target(name: "Pipeline", dependencies: [
            "Languages", "Providers", "JobQueue", "JobDocuments", "Media", "ProjectModel", "FileSafety",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
        ], swiftSettings: strict),
        // Every setting, read once: environment < config file < flags, with where each value came from.
        .target(name: "Settings", dependencies: [
            "ProjectModel", "Providers",
            "ObjectStorage",
            .product(name: "Configuration", package: "swift-configuration"),
        ], swiftSettings: strict),
        // What an operator asks of a spool (status, list, cancel, retry, cleanup, reindex, backup, doctor),
        // shared by the CLI and the HTTP API. It does not know the pipeline.
        .target(name: "Operations", dependencies: [
            "Spool", "JobQueue", "JobIndex", "JobDocuments", "Providers", "Media", "Settings", "ProjectModel",
        ], swiftSettings: strict),
        // The daemon: intake, scheduler, recovery, purge sweep and orphan reaper as services of one group.
        .target(name: "Daemon", dependencies: [
            "Spool", "JobQueue", "JobIndex", "JobDocuments", "Pipeline", "ProjectModel", "Media", "FileSafety",
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // The HTTP API and the dashboard (Hummingbird): the same operations as the CLI, never the pipeline;
        // `/metrics` in Prometheus' text format; bearer tokens, body limits, timeouts, request ids.
        .target(name: "HTTPAPI", dependencies: [
            "Operations", "Spool", "JobIndex", "JobDocuments", "Settings", "FileSafety",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // The cluster's shared queue in PostgreSQL: schema migrations, publish, claim with leases,
        // heartbeats, fenced completion, rescue, delivery and pruning (docs/cluster.md).
        .target(name: "ClusterQueue", dependencies: [
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Where the log goes and in what shape: text or JSON lines, stderr (journald) or files that SIGHUP reopens.
        .target(name: "LogOutput", dependencies: [
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // systemd's notify protocol without libsystemd: READY, STATUS, STOPPING and watchdog pings as a service.
        .target(name: "Systemd", dependencies: [
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: strict),
        // The `tiktok-ai` command: parses flags, composes the parts, prints.
        .executableTarget(name: "CLI", dependencies: [
            "Languages", "ProjectModel", "JobDocuments", "Pipeline", "Spool", "JobIndex", "JobQueue", "Media", "Providers",
            "TemplatePlanning", "EspeakSpeech", "PaintedImages", "MediaProviders", "Operations", "Daemon", "Settings",
            "FileSafety", "HTTPTransport", "OpenAIProviders", "ElevenLabsSpeech", "PexelsMedia", "ProviderCache", "HTTPAPI",
            "LogOutput", "Systemd",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ], swiftSettings: strict),

        .testTarget(name: "LanguagesTests", dependencies: ["Languages"], swiftSettings: strict),
        .testTarget(name: "ClusterQueueTests", dependencies: ["ClusterQueue", "ClusterHarness"], swiftSettings: strict),
        .testTarget(name: "ProjectModelTests", dependencies: ["ProjectModel"], swiftSettings: strict),
        .testTarget(name: "JobDocumentsTests", dependencies: ["JobDocuments", "ProjectModel"], swiftSettings: strict),
        .testTarget(name: "MediaTests", dependencies: ["Languages", "Media", "ProjectModel", "JobDocuments", "FileSafety"], swiftSettings: strict),
        .testTarget(name: "ProvidersTests", dependencies: ["Providers", "JobDocuments", "ProjectModel"], swiftSettings: strict),
        .testTarget(name: "ProviderCacheTests", dependencies: ["ProviderCache", "HTTPTransport", "JobIndex"], swiftSettings: strict),
        .testTarget(name: "HTTPTransportTests", dependencies: ["HTTPTransport", "FakeProviderServer"], swiftSettings: strict),
        .testTarget(name: "ObjectStorageTests", dependencies: ["ObjectStorage", "HTTPTransport", "ClusterHarness"], swiftSettings: strict),
        .testTarget(name: "OpenAIProvidersTests", dependencies: [
            "OpenAIProviders", "HTTPTransport", "FakeProviderServer", "Providers", "ProjectModel", "JobDocuments", "TemplatePlanning",
            "Media",
        ], swiftSettings: strict),
        .testTarget(name: "ElevenLabsSpeechTests", dependencies: [
            "ElevenLabsSpeech", "HTTPTransport", "FakeProviderServer", "Providers", "JobDocuments",
        ], swiftSettings: strict),
        .testTarget(name: "PexelsMediaTests", dependencies: [
            "PexelsMedia", "HTTPTransport", "FakeProviderServer", "Providers", "JobDocuments", "ProjectModel", "Media",
        ], swiftSettings: strict),
        .testTarget(name: "TemplatePlanningTests", dependencies: ["TemplatePlanning", "Providers", "JobDocuments", "ProjectModel"], swiftSettings: strict),
        .testTarget(name: "MediaProvidersTests", dependencies: ["MediaProviders", "Providers", "Media", "JobDocuments", "ProjectModel"],
                    swiftSettings: strict),
        .testTarget(name: "EspeakSpeechTests", dependencies: ["EspeakSpeech", "Providers", "JobDocuments", "Media"], swiftSettings: strict),
        .testTarget(name: "PaintedImagesTests", dependencies: ["PaintedImages", "Providers", "JobDocuments", "ProjectModel"], swiftSettings: strict),
        .testTarget(name: "JobIndexTests", dependencies: ["JobIndex", "JobDocuments"], swiftSettings: strict),
        .testTarget(name: "JobQueueTests", dependencies: ["JobQueue", "JobDocuments"], swiftSettings: strict),
        .testTarget(name: "SpoolTests", dependencies: ["Spool", "JobQueue", "JobIndex", "JobDocuments", "ProjectModel"], swiftSettings: strict),
        .testTarget(name: "PipelineTests", dependencies: [
            "Pipeline", "Providers", "JobQueue", "JobDocuments", "Media", "ProjectModel", "FileSafety", "ProviderFakes",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .testTarget(name: "SettingsTests", dependencies: ["Settings"], swiftSettings: strict),
        .testTarget(name: "HTTPAPITests", dependencies: [
            "HTTPAPI", "Operations", "Spool", "JobQueue", "JobIndex", "JobDocuments",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .testTarget(name: "OperationsTests", dependencies: ["Operations", "Spool", "JobQueue", "JobIndex", "JobDocuments"], swiftSettings: strict),
        .testTarget(name: "DaemonTests", dependencies: [
            "Daemon", "Spool", "JobQueue", "JobIndex", "JobDocuments", "Pipeline", "Providers", "ProviderFakes",
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .testTarget(name: "LogOutputTests", dependencies: ["LogOutput", .product(name: "Logging", package: "swift-log")],
                    swiftSettings: strict),
        .testTarget(name: "SystemdTests", dependencies: [
            "Systemd", "SpoolHarness", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Providers for tests of what uses them: placeholders, timed speech, pictures that never come.
        .target(name: "ProviderFakes", dependencies: ["Providers", "Pipeline", "JobDocuments", "TemplatePlanning"],
                path: "Tests/ProviderFakes", swiftSettings: strict),
        // The fake provider server (a Python script on loopback) that the provider tests talk to.
        .target(name: "FakeProviderServer", dependencies: ["HTTPTransport"], path: "Tests/FakeProviderServer",
                exclude: ["fake_provider_server.py"], swiftSettings: strict),
        // The cluster's services for tests, on loopback, stopped by pid: PostgreSQL, and moto as S3
        // with signatures checked.
        .target(name: "ClusterHarness", dependencies: ["ObjectStorage", "SpoolHarness"], path: "Tests/ClusterHarness", swiftSettings: strict),
        // What the end-to-end suites do to a spool from outside: start the daemon, drop files, poll.
        .target(name: "SpoolHarness", path: "Tests/SpoolHarness", swiftSettings: strict),
        // They depend on the CLI target so that building them builds the binary they run.
        .testTarget(name: "CLITests", dependencies: ["CLI", "SpoolHarness", "FakeProviderServer", "EspeakSpeech", "Providers", "Languages"], swiftSettings: strict),
        // Faults injected into a real daemon: kills, partial uploads, full disks.
        .testTarget(name: "FaultTests", dependencies: ["CLI", "JobIndex", "JobDocuments", "SpoolHarness"], swiftSettings: strict),
    ]
)
