import Foundation

/// Where a cluster keeps bytes that every host must reach: input bundles, rendered videos. The seam
/// between the code that moves them and the store; ``S3ObjectStore`` is the real one,
/// ``MemoryObjectStore`` the one for other modules' tests.
///
/// Every implementation keeps these guarantees:
///
/// - **Whole objects only.** A `put` stores the whole object or nothing: no reader ever sees a part of
///   it, before, during or after a failed or cancelled upload. A `put` over an existing key replaces it
///   whole; readers get either the old object or the new one.
/// - **Create-if-absent.** `put(…, ifAbsent: true)` stores only when no object has the key, atomically
///   with respect to other such puts (`If-None-Match: *`): of two hosts racing, one gets
///   ``ObjectPutResult/stored(etag:)`` and the other ``ObjectPutResult/alreadyExists``, which is not an
///   error.
/// - **Downloads appear whole.** `get(key:to:)` streams into `FILE.part` beside the destination and
///   renames it over the destination only once every byte arrived; a failed or cancelled download
///   leaves neither a `.part` nor a changed destination. (It does not fsync: callers that need the file
///   to survive a crash write it on through `AtomicFile`.)
/// - **Absence is an answer.** `head` of a missing key is `nil` and `delete` of one succeeds; `get` and
///   `data` of one throw ``ObjectStoreError`` of kind ``ObjectStoreError/Kind/notFound``.
/// - **Listings are complete.** `list(prefix:)` follows the store's pages to the end and returns every
///   key under the prefix once, in the store's (UTF-8 byte) order.
/// - **Keys are checked the same everywhere** (``ObjectKey/validate(_:)``): 1 to 1,024 UTF-8 bytes, no
///   control characters, no `.` or `..` segment.
/// - **Errors say what and where, never a secret.** Failures throw ``ObjectStoreError`` (the method,
///   the bucket and key, the store's code and message); `CancellationError` when the calling task is
///   cancelled, with the transfer aborted within a fraction of a second.
public protocol ObjectStore: Sendable {
    /// Stores `file`'s bytes under `key`, read from disk as they are sent.
    func put(key: String, file: URL, contentType: String, ifAbsent: Bool) async throws -> ObjectPutResult
    /// Stores `data` under `key`.
    func put(key: String, data: Data, contentType: String, ifAbsent: Bool) async throws -> ObjectPutResult
    /// Downloads the object into `file`, whole or not at all.
    @discardableResult
    func get(key: String, to file: URL) async throws -> ObjectInfo
    /// A small object's bytes, in memory.
    func data(key: String) async throws -> Data
    /// The object's size, entity tag and time of last change; nil when there is none.
    func head(key: String) async throws -> ObjectInfo?
    /// Removes the object; a missing one is no error.
    func delete(key: String) async throws
    /// Every object whose key starts with `prefix`, in key order.
    func list(prefix: String) async throws -> [ObjectInfo]
}

extension ObjectStore {
    public func put(key: String, file: URL, contentType: String = "application/octet-stream") async throws -> ObjectPutResult {
        try await put(key: key, file: file, contentType: contentType, ifAbsent: false)
    }

    public func put(key: String, data: Data, contentType: String = "application/octet-stream") async throws -> ObjectPutResult {
        try await put(key: key, data: data, contentType: contentType, ifAbsent: false)
    }
}
