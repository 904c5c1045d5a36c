import FileSafety
import Foundation
import HTTPTransport
import JobIndex
import Synchronization

/// The provider cache: every successful provider answer, kept in files under ``directory`` and
/// listed in the index's `cacheEntries`, so that an unchanged request is never sent (nor paid for)
/// twice: re-rendering an unchanged project makes no provider call at all.
///
/// Guarantees (beyond ``ResponseCache``'s):
/// - an entry is complete or absent: its body is renamed into place before its description, and an
///   entry whose body does not have the described length is a miss, and is removed;
/// - an entry past its time to live is a miss, and is removed;
/// - the entries' bytes stay under ``maxBytes``: storing past it evicts the least recently used;
/// - a failure of the folder or the index is a miss or an unstored answer, never a failed request.
public final class ProviderResponseCache: ResponseCache, Sendable {
    public let directory: URL
    /// Nil: entries are kept until evicted for space.
    public let timeToLive: Duration?
    public let maxBytes: Int64
    private let index: JobIndexDatabase
    private let now: @Sendable () -> Date
    /// Bytes of all entries, read from the index on first use; eviction is decided on it.
    private let totalBytes = Mutex<Int64?>(nil)

    /// What ``describe(_:)`` writes beside a body.
    struct Description: Codable {
        var status: Int
        var contentType: String?
        var bytes: Int64
        var service: String
        /// Whether the body is a downloaded file rather than a response body.
        var isDownload: Bool
    }

    public init(directory: URL, index: JobIndexDatabase, timeToLive: Duration? = nil, maxBytes: Int64,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.directory = directory
        self.index = index
        self.timeToLive = timeToLive
        self.maxBytes = maxBytes
        self.now = now
    }

    // MARK: ResponseCache

    public func response(for key: ResponseCacheKey, downloadTo: URL?) async -> HTTPResponse? {
        guard let description = try? JSONDecoder().decode(Description.self, from: Data(contentsOf: descriptionFile(key))) else {
            return nil
        }
        let body = bodyFile(key)
        guard Self.size(of: body) == description.bytes else {
            remove([key.hex])
            return nil
        }
        let row = try? index.cacheEntry(key: key.hex)
        if let expires = row?.expiresAt, expires <= now() {
            remove([key.hex])
            return nil
        }
        var headers = [HTTPHeader(HTTPResponse.cacheHeader, "hit")]
        if let type = description.contentType { headers.append(HTTPHeader("Content-Type", type)) }
        var response = HTTPResponse(status: description.status, headers: headers)
        if let downloadTo {
            guard description.isDownload, (try? await AtomicOutput.write(to: downloadTo, { try Self.link(body, to: $0) })) != nil else {
                return nil
            }
            response.file = downloadTo
        } else {
            guard !description.isDownload, let data = try? Data(contentsOf: body) else { return nil }
            response.body = data
        }
        if row == nil {
            // The index was rebuilt or lost its row: the files are the truth, adopt them.
            record(key, service: description.service, bytes: description.bytes)
        } else {
            try? index.touchCacheEntry(key: key.hex, at: now())
        }
        return response
    }

    public func store(_ response: HTTPResponse, for key: ResponseCacheKey, service: String) async {
        guard response.isSuccess, !response.isFromCache else { return }
        let body = bodyFile(key)
        do {
            try FileManager.default.createDirectory(at: body.deletingLastPathComponent(), withIntermediateDirectories: true)
            if let file = response.file {
                try await AtomicOutput.write(to: body) { try Self.link(file, to: $0) }
            } else {
                try AtomicFile.write(response.body, to: body, durable: false)
            }
            let bytes = Self.size(of: body)
            let description = Description(status: response.status, contentType: response.header("Content-Type"), bytes: bytes,
                                          service: service, isDownload: response.file != nil)
            try AtomicFile.write(try JSONEncoder().encode(description), to: descriptionFile(key), durable: false)
            record(key, service: service, bytes: bytes)
        } catch {
            // Not kept: the next identical request is sent again.
            try? FileManager.default.removeItem(at: body)
        }
    }

    // MARK: Maintenance

    /// What ``prune(everything:)`` removed.
    public struct PruneResult: Sendable, Hashable {
        public var expired = 0
        public var evicted = 0
        public var bytesFreed: Int64 = 0
    }

    /// Removes expired entries, then the least recently used until the cache is under ``maxBytes``;
    /// with `everything`, every entry.
    public func prune(everything: Bool = false) throws -> PruneResult {
        var result = PruneResult()
        let expired = everything ? try index.allCacheEntries() : try index.expiredCacheEntries(at: now())
        remove(expired.map(\.key))
        result.expired = expired.count
        result.bytesFreed = expired.reduce(0) { $0 + $1.bytes }
        let evicted = try evictOverCap()
        result.evicted = evicted.count
        result.bytesFreed += evicted.reduce(0) { $0 + $1.bytes }
        return result
    }

    /// Entries, bytes and hits per service.
    public func totals() throws -> [CacheTotals] { try index.cacheTotals() }

    // MARK: Files and rows

    private func bodyFile(_ key: ResponseCacheKey) -> URL {
        directory.appending(path: String(key.hex.prefix(2)), directoryHint: .isDirectory).appending(path: key.hex)
    }

    private func descriptionFile(_ key: ResponseCacheKey) -> URL {
        bodyFile(key).appendingPathExtension("json")
    }

    private func record(_ key: ResponseCacheKey, service: String, bytes: Int64) {
        let date = now()
        let row = CacheEntryRow(key: key.hex, service: service, bytes: bytes, createdAt: date, lastUsedAt: date,
                                expiresAt: timeToLive.map { date.addingTimeInterval(Double($0.components.seconds)) })
        let previous = (try? index.cacheEntry(key: key.hex))?.bytes ?? 0
        guard (try? index.recordCacheEntry(row)) != nil else { return }
        let total = totalBytes.withLock { total -> Int64 in
            let value = total.map { $0 + bytes - previous } ?? ((try? index.cacheTotals().reduce(0) { $0 + $1.bytes }) ?? 0)
            total = value
            return value
        }
        if total > maxBytes { _ = try? evictOverCap() }
    }

    private func evictOverCap() throws -> [CacheEntryRow] {
        let total = try index.cacheTotals().reduce(0) { $0 + $1.bytes }
        let victims = try index.leastRecentlyUsedCacheEntries(freeing: total - maxBytes)
        remove(victims.map(\.key))
        totalBytes.withLock { $0 = total - victims.reduce(0) { $0 + $1.bytes } }
        return victims
    }

    private func remove(_ keys: [String]) {
        for key in keys {
            let entry = ResponseCacheKey(hex: key)
            try? FileManager.default.removeItem(at: descriptionFile(entry))
            try? FileManager.default.removeItem(at: bodyFile(entry))
        }
        try? index.deleteCacheEntries(keys: keys)
        totalBytes.withLock { $0 = nil }
    }

    /// A hard link where the filesystem allows it (a job folder and the cache are usually on the
    /// spool's filesystem, and files are replaced by rename, never rewritten), else a copy.
    private static func link(_ source: URL, to destination: URL) throws {
        try? FileManager.default.removeItem(at: destination)
        do {
            try FileManager.default.linkItem(at: source, to: destination)
        } catch {
            try FileManager.default.copyItem(at: source, to: destination)
        }
    }

    private static func size(of file: URL) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: file.path)[.size]) as? NSNumber)?.int64Value ?? -1
    }
}
