import ArgumentParser
import FileSafety
import Foundation
import JobDocuments
import JobQueue
import Pipeline
import ProjectModel
import Spool

/// `render FILE --out DIR`: one project, rendered in the foreground, no spool involved.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Render one project file into a folder, in the foreground.",
        discussion: """
        The folder is the job's folder: status.json, the step outputs, video.mp4. The same project run again \
        into the same folder resumes where it stopped; a changed project starts over. Ctrl-C cancels.
        On a terminal (stderr), each step is shown as it ends and the encode as a progress bar; --quiet, \
        or stderr not a terminal (or TERM=dumb), prints only the result.
        Exit codes: 0 rendered (prints the video's path); 2 failed; 3 canceled; 64 bad usage; 65 invalid project.
        """)

    @Argument(help: "The project file (.json).") var file: String
    @Option(help: "The folder to write the job's files into (created; an existing job there is resumed).") var out: String
    @Flag(help: "No progress display, even on a terminal.") var quiet = false
    @OptionGroup var spool: SpoolOption

    func run() async throws {
        let progress = TerminalProgress.forCommand(quiet: quiet)
        let context = try await CommandContext.load(spool, terminal: progress)
        let settings = context.settings
        let source = URL(filePath: file, relativeTo: URL.currentDirectory()).standardizedFileURL
        let folder = URL(filePath: out, directoryHint: .isDirectory, relativeTo: URL.currentDirectory()).standardizedFileURL
        let data: Data
        do { data = try Data(contentsOf: source) } catch {
            throw ValidationError("cannot read \(source.path): \(error.localizedDescription)")
        }
        do { _ = try ProjectFileParser.parse(data) } catch {
            CLIOutput.error("\(source.lastPathComponent): \(error)")
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
        // Outside a spool there is no `<spool>/../music`: a library only when one is configured.
        let library = settings.source(of: "musicLibraryDir") == .defaultValue ? nil : settings.musicLibraryDirectory
        // A spool's cache when a spool is named: a one-off render in some folder leaves nothing behind.
        let cache = settings.spoolIsExplicit ? ResponseCacheSetup.open(settings) : nil
        let runner = JobRunner(providers: ProviderComposition.catalog(settings, musicLibrary: library, cache: cache),
                               settings: ProviderComposition.pipelineSettings(settings), logger: LogSetup.logger)
        let home = DetachedJobFolder(folder: folder)
        let lease = try home.begin(id: InboxNaming.baseID(forFileName: source.lastPathComponent), source: source.lastPathComponent)
        let recorder: any JobRecorder = progress.map { display in ObservedRecorder(base: home) { display.show($0) } } ?? home
        progress?.show(lease.status)
        let ticker = progress?.startTicking()
        let assets = AssetResolver(roots: [source.deletingLastPathComponent()] + settings.assetRoots)
        let work = Task { await runner.run(lease, recorder: recorder, assets: assets, interruption: .cancel) }
        let interrupt = Task {
            for await _ in await UnixSignalsWatcher.interrupts() { work.cancel() }
        }
        let final = await work.value
        interrupt.cancel()
        ticker?.cancel()
        progress?.stop()
        switch final.state {
        case .done:
            print(files.video.path)
        case .canceled:
            print("canceled: \(folder.path)")
            throw ExitStatus.canceled
        default:
            CLIOutput.error("failed\(final.error?.step.map { " at \($0)" } ?? ""): \(final.error?.message ?? "unknown error")")
            throw ExitStatus.failed
        }
    }
}
