import Foundation

/// One stored object as `head` and `list` describe it.
public struct ObjectInfo: Sendable, Hashable {
    public var key: String
    /// In bytes.
    public var size: Int64
    /// The entity tag without its quotes (for a single `PUT`, S3 and moto give the MD5 of the bytes in
    /// hex); nil when the store sent none.
    public var etag: String?
    /// When the object was last written, by the store's clock.
    public var lastModified: Date

    public init(key: String, size: Int64, etag: String?, lastModified: Date) {
        self.key = key
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// What a `put` did.
public enum ObjectPutResult: Sendable, Hashable {
    /// The object is stored, with its entity tag when the store gave one.
    case stored(etag: String?)
    /// `ifAbsent` was asked and an object already had the key (S3's 412): nothing was written.
    case alreadyExists
}
