import Foundation
import JobDocuments
import Providers

/// images: one picture per scene — the project's own image or video, or one from the image provider
/// (generated, stock, or drawn offline) — stills larger than the frame so the render can move over them.
///
/// The scenes still to make run several at once, up to `maxConcurrentImageGeneration`: an image API
/// takes seconds a picture, and the scenes need not wait on each other. Each scene's record
/// (`images/scene_NN.json`) is written once its picture is in place, so a resumed job makes only the
/// scenes it lacks. A canceled job's calls stop with its task; a scene that fails fails the step and
/// stops the others, keeping the scenes already made for a retry.
struct ImagesStep: JobStep {
    let step = PipelineStep.images

    func run(_ context: StepContext) async throws {
        let plan = try context.plan()
        let files = context.files
        try FileManager.default.createDirectory(at: files.imagesFolder, withIntermediateDirectories: true)
        let render = context.project.render
        let size = (width: Self.even(Double(render.width) * context.settings.imageOversize),
                    height: Self.even(Double(render.height) * context.settings.imageOversize))
        let lengths = Dictionary((try? context.timings())?.scenes.map { ($0.index, $0.end - $0.start) } ?? [],
                                 uniquingKeysWith: { first, _ in first })
        let pending = plan.scenes.filter { !Self.isMade($0.index, in: files) }
        let limit = max(1, context.settings.maxConcurrentImageGeneration)
        var done = plan.scenes.count - pending.count
        var made: [String: Int] = [:]
        let started = Date()
        try await withThrowingTaskGroup(of: SceneVisual.self) { group in
            var waiting = pending.makeIterator()
            func startNext() {
                guard let scene = waiting.next() else { return }
                let seconds = lengths[scene.index] ?? scene.targetSeconds
                group.addTask { try await Self.make(scene, context, width: size.width, height: size.height, seconds: seconds) }
            }
            for _ in 0..<limit { startNext() }
            while let visual = try await group.next() {
                await context.used(visual.provider)
                made[visual.provider, default: 0] += 1
                done += 1
                await context.progress(step, Double(done) / Double(plan.scenes.count))
                startNext()
            }
        }
        let summary = made.sorted { $0.key < $1.key }.map { "\($0.value) from \($0.key)" }.joined(separator: ", ")
        let timing = pending.isEmpty ? "" : String(format: " in %.1f s, up to %d at once", Date().timeIntervalSince(started), limit)
        await context.note("images: \(summary.isEmpty ? "all already made" : summary), \(size.width)x\(size.height)\(timing)")
    }

    /// One scene: its own file through the project provider, else the catalog's image provider; then
    /// its record, last.
    private static func make(_ scene: Plan.Scene, _ context: StepContext, width: Int, height: Int,
                             seconds: Double) async throws -> SceneVisual {
        let files = context.files
        try removeLeftovers(of: scene.index, in: files)
        var request = ImageRequest(scene: scene, project: context.project, width: width, height: height, seconds: seconds)
        let provider: any ImageProvider
        if let image = scene.image {
            request.source = .image(try context.assets.resolve(image, field: "scenes[\(scene.index)].image"))
            provider = context.providers.projectImages
        } else if let video = scene.video {
            request.source = .video(try context.assets.resolve(video, field: "scenes[\(scene.index)].video"))
            provider = context.providers.projectImages
        } else {
            provider = context.providers.images
        }
        let visual = try await provider.image(request, to: files.sceneImage(scene.index))
        guard files.exists(files.sceneFile(visual)) else {
            throw StepFailure("images: \(visual.provider) made no \(visual.file) for scene \(scene.index)", retryable: true)
        }
        try context.write(visual, to: files.sceneVisual(scene.index))
        return visual
    }

    /// True when the scene's record and the picture it names are both there.
    static func isMade(_ index: Int, in files: JobFiles) -> Bool {
        guard let visual = try? JobDocument.read(SceneVisual.self, from: files.sceneVisual(index)) else { return false }
        return files.exists(files.sceneFile(visual))
    }

    /// What an unfinished attempt left of a scene (a still where a clip now comes, a temporary file),
    /// so the folder holds only what its record names.
    private static func removeLeftovers(of index: Int, in files: JobFiles) throws {
        let prefix = files.sceneImage(index).deletingPathExtension().lastPathComponent + "."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: files.imagesFolder.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            try FileManager.default.removeItem(at: files.imagesFolder.appending(path: name))
        }
    }

    static func even(_ value: Double) -> Int { Int(value / 2) * 2 }
}
