import Configuration
import Foundation
import ObjectStorage
import ProjectModel
import Providers
import Synchronization

/// Reads the settings in one place, through swift-configuration: the command's flags over the config
/// file over the environment over the defaults (SPEC "Configuration").
///
/// - The spool comes first, as it says where the config file is: `--spool`, else `SPOOL_DIR`, else
///   `./spool`.
/// - The config file is `--config FILE`, else `tiktok-ai.json` or `tiktok-ai.toml` beside the spool
///   folder (in its parent), if one exists. Its keys are the settings' names (``SettingKey``):
///   `{"maxConcurrentJobs": 3}` or `maxConcurrentJobs = 3`.
/// - The environment uses the same names in upper snake case: `MAX_CONCURRENT_JOBS=3`.
///
/// A value that is set but unusable (`MAX_CONCURRENT_JOBS=three`, `-1`, an unknown key in the file)
/// is an error naming the setting and where it came from, never a silent default.
public struct SettingsLoader: Sendable {
    public var environment: [String: String]
    /// Values given as flags, by setting key.
    public var flags: [String: String]
    /// `--spool`, if given.
    public var spoolFlag: String?
    /// `--config`, if given.
    public var configFlag: String?
    public var workingDirectory: URL

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, flags: [String: String] = [:],
                spoolFlag: String? = nil, configFlag: String? = nil, workingDirectory: URL = URL.currentDirectory()) {
        self.environment = environment
        self.flags = flags
        self.spoolFlag = spoolFlag
        self.configFlag = configFlag
        self.workingDirectory = workingDirectory
    }

    /// The spool folder, from `--spool`, `SPOOL_DIR`, or `./spool`.
    public var spool: URL {
        let path = spoolFlag ?? environment["SPOOL_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "spool"
        return URL(filePath: path, directoryHint: .isDirectory, relativeTo: workingDirectory).standardizedFileURL
    }

    /// The config file to read, if any.
    public func configFile() throws -> URL? {
        if let configFlag {
            let url = URL(filePath: configFlag, relativeTo: workingDirectory).standardizedFileURL
            guard FileManager.default.fileExists(atPath: url.path) else { throw SettingsError("--config \(configFlag): no such file") }
            return url
        }
        let beside = spool.deletingLastPathComponent()
        let found = ["tiktok-ai.json", "tiktok-ai.toml"].map { beside.appending(path: $0) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        if found.count > 1 {
            throw SettingsError("both \(found[0].path) and \(found[1].path) exist; keep one")
        }
        return found.first
    }

    public func load() async throws -> Settings {
        let spool = self.spool
        let file = try configFile()
        var providers: [any ConfigProvider] = []
        var sources: [String: SettingSource] = [:]
        var flagValues: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, text) in flags {
            guard let definition = SettingKey.named(key) else { throw SettingsError("unknown setting '\(key)'") }
            let content: ConfigContent
            switch definition.kind {
            case .string: content = .string(text)
            case .int:
                guard let number = Int(text) else { throw SettingsError("\(definition.flag ?? key): expected an integer, got '\(text)'") }
                content = .int(number)
            case .double:
                guard let number = Double(text) else { throw SettingsError("\(definition.flag ?? key): expected a number, got '\(text)'") }
                content = .double(number)
            case .bool:
                guard let flag = Bool(text) else { throw SettingsError("\(definition.flag ?? key): expected true or false, got '\(text)'") }
                content = .bool(flag)
            }
            flagValues[AbsoluteConfigKey([key])] = ConfigValue(content, isSecret: false)
        }
        let flagProvider = InMemoryProvider(name: "flags", values: flagValues)
        providers.append(flagProvider)
        sources[flagProvider.providerName] = .flag("")
        if let file {
            let fileProvider = try await Self.provider(for: file)
            providers.append(fileProvider)
            sources[fileProvider.providerName] = .file(file.path)
        }
        // `S3_BUCKET` reaches swift-configuration under the name it looks up (`S3BUCKET`), and only that one.
        var variables = environment
        for key in SettingKey.all where key.providerEnvironmentName != key.environmentName {
            variables[key.providerEnvironmentName] = environment[key.environmentName]
        }
        let environmentProvider = EnvironmentVariablesProvider(environmentVariables: variables)
        providers.append(environmentProvider)
        sources[environmentProvider.providerName] = .environment("")
        let reporter = ProvenanceReporter()
        let reader = ConfigReader(providers: providers, accessReporter: reporter)

        var values = Values(reader: reader, reporter: reporter, sources: sources)
        var settings = Settings(
            spool: spool,
            configFile: file,
            maxConcurrentJobs: try values.int("maxConcurrentJobs", in: 1...64),
            settleSeconds: try values.double("settleSeconds", in: 0...3600),
            rescanSeconds: try values.double("rescanSeconds", in: 0.2...86_400),
            pollInbox: try values.bool("pollInbox"),
            minFreeDiskMB: Int64(try values.int("minFreeDiskMb", in: 0...Int(Int32.max))),
            maxSameFailures: try values.int("maxSameFailures", in: 0...1000),
            drainTimeoutSeconds: try values.double("drainTimeoutSeconds", in: 0...600),
            assetRoots: (try values.string("assetRoot") ?? "").split(separator: ":").map {
                URL(filePath: String($0), directoryHint: .isDirectory, relativeTo: workingDirectory).standardizedFileURL
            },
            fontsDirectory: URL(filePath: try values.string("fontsDir") ?? "", directoryHint: .isDirectory),
            ffmpegTimeoutMs: try values.int("ffmpegTimeoutMs", in: 1...86_400_000),
            ffmpegPath: try values.string("ffmpegPath").flatMap { $0.isEmpty ? nil : $0 },
            ffprobePath: try values.string("ffprobePath").flatMap { $0.isEmpty ? nil : $0 },
            musicLibraryDirectory: nil,
            renderDryRun: try values.bool("appRenderDryRun"),
            dryRunStepDelayMs: try values.int("appDryRunStepDelayMs", in: 0...600_000),
            dryRunFailStep: try values.string("appDryRunFailStep").flatMap { $0.isEmpty ? nil : $0 },
            logLevel: try values.string("logLevel") ?? "info",
            effective: [])
        let library = try values.string("musicLibraryDir")
        switch library {
        case nil: settings.musicLibraryDirectory = spool.deletingLastPathComponent().appending(path: "music", directoryHint: .isDirectory)
        case ""?: settings.musicLibraryDirectory = nil
        case let path?: settings.musicLibraryDirectory = URL(filePath: path, directoryHint: .isDirectory, relativeTo: workingDirectory).standardizedFileURL
        }
        guard ["error", "warn", "warning", "info", "debug", "trace"].contains(settings.logLevel.lowercased()) else {
            throw SettingsError("\(values.origin("logLevel")): '\(settings.logLevel)' is not a log level (error, warn, info, debug)")
        }
        settings.logFormat = (try values.string("logFormat") ?? "text").lowercased()
        guard ["text", "json"].contains(settings.logFormat) else {
            throw SettingsError("\(values.origin("logFormat")): '\(settings.logFormat)' is not a log format (text, json)")
        }
        if let directory = try values.string("logDir"), !directory.isEmpty {
            settings.logDirectory = URL(filePath: directory, directoryHint: .isDirectory, relativeTo: workingDirectory).standardizedFileURL
        }
        settings.providers = try Self.providers(&values)
        settings.spoolIsExplicit = spoolFlag != nil || environment["SPOOL_DIR"].map { !$0.isEmpty } == true
        switch try values.string("cacheDir") {
        case nil: settings.cache.directory = spool.appending(path: "cache", directoryHint: .isDirectory)
        case ""?: settings.cache.directory = nil
        case let path?: settings.cache.directory = URL(filePath: path, directoryHint: .isDirectory, relativeTo: workingDirectory).standardizedFileURL
        }
        settings.maxNetworkJobs = try values.int("maxNetworkJobs", in: 0...256)
        settings.httpPort = try values.int("port", in: 0...65_535)
        settings.apiKey = try values.string("apiKey").flatMap { $0.isEmpty ? nil : $0 }
        let cap = try values.double("maxJobCostUsd", in: 0...100_000)
        settings.maxJobCostUsd = cap > 0 ? cap : nil
        let budget = try values.double("dailyBudgetUsd", in: 0...1_000_000)
        settings.dailyBudgetUsd = budget > 0 ? budget : nil
        if let file = try values.string("pricesFile"), !file.isEmpty {
            do {
                settings.prices = try PriceTable.load(URL(filePath: file, relativeTo: workingDirectory))
            } catch {
                throw SettingsError("\(values.origin("pricesFile")): \(file) is not a price file ({\"model\": {\"perMillionInputTokens\": …}}): \(error)")
            }
        }
        let days = try values.double("cacheTtlDays", in: 0...36_500)
        settings.cache.timeToLive = days > 0 ? .seconds(days * 86_400) : nil
        settings.cache.maxBytes = Int64(try values.int("cacheMaxMb", in: 1...10_000_000)) * 1_048_576
        settings.objectStore = try Self.objectStore(&values)
        if let file, file.pathExtension.lowercased() == "json" || file.pathExtension.lowercased() == "toml" {
            try Self.rejectUnknownKeys(in: file)
        }
        settings.effective = values.effective
        return settings
    }

    // MARK: Files

    private static func providers(_ values: inout Values) throws -> ProviderSettings {
        let key = try values.string("openaiApiKey").flatMap { $0.isEmpty ? nil : $0 }
        let base = try values.url("openaiBaseUrl") ?? URL(string: "https://api.openai.com/v1")!
        func service(_ baseKey: String, _ modelKey: String, _ variable: String) throws -> ProviderSettings.OpenAIService {
            let own = try values.url(baseKey)
            return .init(baseURL: own ?? base, model: try values.string(modelKey) ?? "", apiKey: key,
                         isConfigured: key != nil || own != nil, howToConfigure: "OPENAI_API_KEY or \(variable)")
        }
        return ProviderSettings(
            chat: try service("openaiChatBaseUrl", "openaiChatModel", "OPENAI_CHAT_BASE_URL"),
            speech: try service("openaiTtsBaseUrl", "openaiTtsModel", "OPENAI_TTS_BASE_URL"),
            transcription: try service("openaiTranscribeBaseUrl", "openaiTranscribeModel", "OPENAI_TRANSCRIBE_BASE_URL"),
            images: try service("openaiImagesBaseUrl", "openaiImageModel", "OPENAI_IMAGES_BASE_URL"),
            openAIRequestsPerMinute: try values.int("openaiRpm", in: 0...1_000_000),
            elevenLabsKey: try values.string("elevenlabsApiKey").flatMap { $0.isEmpty ? nil : $0 },
            elevenLabsBaseURL: try values.url("elevenlabsBaseUrl") ?? URL(string: "https://api.elevenlabs.io")!,
            elevenLabsModel: try values.string("elevenlabsModel") ?? "eleven_multilingual_v2",
            elevenLabsConcurrency: try values.int("elevenlabsConcurrency", in: 1...64),
            pexelsKey: try values.string("pexelsApiKey").flatMap { $0.isEmpty ? nil : $0 },
            pexelsBaseURL: try values.url("pexelsBaseUrl") ?? URL(string: "https://api.pexels.com")!,
            maxConcurrentImageGeneration: try values.int("maxConcurrentImageGeneration", in: 1...64),
            requestTimeout: .milliseconds(Int64(try values.double("providerTimeoutSeconds", in: 1...3600) * 1000)),
            maxAttempts: try values.int("providerMaxAttempts", in: 1...10),
            defaults: ProviderChoices(plan: try values.choice("providerPlan", ProviderChoices.PlanProvider.self),
                                      voice: try values.choice("providerVoice", ProviderChoices.VoiceProvider.self),
                                      align: try values.choice("providerAlign", ProviderChoices.AlignProvider.self),
                                      images: try values.choice("providerImages", ProviderChoices.ImagesProvider.self)))
    }

    /// Object storage is on when a bucket is named; an endpoint without one is a mistake, and so is one
    /// key without the other.
    private static func objectStore(_ values: inout Values) throws -> ObjectStoreSettings? {
        let endpoint = try values.url("s3Endpoint")
        let bucket = try values.string("s3Bucket")?.trimmingCharacters(in: .whitespaces)
        let region = (try values.string("s3Region") ?? "").trimmingCharacters(in: .whitespaces)
        let keyID = try values.string("awsAccessKeyId").flatMap { $0.isEmpty ? nil : $0 }
        let secret = try values.string("awsSecretAccessKey").flatMap { $0.isEmpty ? nil : $0 }
        guard let bucket, !bucket.isEmpty else {
            if endpoint != nil { throw SettingsError("\(values.origin("s3Endpoint")) is set but S3_BUCKET is not") }
            return nil
        }
        let settings = ObjectStoreSettings(endpoint: endpoint, bucket: bucket, region: region.isEmpty ? ObjectStoreSettings.defaultRegion : region,
                                           accessKeyID: keyID, secretAccessKey: secret)
        if let problem = settings.problem { throw SettingsError(problem) }
        return settings
    }

    private static func provider(for file: URL) async throws -> any ConfigProvider {
        do {
            if file.pathExtension.lowercased() == "toml" {
                let values = try TOMLSubset.parse(String(contentsOf: file, encoding: .utf8))
                var table: [AbsoluteConfigKey: ConfigValue] = [:]
                for (key, value) in values { table[AbsoluteConfigKey(key.split(separator: ".").map(String.init))] = ConfigValue(Self.content(value), isSecret: false) }
                return InMemoryProvider(name: file.path, values: table)
            }
            return try await FileProvider<JSONSnapshot>(filePath: .init(file.path))
        } catch {
            throw SettingsError("\(file.path): \(error)")
        }
    }

    private static func content(_ value: TOMLSubset.Value) -> ConfigContent {
        switch value {
        case .string(let text): .string(text)
        case .int(let number): .int(number)
        case .double(let number): .double(number)
        case .bool(let flag): .bool(flag)
        case .array(let items): .stringArray(items.map { item in
            switch item {
            case .string(let text): text
            case .int(let number): String(number)
            case .double(let number): String(number)
            case .bool(let flag): String(flag)
            case .array: ""
            }
        })
        }
    }

    /// A misspelt key in a settings file must not silently leave the default in place.
    private static func rejectUnknownKeys(in file: URL) throws {
        let keys: [String]
        if file.pathExtension.lowercased() == "toml" {
            keys = Array(try TOMLSubset.parse(String(contentsOf: file, encoding: .utf8)).keys)
        } else {
            guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any] else {
                throw SettingsError("\(file.path): expected a JSON object of settings")
            }
            keys = Array(object.keys)
        }
        let known = Set(SettingKey.all.map(\.key))
        for key in keys.sorted() where !known.contains(key) {
            let hint = Spelling.closest(to: key, among: known).map { " (did you mean '\($0)'?)" } ?? ""
            throw SettingsError("\(file.path): unknown setting '\(key)'\(hint)")
        }
    }
}

/// Reads each setting through the reader and notes where its value came from.
private struct Values {
    let reader: ConfigReader
    let reporter: ProvenanceReporter
    let sources: [String: SettingSource]
    var effective: [Settings.EffectiveSetting] = []

    private mutating func read<T>(_ key: String, _ get: (ConfigReader) -> T?, parse: (String) -> T?, describe: (T) -> String) throws -> T? {
        guard let definition = SettingKey.named(key) else { preconditionFailure("undeclared setting \(key)") }
        let value = get(reader)
        let provenance = reporter.provenance(of: key)
        if let failure = provenance.failure {
            throw SettingsError("\(origin(key, provenance.provider)): \(failure) (expected \(definition.kind.rawValue == "int" ? "an integer" : "a \(definition.kind.rawValue)"))")
        }
        let source = provenance.provider.flatMap { sources[$0] }.map { source -> SettingSource in
            switch source {
            case .environment: .environment(definition.environmentName)
            case .flag: .flag(definition.flag ?? key)
            default: source
            }
        } ?? .defaultValue
        let result = value ?? definition.defaultValue.flatMap(parse)
        // A key's value never leaves the settings: `doctor` shows that it is set, not what it is.
        let shown = definition.isSecret ? result.map { _ in "set" } : result.map(describe)
        effective.append(.init(key: key, environment: definition.environmentName, value: shown, source: source))
        return result
    }

    /// "MAX_CONCURRENT_JOBS" or "maxConcurrentJobs in FILE" or "--jobs": where the setting was given.
    func origin(_ key: String, _ provider: String? = nil) -> String {
        let definition = SettingKey.named(key)
        let name = provider ?? reporter.provenance(of: key).provider
        switch name.flatMap({ sources[$0] }) {
        case .flag?: return definition?.flag ?? key
        case .file(let path)?: return "\(key) in \(path)"
        default: return definition?.environmentName ?? key
        }
    }

    mutating func int(_ key: String, in range: ClosedRange<Int>) throws -> Int {
        let value = try read(key, { $0.int(forKey: ConfigKey(key)) }, parse: { Int($0) }, describe: { String($0) }) ?? range.lowerBound
        guard range.contains(value) else {
            throw SettingsError("\(origin(key)): must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
        return value
    }

    mutating func double(_ key: String, in range: ClosedRange<Double>) throws -> Double {
        let value = try read(key, { $0.double(forKey: ConfigKey(key)) }, parse: { Double($0) }, describe: { String($0) }) ?? range.lowerBound
        guard range.contains(value) else {
            throw SettingsError("\(origin(key)): must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
        return value
    }

    mutating func bool(_ key: String) throws -> Bool {
        try read(key, { $0.bool(forKey: ConfigKey(key)) }, parse: { Bool($0) }, describe: { String($0) }) ?? false
    }

    mutating func string(_ key: String) throws -> String? {
        try read(key, { $0.string(forKey: ConfigKey(key)) }, parse: { $0 }, describe: { $0 })
    }

    /// One of a fixed set of names, nil when unset or empty.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = try string(key)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let value = T(rawValue: text.lowercased()) else {
            throw SettingsError("\(origin(key)): '\(text)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// An http or https URL (a trailing `/` dropped), nil when unset or empty.
    mutating func url(_ key: String) throws -> URL? {
        guard var text = try string(key)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        while text.hasSuffix("/") { text.removeLast() }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil else {
            throw SettingsError("\(origin(key)): '\(text)' is not an http or https URL")
        }
        return url
    }
}

/// Remembers, per key, the first provider that had a value and any conversion failure
/// (`MAX_CONCURRENT_JOBS=three`).
private final class ProvenanceReporter: AccessReporter, Sendable {
    struct Provenance: Sendable {
        var provider: String?
        var failure: String?
    }

    private let seen = Mutex<[String: Provenance]>([:])

    func report(_ event: AccessEvent) {
        var provenance = Provenance()
        for result in event.providerResults {
            switch result.result {
            case .success(let lookup) where lookup.value != nil:
                if provenance.provider == nil { provenance.provider = result.providerName }
            case .failure(let error):
                if provenance.provider == nil {
                    provenance.provider = result.providerName
                    provenance.failure = "\(error)"
                }
            default: break
            }
            if provenance.provider != nil { break }
        }
        if provenance.failure == nil, let error = event.conversionError { provenance.failure = "\(error)" }
        let key = event.metadata.key.components.joined(separator: ".")
        seen.withLock { $0[key] = provenance }
    }

    func provenance(of key: String) -> Provenance { seen.withLock { $0[key] ?? Provenance() } }
}
