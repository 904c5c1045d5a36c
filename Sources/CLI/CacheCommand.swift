import ArgumentParser
import Foundation
import JobIndex
import ProviderCache

/// `cache stats` and `cache prune`: the provider cache (`CACHE_DIR`, rows in the spool's index).
struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Show or prune the provider cache (every successful provider answer, by its request).",
        subcommands: [CacheStatsCommand.self, CachePruneCommand.self])

    /// The spool's cache, or exit 1 saying it is off.
    static func open(_ spool: SpoolOption) async throws -> ProviderResponseCache {
        let settings = try await CommandContext.load(spool).settings
        guard let cache = ResponseCacheSetup.open(settings) else {
            CLIOutput.error("the provider cache is off (CACHE_DIR is empty)")
            throw ExitCode.failure
        }
        return cache
    }
}

struct CacheStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Entries, size and hits of the provider cache, per service.",
        discussion: "Exit codes: 0 printed; 1 the cache is off (CACHE_DIR=\"\") or cannot be opened.")

    @OptionGroup var spool: SpoolOption
    @Flag(help: "Print one JSON object: directory, maxBytes, timeToLiveDays, totals per service.") var json = false

    struct Report: Encodable {
        var directory: String
        var maxBytes: Int64
        var timeToLiveDays: Double?
        var entries: Int
        var bytes: Int64
        var hits: Int
        var services: [CacheTotals]
    }

    func run() async throws {
        let cache = try await CacheCommand.open(spool)
        let services = try cache.totals()
        let report = Report(directory: cache.directory.path, maxBytes: cache.maxBytes,
                            timeToLiveDays: cache.timeToLive.map { Double($0.components.seconds) / 86_400 },
                            entries: services.reduce(0) { $0 + $1.entries }, bytes: services.reduce(0) { $0 + $1.bytes },
                            hits: services.reduce(0) { $0 + $1.hits }, services: services)
        if json { return CLIOutput.json(report) }
        print("cache: \(report.directory)")
        print("\(report.entries) entries, \(Self.megabytes(report.bytes)) of \(Self.megabytes(report.maxBytes)), \(report.hits) hits; "
              + (report.timeToLiveDays.map { "entries expire after \(Self.days($0))" } ?? "entries do not expire"))
        for service in services {
            print("  \(service.service): \(service.entries) entries, \(Self.megabytes(service.bytes)), \(service.hits) hits")
        }
    }

    static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
    static func days(_ days: Double) -> String { days == days.rounded() ? "\(Int(days)) days" : String(format: "%.2f days", days) }
}

struct CachePruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove expired entries, then the least recently used until the cache is under CACHE_MAX_MB.",
        discussion: "With --all, every entry. Safe beside a running daemon. Exit codes: 0 pruned; 1 the cache is off or cannot be opened.")

    @OptionGroup var spool: SpoolOption
    @Flag(help: "Remove every entry.") var all = false

    func run() async throws {
        let cache = try await CacheCommand.open(spool)
        let result = try cache.prune(everything: all)
        let removed = all ? "\(result.expired) removed" : "\(result.expired) expired, \(result.evicted) evicted for space"
        print("pruned: \(removed), \(CacheStatsCommand.megabytes(result.bytesFreed)) freed")
    }
}
