import Foundation
import Testing
@testable import Settings

@Suite("Settings: environment < config file < flags, each value with where it came from")
struct SettingsLoaderTests {
    /// A folder holding `spool/` and, when given, a settings file beside it.
    private func place(file name: String? = nil, _ text: String = "") throws -> URL {
        let root = FileManager.default.temporaryDirectory.appending(path: "settings-\(UUID().uuidString.prefix(8))", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: root.appending(path: "spool"), withIntermediateDirectories: true)
        if let name { try Data(text.utf8).write(to: root.appending(path: name)) }
        return root
    }

    private func loader(_ root: URL, environment: [String: String] = [:], flags: [String: String] = [:], config: String? = nil) -> SettingsLoader {
        SettingsLoader(environment: environment, flags: flags, spoolFlag: root.appending(path: "spool").path, configFlag: config,
                       workingDirectory: root)
    }

    @Test("defaults when nothing is set, each marked as the default")
    func defaults() async throws {
        let root = try place()
        defer { try? FileManager.default.removeItem(at: root) }
        let settings = try await loader(root).load()
        #expect(settings.maxConcurrentJobs == 2 && settings.minFreeDiskMB == 500 && settings.ffmpegTimeoutMs == 300_000)
        #expect(settings.settleSeconds == 2 && !settings.renderDryRun && settings.configFile == nil)
        #expect(settings.musicLibraryDirectory?.path == root.appending(path: "music").path, "the library is beside the spool")
        #expect(settings.effective.count == SettingKey.all.count)
        #expect(settings.effective.allSatisfy { $0.source == .defaultValue })
    }

    @Test("the file beside the spool beats the environment, and a flag beats both")
    func precedence() async throws {
        let root = try place(file: "tiktok-ai.json", #"{"maxConcurrentJobs": 3, "minFreeDiskMb": 100, "appRenderDryRun": true}"#)
        defer { try? FileManager.default.removeItem(at: root) }
        let environment = ["MAX_CONCURRENT_JOBS": "5", "MIN_FREE_DISK_MB": "50", "FFMPEG_TIMEOUT_MS": "1234", "MUSIC_LIBRARY_DIR": ""]
        let settings = try await loader(root, environment: environment, flags: ["maxConcurrentJobs": "4"]).load()
        #expect(settings.maxConcurrentJobs == 4 && settings.source(of: "maxConcurrentJobs") == .flag("--jobs"))
        #expect(settings.minFreeDiskMB == 100 && settings.source(of: "minFreeDiskMb") == .file(root.appending(path: "tiktok-ai.json").path))
        #expect(settings.ffmpegTimeoutMs == 1234 && settings.source(of: "ffmpegTimeoutMs") == .environment("FFMPEG_TIMEOUT_MS"))
        #expect(settings.renderDryRun)
        #expect(settings.musicLibraryDirectory == nil, "an empty MUSIC_LIBRARY_DIR turns the library off")
    }

    @Test("a TOML file reads the same keys; --config names another file")
    func tomlAndExplicitConfig() async throws {
        let root = try place(file: "other.toml", """
        # settings for the night shift
        maxConcurrentJobs = 6
        fontsDir = "/srv/fonts"   # our own
        settleSeconds = 0.5
        """)
        defer { try? FileManager.default.removeItem(at: root) }
        let settings = try await loader(root, config: root.appending(path: "other.toml").path).load()
        #expect(settings.maxConcurrentJobs == 6 && settings.fontsDirectory.path == "/srv/fonts" && settings.settleSeconds == 0.5)
    }

    @Test("an unusable value is an error naming the setting and where it was given")
    func unusableValuesAreNamed() async throws {
        let root = try place(file: "tiktok-ai.json", #"{"maxConcurentJobs": 3}"#)
        defer { try? FileManager.default.removeItem(at: root) }
        await #expect { try await loader(root).load() } throws: { error in
            "\(error)".contains("unknown setting 'maxConcurentJobs' (did you mean 'maxConcurrentJobs'?)")
        }
        try FileManager.default.removeItem(at: root.appending(path: "tiktok-ai.json"))
        await #expect { try await loader(root, environment: ["MAX_CONCURRENT_JOBS": "three"]).load() } throws: { error in
            "\(error)".hasPrefix("MAX_CONCURRENT_JOBS:")
        }
        await #expect { try await loader(root, environment: ["MAX_CONCURRENT_JOBS": "0"]).load() } throws: { error in
            "\(error)" == "MAX_CONCURRENT_JOBS: must be between 1 and 64, got 0"
        }
        await #expect { try await loader(root, flags: ["maxConcurrentJobs": "x"]).load() } throws: { error in
            "\(error)".hasPrefix("--jobs: expected an integer")
        }
        await #expect { try await loader(root, config: "/nonexistent.json").load() } throws: { error in
            "\(error)".contains("no such file")
        }
    }

    @Test("LOG_FORMAT is text or json, LOG_DIR a folder; anything else is an error naming the setting")
    func logSettings() async throws {
        let root = try place()
        defer { try? FileManager.default.removeItem(at: root) }
        let defaults = try await loader(root).load()
        #expect(defaults.logFormat == "text" && defaults.logDirectory == nil)
        let set = try await loader(root, environment: ["LOG_FORMAT": "JSON", "LOG_DIR": "logs"]).load()
        #expect(set.logFormat == "json" && set.logDirectory?.path == root.appending(path: "logs").path)
        await #expect { try await loader(root, environment: ["LOG_FORMAT": "xml"]).load() } throws: { error in
            error is SettingsError && "\(error)" == "LOG_FORMAT: 'xml' is not a log format (text, json)"
        }
    }

    @Test("environment names follow the keys: camelCase words in upper snake case")
    func environmentNames() {
        #expect(SettingKey.named("ffmpegTimeoutMs")?.environmentName == "FFMPEG_TIMEOUT_MS")
        #expect(SettingKey.named("minFreeDiskMb")?.environmentName == "MIN_FREE_DISK_MB")
        #expect(SettingKey.named("appRenderDryRun")?.environmentName == "APP_RENDER_DRY_RUN")
        #expect(Set(SettingKey.all.map(\.environmentName)).count == SettingKey.all.count)
    }

    @Test("the TOML subset refuses what it does not read, naming the line")
    func tomlErrors() throws {
        #expect(throws: TOMLSubset.ParseError.self) { try TOMLSubset.parse("a = 1\nb = [1, 2\n") }
        #expect(throws: TOMLSubset.ParseError.self) { try TOMLSubset.parse("a = 1\na = 2\n") }
        #expect(throws: TOMLSubset.ParseError.self) { try TOMLSubset.parse("a = yes\n") }
        #expect(try TOMLSubset.parse("[t]\nk = 'x'\nn = 1_000\n") == ["t.k": .string("x"), "t.n": .int(1000)])
    }
}

@Suite("docs/settings.md")
struct SettingsDocumentTests {
    @Test("lists every setting with its environment variable, flag and default, and nothing that is not one")
    func documentMatchesTheSettings() throws {
        let url = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "docs/settings.md")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("| `") }
            .map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        let documented = Dictionary(uniqueKeysWithValues: rows.map { ($0[0].trimmingCharacters(in: ["`"]), $0) })
        #expect(Set(documented.keys) == Set(SettingKey.all.map(\.key)))
        for setting in SettingKey.all {
            guard let row = documented[setting.key] else { continue }
            #expect(row[1] == "`\(setting.environmentName)`", "\(setting.key)")
            #expect(row[2] == (setting.flag.map { "`\($0)`" } ?? ""), "\(setting.key)")
            if let value = setting.defaultValue, setting.kind != .string {
                #expect(row[3] == value.replacingOccurrences(of: ".0", with: ""), "\(setting.key): default")
            }
        }
    }
}
