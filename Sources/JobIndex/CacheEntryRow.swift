import Foundation
import GRDB

/// One row of `cacheEntries`: a provider response kept in the cache folder, named by its key.
public struct CacheEntryRow: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "cacheEntries"

    /// The hex SHA-256 of the request (service, method, URL, body); it names the entry's files.
    public var key: String
    /// `OpenAI chat`, `ElevenLabs speech`, …
    public var service: String
    public var bytes: Int64
    public var createdAt: Date
    public var lastUsedAt: Date
    /// Nil: kept until evicted for space.
    public var expiresAt: Date?
    public var hits: Int

    public init(key: String, service: String, bytes: Int64, createdAt: Date, lastUsedAt: Date, expiresAt: Date?, hits: Int = 0) {
        self.key = key
        self.service = service
        self.bytes = bytes
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
        self.hits = hits
    }
}

/// The cache in figures, per service.
public struct CacheTotals: Sendable, Hashable, Codable {
    public var service: String
    public var entries: Int
    public var bytes: Int64
    public var hits: Int

    public init(service: String, entries: Int, bytes: Int64, hits: Int) {
        self.service = service
        self.entries = entries
        self.bytes = bytes
        self.hits = hits
    }
}
