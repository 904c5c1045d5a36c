import Foundation
import HTTPTransport
import JobDocuments
import Media
import Providers

/// Pexels stock footage as the images step's provider ("pexels"): a portrait video or photo searched
/// from each scene's picture description (``StockQuery``), credited to its photographer.
///
/// Guarantees:
/// - a scene long enough for motion (``minimumVideoSeconds``) gets a video when one is found, the
///   file nearest the frame's size (``StockPick``); otherwise, or when none is found, a photo,
///   scaled and cropped by ffmpeg to a PNG of exactly the requested size;
/// - a scene the library has nothing for is drawn by the fallback (the painter), which its record
///   and `status.json` then name;
/// - every picture's credit (who made it, its page) comes back for `export.json`;
/// - the key goes in `Authorization` to the API only, never to the servers the files come from;
/// - a download is complete or absent: it is streamed to a temporary name and checked before use.
public struct PexelsImageProvider: ImageProvider {
    public let name = "pexels"
    let search: PexelsSearch
    let fallback: any ImageProvider

    /// Scenes shorter than this get a photo: a video shown for a moment is a flicker.
    public static let minimumVideoSeconds = 3.0

    /// `endpoint` sends its key as `Authorization` with no "Bearer": give it `keyHeader: .named("Authorization")`.
    public init(endpoint: ServiceEndpoint, fallback: any ImageProvider) {
        self.search = PexelsSearch(endpoint: endpoint)
        self.fallback = fallback
    }

    public var isRemote: Bool { true }

    public func readiness() async -> ProviderReadiness {
        .ready("portrait videos and photos from \(search.endpoint.baseURL.absoluteString)"
               + (search.endpoint.apiKey == nil ? " (no key)" : "") + "; \(fallback.name) when nothing is found")
    }

    public func image(_ request: ImageRequest, to output: URL) async throws -> SceneVisual {
        let project = request.project
        let query = StockQuery.text(visual: request.scene.visual, pack: project.nichePack, visualStyle: project.visualStyle,
                                    topic: project.topic)
        if request.seconds >= Self.minimumVideoSeconds,
           let pick = StockPick.video(try await search.videos(query), seconds: request.seconds,
                                      width: project.render.width, height: project.render.height) {
            let clip = clipFile(beside: output, extension: "mp4")
            try await download(pick.link, to: clip, scene: request.scene.index)
            return SceneVisual(kind: .video, file: clip.lastPathComponent, provider: name,
                               credit: MediaCredit(source: "Pexels", author: pick.video.user.name, authorURL: pick.video.user.url,
                                                   url: pick.video.url))
        }
        if let pick = StockPick.photo(try await search.photos(query), width: request.width, height: request.height) {
            let received = output.deletingLastPathComponent()
                .appending(path: ".\(output.deletingPathExtension().lastPathComponent).pexels")
            defer { try? FileManager.default.removeItem(at: received) }
            try await download(pick.link, to: received, scene: request.scene.index)
            try await StillImage.normalize(userImage: received, to: output, width: request.width, height: request.height)
            return still(output, credit: MediaCredit(source: "Pexels", author: pick.photo.photographer,
                                                     authorURL: pick.photo.photographerURL, url: pick.photo.url))
        }
        return try await fallback.image(request, to: output)
    }

    /// A file from Pexels' media servers, with no key, checked to be a picture ffmpeg reads.
    private func download(_ link: URL, to file: URL, scene: Int) async throws {
        var request = HTTPRequest(url: link, timeouts: .init(total: search.endpoint.timeout))
        request.downloadTo = file
        _ = try await search.endpoint.service.send(request)
        let readable = (try? await MediaProbe.probe(file))?.videoStreams.contains { $0.width > 0 && $0.height > 0 } ?? false
        guard readable else {
            try? FileManager.default.removeItem(at: file)
            throw ProviderError("images: the file Pexels sent for scene \(scene) cannot be read (\(link.host() ?? "?")\(link.path()))",
                                retryable: true)
        }
    }
}
