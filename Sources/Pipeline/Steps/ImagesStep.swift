import Foundation
import JobDocuments
import Providers

/// images: one picture per scene, larger than the frame so the render can move over it — the
/// project's own file (scaled to cover), or one from the image provider (the offline painter).
struct ImagesStep: JobStep {
    let step = PipelineStep.images

    func run(_ context: StepContext) async throws {
        let plan = try context.plan()
        try FileManager.default.createDirectory(at: context.files.imagesFolder, withIntermediateDirectories: true)
        let render = context.project.render
        let width = Self.even(Double(render.width) * context.settings.imageOversize)
        let height = Self.even(Double(render.height) * context.settings.imageOversize)
        var made: [String: Int] = [:]
        for (position, scene) in plan.scenes.enumerated() {
            let output = context.files.sceneImage(scene.index)
            if context.files.exists(output) { continue }
            var request = ImageRequest(scene: scene, project: context.project, width: width, height: height)
            let provider: any ImageProvider
            if let image = scene.image {
                request.source = try context.assets.resolve(image, field: "scenes[\(scene.index)].image")
                provider = context.providers.projectImages
            } else {
                provider = context.providers.images
            }
            try await provider.image(request, to: output)
            await context.used(provider)
            made[provider.name, default: 0] += 1
            await context.progress(step, Double(position + 1) / Double(plan.scenes.count))
        }
        let summary = made.sorted { $0.key < $1.key }.map { "\($0.value) from \($0.key)" }.joined(separator: ", ")
        await context.note("images: \(summary.isEmpty ? "all already made" : summary), \(width)x\(height)")
    }

    static func even(_ value: Double) -> Int { Int(value / 2) * 2 }
}
