import Foundation
import Media
import ProjectModel
import Providers

/// images: one picture per scene, larger than the frame so the render can move over it: the
/// project's own file (scaled to cover), or one drawn offline from the niche pack's palette.
struct ImagesStep: JobStepWorker {
    let step = PipelineStep.images

    func isComplete(_ context: StepContext) -> Bool {
        guard let plan = try? context.plan() else { return false }
        return plan.scenes.allSatisfy { context.files.exists(context.files.sceneImage($0.index)) }
    }

    func run(_ context: StepContext) async throws {
        let plan = try context.plan()
        try FileManager.default.createDirectory(at: context.files.imagesFolder, withIntermediateDirectories: true)
        let render = context.project.render
        let width = Self.even(Double(render.width) * context.configuration.paintOversize)
        let height = Self.even(Double(render.height) * context.configuration.paintOversize)
        var drawn = 0, supplied = 0
        for (position, scene) in plan.scenes.enumerated() {
            let output = context.files.sceneImage(scene.index)
            if context.files.exists(output) { continue }
            if let image = scene.image {
                let source = try context.assets.resolve(image, field: "scenes[\(scene.index)].image")
                try await StillImage.normalize(userImage: source, to: output, width: width, height: height)
                supplied += 1
            } else {
                let raster = ScenePainter.paint(scene: scene, pack: context.project.nichePack, topic: context.project.topic,
                                                width: width, height: height)
                let ppm = context.files.sceneRaster(scene.index)
                try raster.writePPM(to: ppm)
                try await StillImage.convert(ppm, to: output)
                try? FileManager.default.removeItem(at: ppm)
                drawn += 1
            }
            await context.progress(step, Double(position + 1) / Double(plan.scenes.count))
        }
        await context.note("images: \(drawn) drawn, \(supplied) from the project, \(width)x\(height)")
    }

    static func even(_ value: Double) -> Int { Int(value / 2) * 2 }
}
