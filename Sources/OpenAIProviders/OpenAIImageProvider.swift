import Foundation
import HTTPTransport
import JobDocuments
import Media
import ProjectModel
import Providers

/// OpenAI images (`POST /images/generations`) as the images step's provider ("openai"), or any server
/// that speaks that API (`OPENAI_IMAGES_BASE_URL`).
///
/// Guarantees:
/// - the picture is asked for at the model's portrait size (``ImageModel``: dall-e-3 1024x1792,
///   gpt-image-* 1024x1536, dall-e-2 only square), one a request;
/// - the prompt carries the scene's description, the pack's style and what to avoid (``ImagePrompt``),
///   within the model's limit;
/// - base64 where the model allows it; a `url` answer is downloaded without the key, which belongs
///   to the API and not to the storage the URL points at;
/// - the answer is scaled and cropped by ffmpeg to a PNG of exactly the requested size; a failure
///   leaves no file behind.
public struct OpenAIImageProvider: ImageProvider {
    public let name = "openai"
    let endpoint: ServiceEndpoint

    public init(endpoint: ServiceEndpoint) {
        self.endpoint = endpoint
    }

    public var isRemote: Bool { true }

    public func readiness() async -> ProviderReadiness { endpoint.readiness }

    public func image(_ request: ImageRequest, to output: URL) async throws -> SceneVisual {
        let model = ImageModel(endpoint.model)
        let pack = request.project.nichePack
        var body: [String: Any] = [
            "model": endpoint.model, "n": 1, "size": model.size,
            "prompt": ImagePrompt.text(visual: request.scene.visual, pack: pack, visualStyle: request.project.visualStyle,
                                       maxCharacters: model.maxPromptCharacters),
        ]
        if model.sendsResponseFormat { body["response_format"] = "b64_json" }
        if let quality = model.quality { body["quality"] = quality }
        let http = HTTPRequest.postJSON(endpoint.url("images/generations"),
                                        json: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]),
                                        headers: endpoint.headers, timeouts: .init(total: endpoint.timeout))
        let (answer, _) = try await endpoint.service.sendJSON(http, as: Answer.self)
        guard let picture = answer.data?.first else {
            throw ProviderError("images: OpenAI sent no image for scene \(request.scene.index)", retryable: true)
        }
        // The answer as it came, hidden beside the output until ffmpeg has made the PNG from it.
        let received = output.deletingLastPathComponent()
            .appending(path: ".\(output.deletingPathExtension().lastPathComponent).received")
        defer { try? FileManager.default.removeItem(at: received) }
        if let base64 = picture.b64Json {
            guard let data = Data(base64Encoded: base64), !data.isEmpty else {
                throw ProviderError("images: OpenAI's b64_json for scene \(request.scene.index) is not base64", retryable: true)
            }
            try data.write(to: received)
        } else if let link = picture.url.flatMap(URL.init(string:)), ["http", "https"].contains(link.scheme?.lowercased()) {
            var download = HTTPRequest(url: link, timeouts: .init(total: endpoint.timeout))
            download.downloadTo = received
            _ = try await endpoint.service.send(download)
        } else {
            throw ProviderError("images: OpenAI's answer for scene \(request.scene.index) has neither b64_json nor a URL", retryable: true)
        }
        do {
            try await StillImage.normalize(userImage: received, to: output, width: request.width, height: request.height)
        } catch {
            throw ProviderError("images: the picture OpenAI sent for scene \(request.scene.index) cannot be read (\(error))", retryable: true)
        }
        return still(output)
    }

    /// `ImagesResponse`: only the fields used.
    struct Answer: Decodable {
        struct Picture: Decodable {
            var b64Json: String?
            var url: String?

            enum CodingKeys: String, CodingKey {
                case b64Json = "b64_json"
                case url
            }
        }

        var data: [Picture]?
    }
}

extension OpenAIImageProvider: CostEstimating {
    /// One image a scene without a picture of its own.
    public func estimatedUsd(for project: ProjectFile) -> Double {
        endpoint.price.usd(Usage(images: ProjectSize.scenesToIllustrate(project)))
    }
}
