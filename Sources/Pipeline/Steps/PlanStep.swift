import Foundation
import JobDocuments
import ProjectModel

/// plan: hooks, outline and scenes, from the planner (the offline one writes them from the niche
/// pack's templates, or takes the project's own scenes). Every file the project names is looked up
/// first, so a missing image or video fails the job before any work is spent on it.
struct PlanStep: JobStep {
    let step = PipelineStep.plan

    func run(_ context: StepContext) async throws {
        let project = context.project
        for (index, scene) in (project.scenes ?? []).enumerated() {
            if let image = scene.image { _ = try context.assets.resolve(image, field: "scenes[\(index)].image") }
            if let video = scene.video { _ = try context.assets.resolve(video, field: "scenes[\(index)].video") }
        }
        if let voiceover = project.voiceover { _ = try context.assets.resolve(voiceover, field: "voiceover") }
        if case .file(let music) = project.music { _ = try context.assets.resolve(music, field: "music") }

        let planner = context.providers.planner
        let attributed = try await planner.attributedPlan(for: project)
        let plan = attributed.plan
        guard !plan.scenes.isEmpty else { throw StepFailure("the plan has no scenes") }
        for warning in plan.warnings { await context.note("plan warning: \(warning)") }
        try context.write(plan, to: context.files.plan)
        await context.used(attributed.provider)
        await context.note("planned \(plan.scenes.count) scenes (\(plan.estimate.words) words, about \(Int(plan.estimate.estimatedSeconds)) s) from \(plan.source)")
    }
}
