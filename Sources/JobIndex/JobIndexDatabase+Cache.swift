import Foundation
import GRDB

/// The rows of the provider cache (`cacheEntries`). The cache's files are the data; these rows say
/// what is there, how big, when each entry was last used and when it expires, so that `cache stats`
/// and eviction never have to walk the folder.
extension JobIndexDatabase {
    /// Records a stored entry, replacing an older row of the same key.
    public func recordCacheEntry(_ entry: CacheEntryRow) throws {
        try writeTurn { db in try entry.save(db) }
    }

    /// Marks an entry used now: one more hit, and last in the eviction order.
    public func touchCacheEntry(key: String, at date: Date) throws {
        try writeTurn { db in
            try db.execute(sql: "UPDATE cacheEntries SET lastUsedAt = ?, hits = hits + 1 WHERE key = ?", arguments: [date, key])
        }
    }

    public func cacheEntry(key: String) throws -> CacheEntryRow? {
        try pool.read { db in try CacheEntryRow.fetchOne(db, key: key) }
    }

    /// Entries whose time to live has passed at `date`.
    public func expiredCacheEntries(at date: Date) throws -> [CacheEntryRow] {
        try pool.read { db in
            try CacheEntryRow.filter(Column("expiresAt") != nil && Column("expiresAt") <= date).fetchAll(db)
        }
    }

    /// Entries, least recently used first, until their bytes add up to at least `bytes`: what to
    /// evict to free that much.
    public func leastRecentlyUsedCacheEntries(freeing bytes: Int64) throws -> [CacheEntryRow] {
        guard bytes > 0 else { return [] }
        return try pool.read { db in
            var chosen: [CacheEntryRow] = []
            var freed: Int64 = 0
            let cursor = try CacheEntryRow.order(Column("lastUsedAt"), Column("key")).fetchCursor(db)
            while freed < bytes, let entry = try cursor.next() {
                chosen.append(entry)
                freed += entry.bytes
            }
            return chosen
        }
    }

    public func allCacheEntries() throws -> [CacheEntryRow] {
        try pool.read { db in try CacheEntryRow.order(Column("lastUsedAt")).fetchAll(db) }
    }

    public func deleteCacheEntries(keys: [String]) throws {
        guard !keys.isEmpty else { return }
        try writeTurn { db in _ = try CacheEntryRow.deleteAll(db, keys: keys) }
    }

    /// Entries, bytes and hits per service, by service name.
    public func cacheTotals() throws -> [CacheTotals] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT service, COUNT(*) AS entries, COALESCE(SUM(bytes), 0) AS bytes, COALESCE(SUM(hits), 0) AS hits
                FROM cacheEntries GROUP BY service ORDER BY service
                """).map { CacheTotals(service: $0["service"], entries: $0["entries"], bytes: $0["bytes"], hits: $0["hits"]) }
        }
    }
}

extension JobIndexDatabase {
    /// What the jobs last updated at or after `date` spent on paid provider calls (their
    /// `cost.actualUsd`): the daily budget's starting point when a daemon starts.
    public func spentUsd(since date: Date) throws -> Double {
        try pool.read { db in
            try Double.fetchOne(db, sql: "SELECT COALESCE(SUM(costUsd), 0) FROM jobs WHERE updatedAt >= ?", arguments: [date]) ?? 0
        }
    }
}
