import CCurl
import Foundation
import Providers

/// ``HTTPTransport`` through libcurl: HTTP/1.1 and TLS as the system's curl does them, with connect,
/// total and stall limits, bodies streamed to files, and `multipart/form-data` uploads.
///
/// Each transfer runs on a thread of its own (a libcurl transfer blocks), never on Swift's
/// cooperative pool. It is driven with libcurl's multi interface in slices of at most
/// ``pollInterval``, and between slices it looks at the calling task: a cancelled task's transfer is
/// aborted at once and the call throws `CancellationError`.
public struct CurlTransport: HTTPTransport {
    /// How often a running transfer looks for cancellation.
    static let pollInterval: Int32 = 100 // ms

    private static let queue = DispatchQueue(label: "tiktok-ai.http", attributes: .concurrent)
    /// `curl_global_init` is not thread-safe: run it once, before the first transfer.
    private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    public init() {}

    /// The libcurl version this binary runs with (`8.x.y` or `7.88.1`), for `doctor`.
    public static var libraryVersion: String { String(cString: curl_version()) }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard Self.globalInit else { throw HTTPTransportError(.invalidRequest, "\(request.label): libcurl could not be initialised") }
        return try await BlockingCall.run(on: Self.queue) { cancel in
            try CurlTransfer(request).run(cancel: cancel)
        }
    }
}
