import Foundation

/// Every setting, read once, as the commands and the daemon use them. Built by ``SettingsLoader``
/// from, in rising order: the defaults, the environment, the config file, the command's flags.
public struct Settings: Sendable {
    public var spool: URL
    /// The config file read, if there was one.
    public var configFile: URL?
    public var maxConcurrentJobs: Int
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
    public var providers: ProviderSettings = .offline

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
