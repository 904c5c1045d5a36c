import Foundation
import ObjectStorage
import Providers

/// Every setting, read once, as the commands and the daemon use them. Built by ``SettingsLoader``
/// from, in rising order: the defaults, the environment, the config file, the command's flags.
public struct Settings: Sendable {
    public var spool: URL
    /// The config file read, if there was one.
    public var configFile: URL?
    public var maxConcurrentJobs: Int
    public var maxNetworkJobs = 4
    public var settleSeconds: Double
    public var rescanSeconds: Double
    public var pollInbox: Bool
    public var minFreeDiskMB: Int64
    public var maxSameFailures: Int
    public var drainTimeoutSeconds: Double
    public var assetRoots: [URL]
    public var fontsDirectory: URL
    public var ffmpegTimeoutMs: Int
    public var ffmpegPath: String?
    public var ffprobePath: String?
    /// nil: no library. By default `<spool>/../music`.
    public var musicLibraryDirectory: URL?
    public var renderDryRun: Bool
    public var dryRunStepDelayMs: Int
    public var dryRunFailStep: String?
    public var logLevel: String
    /// The HTTP API's port when `serve --http` names only a host (`PORT`).
    public var httpPort = 3001
    /// The HTTP API's bearer token (`API_KEY`); a secret, never printed.
    public var apiKey: String?
    /// `text` or `json` (`LOG_FORMAT`), checked by the loader.
    public var logFormat = "text"
    /// nil: stderr only (`LOG_DIR`).
    public var logDirectory: URL?
    public var providers: ProviderSettings = .offline
    /// Whether the spool was named (`--spool`, `SPOOL_DIR`) rather than the default `./spool`.
    public var spoolIsExplicit = false
    public var cache = CacheSettings()
    /// nil: no cap (`MAX_JOB_COST_USD`).
    public var maxJobCostUsd: Double?
    /// nil: no budget (`DAILY_BUDGET_USD`).
    public var dailyBudgetUsd: Double?
    /// Model prices: the list prices, with `PRICES_FILE` over them.
    public var prices = PriceTable()
    /// The cluster's bucket (`S3_BUCKET` and the rest); nil when no bucket is named.
    public var objectStore: ObjectStoreSettings?

    /// The provider cache (`CACHE_DIR`, `CACHE_TTL_DAYS`, `CACHE_MAX_MB`).
    public struct CacheSettings: Sendable {
        /// nil: no cache. By default `<spool>/cache`.
        public var directory: URL?
        /// nil: entries are kept until evicted for space.
        public var timeToLive: Duration?
        public var maxBytes: Int64 = 2048 * 1_048_576
    }

    /// Each setting's effective value (as text) and where it came from, in ``SettingKey/all`` order.
    public var effective: [EffectiveSetting]

    /// One line of `doctor`'s settings list.
    public struct EffectiveSetting: Sendable, Hashable, Codable {
        public var key: String
        public var environment: String
        public var value: String?
        public var source: SettingSource
    }

    public func source(of key: String) -> SettingSource? { effective.first { $0.key == key }?.source }
}

/// A setting that was given but cannot be used: named with where it came from.
public struct SettingsError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
