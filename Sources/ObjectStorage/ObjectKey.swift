/// The rules for an object's key, the same for every store, and how S3 writes keys and query values into
/// a URL (SigV4's `UriEncode`).
public enum ObjectKey {
    /// Throws ``ObjectStoreError`` (``ObjectStoreError/Kind/invalidRequest``) unless `key` is 1 to 1,024
    /// UTF-8 bytes (S3's limit), has no control character (an XML listing could not carry it) and no
    /// `.` or `..` segment (URL libraries fold those away, so another key would be reached).
    public static func validate(_ key: String) throws {
        let bytes = key.utf8.count
        guard (1...1024).contains(bytes) else {
            throw ObjectStoreError(.invalidRequest, "object key of \(bytes) bytes: keys have 1 to 1024")
        }
        if key.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ObjectStoreError(.invalidRequest, "object key \(key.debugDescription) has a control character")
        }
        if key.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == "." || $0 == ".." }) {
            throw ObjectStoreError(.invalidRequest, "object key \(key.debugDescription) has a '.' or '..' segment")
        }
    }

    /// `text` with every UTF-8 byte outside `A–Z a–z 0–9 - . _ ~` written `%XX` (upper-case hex), and
    /// `/` kept when `keepingSlashes` (a key in a path); a query value encodes it as `%2F`.
    public static func uriEncoded(_ text: String, keepingSlashes: Bool) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded = ""
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepingSlashes:
                encoded.append("/")
            default:
                encoded.append("%")
                encoded.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                encoded.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0F)]))
            }
        }
        return encoded
    }

    /// A canonical query string: each name and value encoded, sorted by name, as SigV4 signs it and
    /// libcurl 7.88 sends it unchanged.
    public static func canonicalQuery(_ parameters: [(name: String, value: String)]) -> String {
        parameters.map { (uriEncoded($0.name, keepingSlashes: false), uriEncoded($0.value, keepingSlashes: false)) }
            .sorted { $0.0 < $1.0 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }
}
