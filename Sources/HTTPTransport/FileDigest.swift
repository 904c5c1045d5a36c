import Crypto
import Foundation

/// SHA-256 in lower-case hex, of a file read in 1 MiB pieces (never whole into memory) or of bytes in
/// memory: the response cache's key of an upload, the payload hash of an S3 `PUT`.
public enum FileDigest {
    public static func sha256(of file: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update(data: chunk) }
        return hex(hash.finalize())
    }

    public static func sha256(of data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
