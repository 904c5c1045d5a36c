import Foundation
import Providers

/// How a service's requests are priced: its model's ``Price``, the usage a request is expected to
/// have before it is sent (for the job's cap), and the usage its answer reports.
public struct Metering: Sendable {
    public var price: Price
    public var estimate: @Sendable (HTTPRequest) -> Usage
    public var measure: @Sendable (HTTPRequest, HTTPResponse) -> Usage

    public init(price: Price, estimate: @escaping @Sendable (HTTPRequest) -> Usage,
                measure: @escaping @Sendable (HTTPRequest, HTTPResponse) -> Usage) {
        self.price = price
        self.estimate = estimate
        self.measure = measure
    }

    /// Chat completions: tokens as `usage` reports them; before, a quarter of the request's bytes in
    /// and `max_tokens` (else 2000) out.
    public static func chat(_ price: Price) -> Metering {
        Metering(price: price, estimate: { request in
            let body = json(request)
            return Usage(inputTokens: request.bodySize / 4, outputTokens: body?["max_tokens"] as? Int ?? body?["max_completion_tokens"] as? Int ?? 2000)
        }, measure: { request, response in
            guard let usage = json(response.body)?["usage"] as? [String: Any],
                  let input = usage["prompt_tokens"] as? Int, let output = usage["completion_tokens"] as? Int else {
                return Usage(inputTokens: request.bodySize / 4, outputTokens: response.body.count / 4)
            }
            return Usage(inputTokens: input, outputTokens: output)
        })
    }

    /// Text to speech billed by the characters of the request's `field` (`input`, ElevenLabs' `text`).
    public static func characters(of field: String, _ price: Price) -> Metering {
        let count: @Sendable (HTTPRequest) -> Usage = { Usage(characters: (json($0)?[field] as? String)?.count ?? 0) }
        return Metering(price: price, estimate: count, measure: { request, _ in count(request) })
    }

    /// Transcription billed by the minute: the answer's `duration` (or `usage.seconds`); before, the
    /// upload's size at 16 kB a second (mp3 at 128 kbit/s; it over-estimates WAV, which is safe).
    public static func transcription(_ price: Price) -> Metering {
        Metering(price: price, estimate: { request in
            Usage(audioSeconds: Double(request.uploadBytes) / 16_000)
        }, measure: { request, response in
            let body = json(response.body)
            let seconds = body?["duration"] as? Double ?? ((body?["usage"] as? [String: Any])?["seconds"] as? Double)
            return Usage(audioSeconds: seconds ?? Double(request.uploadBytes) / 16_000)
        })
    }

    /// Image generation billed per image: the answer's `data` count; before, the request's `n`.
    public static func images(_ price: Price) -> Metering {
        Metering(price: price, estimate: { Usage(images: json($0)?["n"] as? Int ?? 1) }, measure: { request, response in
            Usage(images: (json(response.body)?["data"] as? [Any])?.count ?? (json(request)?["n"] as? Int ?? 1))
        })
    }

    private static func json(_ request: HTTPRequest) -> [String: Any]? {
        guard case .data(let data) = request.body else { return nil }
        return json(data)
    }

    private static func json(_ data: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}

extension HTTPRequest {
    var bodySize: Int {
        if case .data(let data) = body { return data.count }
        return 0
    }

    /// The bytes of the files a multipart body uploads.
    var uploadBytes: Int {
        guard case .multipart(let parts) = body else { return 0 }
        return parts.reduce(0) { total, part in
            guard case .file(let url, _, _) = part.content else { return total }
            return total + ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? Int ?? 0)
        }
    }
}
