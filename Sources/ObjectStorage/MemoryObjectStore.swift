import Crypto
import Foundation

/// ``ObjectStore`` in memory, with the same semantics as ``S3ObjectStore`` (whole objects, `ifAbsent`,
/// `.part` then rename, absence, key rules, listing order), for the tests of the modules that store
/// objects. Its clock is given, so that tests can age objects.
public actor MemoryObjectStore: ObjectStore {
    private struct Stored {
        var data: Data
        var contentType: String
        var etag: String
        var lastModified: Date
    }

    private var objects: [String: Stored] = [:]
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    public func put(key: String, file: URL, contentType: String, ifAbsent: Bool) async throws -> ObjectPutResult {
        try ObjectKey.validate(key)
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw ObjectStoreError(.invalidRequest, "memory PUT \(key): cannot read \(file.path) to upload")
        }
        return try await put(key: key, data: data, contentType: contentType, ifAbsent: ifAbsent)
    }

    public func put(key: String, data: Data, contentType: String, ifAbsent: Bool) async throws -> ObjectPutResult {
        try ObjectKey.validate(key)
        try Task.checkCancellation()
        if ifAbsent, objects[key] != nil { return .alreadyExists }
        let etag = Insecure.MD5.hash(data: data).map { String(format: "%02x", $0) }.joined()
        objects[key] = Stored(data: data, contentType: contentType, etag: etag, lastModified: now())
        return .stored(etag: etag)
    }

    @discardableResult
    public func get(key: String, to file: URL) async throws -> ObjectInfo {
        let data = try await self.data(key: key)
        let part = file.appendingPathExtension("part")
        do {
            try data.write(to: part)
            try? FileManager.default.removeItem(at: file)
            try FileManager.default.moveItem(at: part, to: file)
        } catch {
            try? FileManager.default.removeItem(at: part)
            throw ObjectStoreError(.invalidRequest, "memory GET \(key): cannot write \(file.path): \(error)")
        }
        return try info(key)
    }

    public func data(key: String) async throws -> Data {
        try ObjectKey.validate(key)
        try Task.checkCancellation()
        guard let stored = objects[key] else { throw ObjectStoreError(.notFound, status: 404, code: "NoSuchKey", "memory GET \(key): 404 NoSuchKey") }
        return stored.data
    }

    public func head(key: String) async throws -> ObjectInfo? {
        try ObjectKey.validate(key)
        return objects[key] == nil ? nil : try info(key)
    }

    public func delete(key: String) async throws {
        try ObjectKey.validate(key)
        objects[key] = nil
    }

    public func list(prefix: String) async throws -> [ObjectInfo] {
        try objects.keys.filter { $0.utf8.starts(with: prefix.utf8) }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map(info)
    }

    /// The content type an object was stored with, for tests that check it.
    public func contentType(of key: String) -> String? { objects[key]?.contentType }

    private func info(_ key: String) throws -> ObjectInfo {
        guard let stored = objects[key] else { throw ObjectStoreError(.notFound, status: 404, "memory \(key): 404") }
        return ObjectInfo(key: key, size: Int64(stored.data.count), etag: stored.etag, lastModified: stored.lastModified)
    }
}
