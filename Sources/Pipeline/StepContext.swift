import FileSafety
import Foundation
import ProjectModel
import Spool

/// What a step gets to work with: the job's files, its project, the shared configuration, and the
/// recorder for progress and log lines.
public struct StepContext: Sendable {
    public let files: JobFiles
    public let project: ProjectFile
    public let configuration: PipelineConfiguration
    public let assets: AssetResolver
    public let recorder: JobRecorder
    /// `plan.json` and `timings.json` are read by most steps: decoded once while unchanged.
    let documents = DecodedFileCache()

    public init(files: JobFiles, project: ProjectFile, configuration: PipelineConfiguration, assets: AssetResolver, recorder: JobRecorder) {
        self.files = files
        self.project = project
        self.configuration = configuration
        self.assets = assets
        self.recorder = recorder
    }

    public func plan() throws -> Plan {
        try documents.decode(Plan.self, from: files.plan)
    }

    public func timings() throws -> WordTimings {
        try documents.decode(WordTimings.self, from: files.timings)
    }

    /// Writes a JSON document atomically (sorted keys, readable).
    public func writeJSON<T: Encodable>(_ value: T, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(value) + Data("\n".utf8), to: url)
    }

    public func progress(_ step: PipelineStep, _ fraction: Double) async {
        try? await recorder.progress(step: step, fraction: fraction)
    }

    public func note(_ message: String) async { await recorder.note(message) }
}

/// One stage of the pipeline. A step writes its outputs under temporary names and renames them
/// when complete, so "its outputs exist" means "it finished" (SPEC rule 7).
public protocol JobStepWorker: Sendable {
    var step: PipelineStep { get }
    /// True when the step's outputs are all present, so a resumed or retried job can skip it.
    func isComplete(_ context: StepContext) -> Bool
    func run(_ context: StepContext) async throws
}

/// An error a step raises for a problem the user must fix (not worth retrying as is).
public struct StepFailure: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var retryable: Bool

    public init(_ message: String, retryable: Bool = false) {
        self.message = message
        self.retryable = retryable
    }

    public var description: String { message }
}
