import ArgumentParser
import FileSafety
import Foundation
import Pipeline
import ProjectModel
import Spool

/// `render FILE --out DIR`: one project, rendered in the foreground, no spool involved.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "Render one project file into a folder, in the foreground.")

    @Argument(help: "The project file (.json).") var file: String
    @Option(help: "The folder to write the job's files into (created; an existing job there is resumed).") var out: String

    func run() async throws {
        CLILogging.bootstrap()
        let source = URL(filePath: file, relativeTo: URL.currentDirectory()).standardizedFileURL
        let folder = URL(filePath: out, directoryHint: .isDirectory, relativeTo: URL.currentDirectory()).standardizedFileURL
        let data: Data
        do { data = try Data(contentsOf: source) } catch {
            throw ValidationError("cannot read \(source.path): \(error.localizedDescription)")
        }
        do { _ = try ProjectFileParser.parse(data) } catch {
            FileHandle.standardError.write(Data("tiktok-ai: \(source.lastPathComponent): \(error)\n".utf8))
            throw ExitStatus.invalidProject
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = JobFiles(folder: folder)
        // A changed project file starts over; the same one resumes where it stopped.
        if (try? Data(contentsOf: files.project)) != data {
            for entry in (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [] {
                try FileManager.default.removeItem(at: entry)
            }
            try AtomicFile.write(data, to: files.project)
        }
        let id = InboxNaming.baseID(forFileName: source.lastPathComponent)
        let status = (try? StatusFile.read(in: folder)) ?? JobStatus(id: id, source: source.lastPathComponent)
        let configuration = PipelineConfiguration.fromEnvironment()
        let layout = SpoolLayout(root: folder.deletingLastPathComponent())
        let runner = JobRunner(layout: layout, index: nil, configuration: configuration, logger: CLILogging.logger)
        let recorder = JobRecorder(status: status, folder: folder, index: nil, logger: CLILogging.logger)
        let assets = AssetResolver(roots: [source.deletingLastPathComponent()] + configuration.assetRoots)
        let state = await runner.execute(recorder: recorder, folder: folder, assets: assets, moveWhenDone: false)
        let final = await recorder.status
        switch state {
        case .done:
            print(files.video.path)
        case .canceled:
            print("canceled: \(folder.path)")
            throw ExitStatus.canceled
        default:
            FileHandle.standardError.write(Data("tiktok-ai: failed\(final.error?.step.map { " at \($0)" } ?? ""): \(final.error?.message ?? "unknown error")\n".utf8))
            throw ExitStatus.failed
        }
    }
}
