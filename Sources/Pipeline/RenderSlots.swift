import JobDocuments
import Providers

/// The daemon's render slots (`MAX_CONCURRENT_JOBS`): how many jobs use this machine's cores at
/// once. More jobs than that may be started when providers are remote: a job holds a slot only
/// for the steps that work here, so later jobs plan, speak and draw over the network while
/// earlier ones encode.
///
/// A job takes a slot before its first step that needs one, and keeps it through the steps after
/// that need one too (music, render, finalize follow each other), so an encode is never queued
/// behind another job's speech.
public struct RenderSlots: Sendable {
    let semaphore: FairSemaphore

    public init(_ count: Int) { semaphore = FairSemaphore(permits: count) }

    /// Slots in use now.
    public var inUse: Int { semaphore.held }

    /// Whether `step` works on this machine's cores for `context`'s job. Plan, align and captions
    /// are light (a template, a transcript matched, an ASS file); voice and images work here unless
    /// their provider is remote; music, render and finalize run ffmpeg.
    static func needed(by step: PipelineStep, _ context: StepContext) -> Bool {
        switch step {
        case .plan, .align, .captions: false
        case .voice: context.project.voiceover != nil || !context.providers.speech.isRemote
        case .images: !context.providers.images.isRemote
        case .music, .render, .finalize: true
        }
    }
}
