import Foundation
import HTTPTransport

/// How to reach the cluster's bucket (`S3_ENDPOINT`, `S3_BUCKET`, `S3_REGION`, `AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY`), as plain values: the `Settings` module reads them, ``S3ObjectStore`` uses
/// them.
///
/// The secret key stays in here and in the requests libcurl signs with it: a description, a mirror
/// (`dump`) and every error show only whether it is set.
public struct ObjectStoreSettings: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// The S3-compatible service, e.g. `https://s3.eu-west-1.amazonaws.com` or `http://127.0.0.1:9000`;
    /// requests go to `ENDPOINT/BUCKET/KEY` (path style).
    public var endpoint: URL
    public var bucket: String
    /// The region requests are signed for (`us-east-1` unless said).
    public var region: String
    public var accessKeyID: String?
    public var secretAccessKey: String?
    /// The limits of each request; `total` bounds the largest upload or download.
    public var timeouts: HTTPTimeouts

    public static let defaultRegion = "us-east-1"

    public init(endpoint: URL? = nil, bucket: String, region: String = ObjectStoreSettings.defaultRegion,
                accessKeyID: String? = nil, secretAccessKey: String? = nil,
                timeouts: HTTPTimeouts = .init(connect: .seconds(5), total: .seconds(900), stall: .seconds(30))) {
        self.endpoint = endpoint ?? Self.awsEndpoint(region: region)
        self.bucket = bucket
        self.region = region
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.timeouts = timeouts
    }

    /// AWS's own S3 endpoint for `region`, when `S3_ENDPOINT` names none.
    public static func awsEndpoint(region: String) -> URL { URL(string: "https://s3.\(region).amazonaws.com")! }

    /// The signing of every request: nil (unsigned, anonymous) unless both keys are set.
    public var signing: AWSSigV4? {
        guard let accessKeyID, let secretAccessKey else { return nil }
        return AWSSigV4(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, region: region, service: "s3")
    }

    /// Why these settings cannot work, naming the variables; nil when they can.
    public var problem: String? {
        let name = bucket
        let allowed = name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") }
        if !(3...63).contains(name.count) || !allowed || !(name.first?.isLetter == true || name.first?.isNumber == true) {
            return "S3_BUCKET '\(name)' is not a bucket name (3 to 63 of a–z, 0–9, '.' and '-', starting with a letter or digit)"
        }
        if region.isEmpty || !region.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
            return "S3_REGION '\(region)' is not a region name (such as us-east-1)"
        }
        switch (accessKeyID, secretAccessKey) {
        case (nil, .some): return "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"
        case (.some, nil): return "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
        default: return nil
        }
    }

    public var description: String {
        "s3 \(endpoint.absoluteString)/\(bucket) (\(region)), key \(accessKeyID ?? "none"), secret \(secretAccessKey == nil ? "not set" : "set")"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["endpoint": endpoint, "bucket": bucket, "region": region, "accessKeyID": accessKeyID as Any,
                                "secretAccessKey": secretAccessKey == nil ? "not set" : "set", "timeouts": timeouts])
    }
}
