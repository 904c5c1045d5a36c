import Foundation
import JobDocuments
import JobQueue
import Logging
import Media
import ProviderFakes
import ProjectModel
import Providers
import Synchronization
import Testing
@testable import Pipeline

@Suite("ImagesStep: pictures several at once, each recorded, stills and clips through to the render")
struct ImagesStepTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    private func run(_ catalog: ProviderCatalog, project: String, limit: Int = 3,
                     files: [String: Data] = [:]) async throws -> (JobStatus, JobFiles, URL, MemoryJobQueue) {
        let (queue, root) = try await queue(with: project)
        for (name, data) in files {
            try FileManager.default.createDirectory(at: root.appending(path: name).deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: root.appending(path: name))
        }
        let lease = try #require(await queue.start("job"))
        var settings = PipelineSettings()
        settings.minFreeDiskMB = 0
        settings.maxConcurrentImageGeneration = limit
        let final = await JobRunner(providers: catalog, settings: settings, logger: logger)
            .run(lease, recorder: queue, assets: AssetResolver(roots: [root]))
        return (final, lease.files, root, queue)
    }

    @Test("scenes are made up to the limit at once, never more, and each one's record names its provider")
    func boundedConcurrency() async throws {
        let images = SlowImages(delay: .milliseconds(600))
        var catalog = ProviderFakes.catalog()
        catalog.images = images
        let project = #"{"topic": "octopus hearts", "niche": "facts", "targetSeconds": 60}"#
        let (final, files, root, queue) = try await run(catalog, project: project, limit: 2)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(final.state == .done, "\(final.error?.message ?? "")")
        let plan = try JobDocument.read(Plan.self, from: files.plan)
        #expect(plan.scenes.count >= 4)
        #expect(images.calls == plan.scenes.count)
        #expect(images.mostAtOnce == 2, "two at a time, as the limit says")
        for scene in plan.scenes {
            let visual = try JobDocument.read(SceneVisual.self, from: files.sceneVisual(scene.index))
            #expect(visual == SceneVisual(kind: .image, file: String(format: "scene_%02d.png", scene.index), provider: "slow"))
        }
        #expect(final.providers["images"] == "slow")
        // Progress is reported as scenes finish (written at most once a second), not only at the step's end.
        let during = await queue.history(of: "job").filter { $0.step == .images }.map(\.progress)
        #expect(Set(during).count >= 2, "\(during)")
    }

    @Test("a resumed images step makes only the scenes it lacks")
    func resumeMakesOnlyWhatIsMissing() async throws {
        let images = SlowImages(delay: .zero)
        var catalog = ProviderFakes.catalog()
        catalog.images = images
        let (queue, root) = try await queue(with: quickProject)
        defer { try? FileManager.default.removeItem(at: root) }
        var settings = PipelineSettings()
        settings.minFreeDiskMB = 0
        settings.failStep = .captions
        let first = try #require(await queue.start("job"))
        _ = await JobRunner(providers: catalog, settings: settings, logger: logger).run(first, recorder: queue, assets: AssetResolver(roots: [root]))
        let made = images.calls
        // One scene's record is lost (as by a crash before it was written): only that scene is made again.
        try FileManager.default.removeItem(at: first.files.sceneVisual(1))
        _ = try await queue.retry(id: "job", from: nil)
        settings.failStep = nil
        let second = try #require(await queue.start("job"))
        let done = await JobRunner(providers: catalog, settings: settings, logger: logger).run(second, recorder: queue, assets: AssetResolver(roots: [root]))
        #expect(done.state == .done)
        #expect(images.calls == made + 1)
    }

    @Test("a scene's own video is the project provider's clip, and the render gets it as a clip; credits reach export.json")
    func ownVideoAndCredits() async throws {
        let media = RecordingMedia()
        var catalog = ProviderFakes.catalog()
        catalog.images = CreditedImages()
        catalog.projectImages = ClipCopier()
        catalog.media = media
        let project = #"{"topic": "waves", "scenes": [{"narration": "The sea moves all day long."}, {"narration": "Waves come in and go out.", "video": "clips/waves.mp4"}]}"#
        let (final, files, root, _) = try await run(catalog, project: project, files: ["clips/waves.mp4": Data("clip".utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(final.state == .done, "\(final.error?.message ?? "")")
        #expect(final.providers["images"]?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.sorted() == ["copier", "credited"])
        let pictures = try #require(media.requests.first?.scenes.map(\.picture))
        #expect(pictures == [.still(files.imagesFolder.appending(path: "scene_00.png")), .clip(files.imagesFolder.appending(path: "scene_01.mp4"))])
        #expect(try Data(contentsOf: files.imagesFolder.appending(path: "scene_01.mp4")) == Data("clip".utf8))
        let export = try JobDocument.read(ExportDocument.self, from: files.export)
        #expect(export.credits == [ExportDocument.Credit(scene: 0, kind: "image", credit: CreditedImages.credit)])
    }

    @Test("a scene that fails fails the step, naming it")
    func aFailedSceneFailsTheStep() async throws {
        var catalog = ProviderFakes.catalog()
        catalog.images = SlowImages(delay: .zero, failing: 2)
        let (final, _, root, _) = try await run(catalog, project: quickProject)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(final.state == .failed && final.error?.step == "images")
        #expect(final.error?.message.contains("scene 2 failed on purpose") == true, "\(final.error?.message ?? "")")
    }
}

/// Stills that take `delay` each, counting how many run at once.
final class SlowImages: ImageProvider, Sendable {
    let name = "slow"
    let delay: Duration
    let failing: Int?
    private let state = Mutex((calls: 0, running: 0, most: 0))

    init(delay: Duration, failing: Int? = nil) {
        self.delay = delay
        self.failing = failing
    }

    var calls: Int { state.withLock { $0.calls } }
    var mostAtOnce: Int { state.withLock { $0.most } }

    func readiness() async -> ProviderReadiness { .ready("fake") }

    func image(_ request: ImageRequest, to output: URL) async throws -> SceneVisual {
        state.withLock {
            $0.calls += 1
            $0.running += 1
            $0.most = max($0.most, $0.running)
        }
        defer { state.withLock { $0.running -= 1 } }
        try await Task.sleep(for: delay)
        if request.scene.index == failing { throw ProviderError("scene \(request.scene.index) failed on purpose", retryable: false) }
        try Placeholder.write("still \(request.scene.index)", to: output)
        return still(output)
    }
}

/// Stills with a stock credit.
struct CreditedImages: ImageProvider {
    let name = "credited"
    static let credit = MediaCredit(source: "Stock", author: "A. Photographer", authorURL: "https://stock.example/@a",
                                    url: "https://stock.example/photo/1")

    func readiness() async -> ProviderReadiness { .ready("fake") }

    func image(_ request: ImageRequest, to output: URL) async throws -> SceneVisual {
        try Placeholder.write("still", to: output)
        return still(output, credit: Self.credit)
    }
}

/// The project's own video, copied beside the still's name with its extension.
struct ClipCopier: ImageProvider {
    let name = "copier"

    func readiness() async -> ProviderReadiness { .ready("fake") }

    func image(_ request: ImageRequest, to output: URL) async throws -> SceneVisual {
        guard case .video(let source)? = request.source else { throw ProviderError("not a video scene", retryable: false) }
        let clip = clipFile(beside: output, extension: source.pathExtension)
        try FileManager.default.copyItem(at: source, to: clip)
        return SceneVisual(kind: .video, file: clip.lastPathComponent, provider: name)
    }
}

/// The dry run's media engine, keeping every render request.
final class RecordingMedia: MediaEngine, Sendable {
    let name = "recording"
    let writesPlaceholders = true
    private let placeholder = PlaceholderMediaEngine()
    private let kept = Mutex<[RenderRequest]>([])

    var requests: [RenderRequest] { kept.withLock { $0 } }

    func readiness() async -> ProviderReadiness { .ready("fake") }

    func joinSpeech(_ clips: [SpeechClip], pause: Double, to output: URL) async throws -> JoinedSpeech {
        try await placeholder.joinSpeech(clips, pause: pause, to: output)
    }

    func convertVoiceover(_ source: URL, to output: URL, estimatedSeconds: Double) async throws -> Double {
        try await placeholder.convertVoiceover(source, to: output, estimatedSeconds: estimatedSeconds)
    }

    func render(_ request: RenderRequest, progress: @escaping @Sendable (Double) -> Void) async throws -> MixLevels {
        kept.withLock { $0.append(request) }
        return try await placeholder.render(request, progress: progress)
    }

    func verify(_ video: URL, expectedDuration: Double, narration: ClosedRange<Double>,
                width: Int, height: Int, fps: Int) async throws -> VideoVerifier.Report {
        try await placeholder.verify(video, expectedDuration: expectedDuration, narration: narration, width: width, height: height, fps: fps)
    }

    func thumbnail(from video: URL, at seconds: Double, to jpg: URL, width: Int?) async throws {
        try await placeholder.thumbnail(from: video, at: seconds, to: jpg, width: width)
    }
}
