import Foundation

/// A response of any status: deciding what a 429 or a 500 means is ``ServiceClient``'s job, not the
/// transport's.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// In the order received; names as the server spelled them.
    public var headers: [HTTPHeader]
    /// The body, unless the request asked for it to go to a file.
    public var body: Data
    /// The downloaded file, when the request had ``HTTPRequest/downloadTo``.
    public var file: URL?

    public init(status: Int, headers: [HTTPHeader] = [], body: Data = Data(), file: URL? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.file = file
    }

    /// The last value of header `name`, compared without case.
    public func header(_ name: String) -> String? {
        headers.last { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
}
