import FakeProviderServer
import Foundation
import HTTPTransport
import JobDocuments
import Media
import ProjectModel
import Providers
import Testing
@testable import PexelsMedia

/// Pexels against the fake server's `/v1/search` and `/videos/search` (their real JSON shapes) and
/// its file routes (real PNGs and MP4s).
@Suite(.serialized) struct PexelsImageProviderTests {
    static let key = "pexels-test-key-0123456789"

    func provider(_ server: FakeProviderServer) -> PexelsImageProvider {
        PexelsImageProvider(endpoint: ServiceEndpoint(
            service: ServiceClient(service: "Pexels", transport: CurlTransport(), secrets: [Self.key]),
            baseURL: server.baseURL, model: "", apiKey: Self.key, keyHeader: .named("Authorization")),
            fallback: DrawnFallback())
    }

    func request(visual: String, seconds: Double) -> ImageRequest {
        var project = ProjectFile(topic: "Ocean waves")
        project.niche = "science"
        let scene = Plan.Scene(index: 2, narration: "Waves carry energy.", onScreenText: "", visual: visual, image: nil,
                               effect: .slowZoomIn, targetSeconds: seconds)
        return ImageRequest(scene: scene, project: project, width: 216, height: 384, seconds: seconds)
    }

    /// The requests the server saw to `path`.
    func sent(_ server: FakeProviderServer, _ path: String) async throws -> [[String: Any]] {
        try await server.requests().filter { $0["path"] as? String == path }
    }

    func header(_ request: [String: Any], _ name: String) -> String? {
        (request["headers"] as? [String: String])?.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    @Test func aLongSceneGetsThePortraitVideoFileNearestTheFrameCreditedToItsMaker() async throws {
        try await FakeProviderServer.withServer(folder: "pexels") { server, folder in
            let visual = "cosmic and microscopic imagery, deep blues, glowing particles, waves rolling onto a beach, about ocean waves, vertical 9:16 composition"
            let made = try await provider(server).image(request(visual: visual, seconds: 6), to: folder.appending(path: "scene_02.png"))
            #expect(made == SceneVisual(kind: .video, file: "scene_02.mp4", provider: "pexels",
                                        credit: MediaCredit(source: "Pexels", author: "Chloe Martin", authorURL: "https://www.pexels.com/@chloe-martin",
                                                            url: "https://www.pexels.com/video/waves-3001/")))
            let clip = try #require(try await MediaProbe.probe(folder.appending(path: "scene_02.mp4")).videoStreams.first)
            #expect(clip.width == 1080 && clip.height == 1920, "the 1080x1920 file, not the 4K one nor the landscape one")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["scene_02.mp4"])

            let counts = try await server.counts()
            #expect(counts == ["GET /videos/search": 1, "GET /files/video-9003.mp4": 1], "no photo search once a video is found")
            let search = try #require(try await sent(server, "/videos/search").first)
            #expect(header(search, "Authorization") == Self.key, "the key alone, no Bearer")
            let query = Dictionary(uniqueKeysWithValues: URLComponents(string: "?" + (search["query"] as? String ?? ""))?.queryItems?
                .map { ($0.name, $0.value ?? "") } ?? [])
            #expect(query["query"] == "waves rolling beach ocean", "the scene's own words: \(query)")
            #expect(query["orientation"] == "portrait" && query["per_page"] == "10")
            let download = try #require(try await sent(server, "/files/video-9003.mp4").first)
            #expect(header(download, "Authorization") == nil, "the key goes to the API only")
        }
    }

    @Test func aShortSceneGetsAPhotoCroppedToExactlyTheRequestedSize() async throws {
        try await FakeProviderServer.withServer(folder: "pexels") { server, folder in
            let made = try await provider(server).image(request(visual: "a lighthouse at dusk", seconds: 2), to: folder.appending(path: "scene_02.png"))
            #expect(made.kind == .image && made.file == "scene_02.png" && made.provider == "pexels")
            #expect(made.credit == MediaCredit(source: "Pexels", author: "Ana Ruiz", authorURL: "https://www.pexels.com/@ana-ruiz",
                                               url: "https://www.pexels.com/photo/ana-ruiz-2001/"))
            let still = try #require(try await MediaProbe.probe(folder.appending(path: "scene_02.png")).videoStreams.first)
            #expect(still.width == 216 && still.height == 384 && still.codec == "png")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["scene_02.png"])
            let counts = try await server.counts()
            #expect(counts["GET /videos/search"] == nil && counts["GET /v1/search"] == 1 && counts["GET /files/photo-2001.png"] == 1)
            // Wider than the frame: asked for at the frame's height, so it still covers.
            let download = try #require(try await sent(server, "/files/photo-2001.png").first)
            #expect((download["query"] as? String)?.hasSuffix("auto=compress&cs=tinysrgb&h=384") == true, "\(download["query"] ?? "")")
        }
    }

    @Test func aLongSceneWithNoVideoGetsAPhotoAndOneWithNothingIsDrawnByTheFallback() async throws {
        try await FakeProviderServer.withServer(folder: "pexels") { server, folder in
            // The fake finds no video for "still", nothing at all for "nothing".
            let photo = try await provider(server).image(request(visual: "a still pond", seconds: 8), to: folder.appending(path: "scene_02.png"))
            #expect(photo.kind == .image && photo.provider == "pexels" && photo.credit != nil)
            let drawn = try await provider(server).image(request(visual: "nothing like it", seconds: 8), to: folder.appending(path: "scene_03.png"))
            #expect(drawn == SceneVisual(kind: .image, file: "scene_03.png", provider: "drawn"), "the fallback names itself, with no credit")
            let counts = try await server.counts()
            #expect(counts["GET /videos/search"] == 2 && counts["GET /v1/search"] == 2)
        }
    }

    @Test func aRefusedKeyIsPermanentAndNeverInTheMessage() async throws {
        try await FakeProviderServer.withServer(folder: "pexels") { server, folder in
            try await server.inject("/videos/search", [["status": 401, "body": ["error": "Invalid key \(Self.key)"]]])
            let error = await #expect(throws: ServiceError.self) {
                try await provider(server).image(request(visual: "waves", seconds: 6), to: folder.appending(path: "scene_02.png"))
            }
            #expect(error?.retryable == false && error?.status == 401 && error?.attempts == 1)
            #expect(error?.description.contains(Self.key) == false)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        }
    }
}

@Suite struct StockChoiceTests {
    @Test func aQueryIsTheScenesOwnWords() {
        let pack = NichePack.named("facts")!
        let visual = "clean infographic look, bright, crisp, high contrast, grainy, a diagram of the octopus heart, about why octopuses have three hearts, vertical 9:16 composition"
        #expect(StockQuery.text(visual: visual, pack: pack, visualStyle: "grainy", topic: "x") == "diagram octopus heart octopuses three hearts")
        #expect(StockQuery.text(visual: "a bold, eye-catching opening image", pack: pack, visualStyle: nil, topic: "Deep sea fish")
            == "deep sea fish", "nothing left of the description: the topic")
    }

    @Test func videosLongEnoughComeFirstAndOnlyPortraitMP4FilesCount() throws {
        func video(_ id: Int, seconds: Double, files: [(String, Int?, Int?)]) -> PexelsSearch.Video {
            PexelsSearch.Video(id: id, duration: seconds, url: "https://www.pexels.com/video/\(id)/", user: .init(name: "V\(id)", url: nil),
                               videoFiles: files.map { .init(fileType: $0.0, width: $0.1, height: $0.2, link: "https://v.example/\(id)-\($0.1 ?? 0).mp4") })
        }
        let short = video(1, seconds: 3, files: [("video/mp4", 1080, 1920)])
        let long = video(2, seconds: 12, files: [("video/mp4", 1920, 1080), ("video/mp4", 540, 960), ("video/mp4", 1440, 2560), ("video/mp4", nil, nil)])
        let pick = try #require(StockPick.video([short, long], seconds: 8, width: 1080, height: 1920))
        #expect(pick.video.id == 2 && pick.file.width == 1440, "long enough beats a perfect size; 1440x2560 is nearer than 540x960")
        #expect(StockPick.video([short, long], seconds: 2, width: 1080, height: 1920)?.video.id == 1)
        let landscapeOnly = video(3, seconds: 20, files: [("video/mp4", 1920, 1080), ("video/webm", 1080, 1920)])
        #expect(StockPick.video([landscapeOnly], seconds: 5, width: 1080, height: 1920) == nil)
    }
}

/// The fallback: a PNG of the requested size, made by ffmpeg.
struct DrawnFallback: ImageProvider {
    let name = "drawn"

    func readiness() async -> ProviderReadiness { .ready("fake") }

    func image(_ request: ImageRequest, to output: URL) async throws -> SceneVisual {
        _ = try await ProcessRunner.run(try ToolLocator.ffmpeg(), [
            "-v", "error", "-f", "lavfi", "-i", "color=c=gray:s=\(request.width)x\(request.height)", "-frames:v", "1", output.path,
        ], timeout: .seconds(30))
        return still(output)
    }
}
