import Foundation
import JobDocuments
import Media
import ProjectModel
import Providers

/// What a step gets to work with: the job's files and project, the providers, the shared settings,
/// and the running job for progress, notes and the providers it used.
public struct StepContext: Sendable {
    public let files: JobFiles
    public let project: ProjectFile
    public let providers: ProviderCatalog
    public let settings: PipelineSettings
    public let assets: AssetResolver
    public let job: RunningJob
    /// `plan.json` and `timings.json` are read by most steps: decoded once while unchanged.
    let documents = DecodedFileCache()

    public init(files: JobFiles, project: ProjectFile, providers: ProviderCatalog, settings: PipelineSettings,
                assets: AssetResolver, job: RunningJob) {
        self.files = files
        self.project = project
        self.providers = providers
        self.settings = settings
        self.assets = assets
        self.job = job
    }

    public func plan() throws -> Plan { try documents.decode(Plan.self, from: files.plan) }

    public func timings() throws -> WordTimings { try documents.decode(WordTimings.self, from: files.timings) }

    /// The scenes on the timeline with their effects and transitions, as captions, render and
    /// finalize all need them.
    func schedule() throws -> SceneSchedule {
        SceneSchedule(plan: try plan(), timings: try timings(), pack: project.nichePack, render: project.render)
    }

    /// Writes a job-folder document atomically (readable JSON, sorted keys); not fsynced when the
    /// media is placeholders (a dry run's documents are cheap to make again).
    public func write<T: Encodable>(_ value: T, to url: URL) throws {
        try JobDocument.write(value, to: url, durable: !providers.media.writesPlaceholders)
    }

    public func progress(_ step: PipelineStep, _ fraction: Double) async { await job.progress(step: step, fraction: fraction) }

    public func note(_ message: String) async { await job.note(message) }

    /// Records that `provider` served the current step (`status.json`'s `providers`).
    public func used(_ provider: any Provider) async { await job.used(provider.name) }

    public func used(_ name: String) async { await job.used(name) }
}
