import JobDocuments

/// One stage of the pipeline: what it does with a job, given its context. What it leaves behind is
/// declared once, on the step's name (``PipelineStep/outputs(in:sceneIndices:)``), and the runner skips
/// a step whose outputs are all present. A step writes its outputs under temporary names and renames
/// them when complete, so "present" means "finished" (SPEC rule 7).
public protocol JobStep: Sendable {
    var step: PipelineStep { get }
    func run(_ context: StepContext) async throws
}
