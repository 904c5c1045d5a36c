/// AWS Signature Version 4, as libcurl computes it (`CURLOPT_AWS_SIGV4`, `aws:amz:REGION:SERVICE`): the
/// method, the path and query as the URL writes them, the headers the request was given, the host and
/// the date, signed with the secret key for one region and service.
///
/// What the caller does for libcurl 7.88 (Debian 12):
/// - it sends `x-amz-content-sha256` itself: libcurl signs that header's value as the payload hash, and
///   otherwise the hash of an empty body;
/// - it writes the URL's path and query in canonical form (each byte outside `A–Z a–z 0–9 - . _ ~`
///   percent-encoded in upper case, query parameters sorted by name): libcurl signs them as written.
///
/// The secret never appears in a description, a mirror (`dump`) or a message.
public struct AWSSigV4: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var region: String
    public var service: String

    public init(accessKeyID: String, secretAccessKey: String, region: String, service: String = "s3") {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.region = region
        self.service = service
    }

    /// libcurl's `CURLOPT_AWS_SIGV4` value.
    var curlProvider: String { "aws:amz:\(region):\(service)" }

    public var description: String { "SigV4 \(region)/\(service) with key \(accessKeyID) (secret redacted)" }

    public var customMirror: Mirror {
        Mirror(self, children: ["accessKeyID": accessKeyID, "secretAccessKey": "[redacted]", "region": region, "service": service])
    }
}
