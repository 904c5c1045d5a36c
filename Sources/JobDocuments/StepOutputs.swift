import Foundation

/// What one pipeline step leaves in a job folder, declared once for every use:
/// - a step whose outputs are all present is skipped when a job resumes or is retried (``isComplete``);
/// - `retry --from STEP` deletes ``removable`` of that step and every later one, so they really run again;
/// - ``artifacts`` fill `status.json`'s `artifacts` (the paths a script looks for).
///
/// Every step writes its files under temporary names and renames them when complete (SPEC rule 7), so
/// "present" means "finished".
public struct StepOutputs: Sendable {
    /// Files that must all exist.
    public var required: [URL]
    /// Groups of which at least one file must exist (music: a bed, or the note that there is none).
    public var oneOf: [[URL]]
    /// What `retry --from` deletes: the required files, or the folders that hold them.
    public var removable: [URL]
    /// The outputs `status.json` lists under `artifacts`, by their key there.
    public var artifacts: [(kind: JobStatus.ArtifactKind, file: URL)]

    public init(required: [URL], oneOf: [[URL]] = [], removable: [URL]? = nil,
                artifacts: [(kind: JobStatus.ArtifactKind, file: URL)] = []) {
        self.required = required
        self.oneOf = oneOf
        self.removable = removable ?? (required + oneOf.flatMap { $0 })
        self.artifacts = artifacts
    }

    /// True when every required file exists and every group has one.
    public func isComplete(in files: JobFiles) -> Bool {
        required.allSatisfy(files.exists) && oneOf.allSatisfy { $0.contains(where: files.exists) }
    }
}

extension PipelineStep {
    /// The step's outputs in `files`. `sceneIndices` are the plan's scenes (the images step writes one
    /// picture and its record each); nil when there is no readable plan, which leaves that step incomplete.
    public func outputs(in files: JobFiles, sceneIndices: [Int]?) -> StepOutputs {
        switch self {
        case .plan:
            StepOutputs(required: [files.plan], artifacts: [(.plan, files.plan)])
        case .voice:
            StepOutputs(required: [files.voiceover, files.speech], removable: [files.audioFolder])
        case .align:
            StepOutputs(required: [files.timings])
        case .images:
            // Each scene's record is written once its picture (a still or a clip) is in place.
            StepOutputs(required: sceneIndices.map { $0.map(files.sceneVisual) } ?? [files.imagesFolder.appending(path: "missing-plan")],
                        removable: [files.imagesFolder])
        case .captions:
            StepOutputs(required: [files.captions], artifacts: [(.captions, files.captions)])
        case .music:
            StepOutputs(required: [], oneOf: [[files.music, files.musicNone]])
        case .render:
            StepOutputs(required: [files.video], artifacts: [(.video, files.video)])
        case .finalize:
            StepOutputs(required: [files.thumbnail, files.firstFrame, files.middleFrame, files.export],
                        artifacts: [(.thumbnail, files.thumbnail), (.export, files.export)])
        }
    }

    /// Deletes the outputs of this step and of every later one; returns the paths removed, relative to
    /// the job folder. The images step's files are found by their folder, so no plan is needed.
    @discardableResult
    public func removeOutputs(fromHereOn files: JobFiles) throws -> [String] {
        var removed: [String] = []
        for later in PipelineStep.allCases where later >= self {
            for url in later.outputs(in: files, sceneIndices: []).removable where files.exists(url) {
                try FileManager.default.removeItem(at: url)
                removed.append(files.relative(url))
            }
        }
        return removed
    }
}

extension JobStatus {
    /// The declared artifacts as paths relative to a job folder, worked out once from
    /// ``PipelineStep/outputs(in:sceneIndices:)``: every step's end asks which exist.
    private static let artifactPaths: [(kind: ArtifactKind, path: String)] = {
        let files = JobFiles(folder: URL(filePath: "/job", directoryHint: .isDirectory))
        return PipelineStep.allCases.flatMap { step in
            step.outputs(in: files, sceneIndices: []).artifacts.map { ($0.kind, files.relative($0.file)) }
        }
    }()

    /// Sets `artifacts` to the declared artifacts present in `files` now.
    public mutating func fillArtifacts(from files: JobFiles) {
        var found = Artifacts()
        let base = files.folder.path
        for (kind, path) in Self.artifactPaths where FileManager.default.fileExists(atPath: base + "/" + path) {
            found[kind] = path
        }
        artifacts = found
    }
}
