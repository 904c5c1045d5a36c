import Foundation
import ProjectModel
import Providers

/// plan: hooks, outline and scenes from the niche pack's templates, or the project's own scenes as
/// given. Every file the project names is looked up now, so a missing image fails the job before
/// any work is spent on it.
struct PlanStep: JobStepWorker {
    let step = PipelineStep.plan

    func isComplete(_ context: StepContext) -> Bool { context.files.exists(context.files.plan) }

    func run(_ context: StepContext) async throws {
        let project = context.project
        for (index, scene) in (project.scenes ?? []).enumerated() {
            if let image = scene.image { _ = try context.assets.resolve(image, field: "scenes[\(index)].image") }
        }
        if let voiceover = project.voiceover { _ = try context.assets.resolve(voiceover, field: "voiceover") }
        if case .file(let music) = project.music { _ = try context.assets.resolve(music, field: "music") }

        let plan = TemplatePlanner.plan(for: project)
        guard !plan.scenes.isEmpty else { throw StepFailure("the plan has no scenes") }
        for warning in plan.warnings { await context.note("plan warning: \(warning)") }
        try context.writeJSON(plan, to: context.files.plan)
        await context.note("planned \(plan.scenes.count) scenes (\(plan.estimate.words) words, about \(Int(plan.estimate.estimatedSeconds)) s) from \(plan.source)")
    }
}
