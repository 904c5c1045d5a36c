import Foundation
import HTTPTransport
import JobIndex
import ProviderCache
import Settings
import Spool

/// Opens the provider cache the settings describe: files in `CACHE_DIR` (default `<spool>/cache`),
/// rows in the spool's index.
enum ResponseCacheSetup {
    /// Nil when the cache is off (`CACHE_DIR=""`), or cannot be opened (said on stderr: the jobs
    /// still run, uncached). `index`: the spool's index when the caller has it open already (the daemon).
    static func open(_ settings: Settings, index: JobIndexDatabase? = nil) -> ProviderResponseCache? {
        guard let directory = settings.cache.directory else { return nil }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let index = try index ?? JobIndexDatabase(path: SpoolLayout(root: settings.spool).indexFile.path)
            return ProviderResponseCache(directory: directory, index: index, timeToLive: settings.cache.timeToLive,
                                         maxBytes: settings.cache.maxBytes)
        } catch {
            CLIOutput.error("the provider cache at \(directory.path) cannot be opened, provider answers are not kept: \(error)")
            return nil
        }
    }
}
