import ArgumentParser
import Foundation

/// `tiktok-ai`: a spool daemon and CLI that turns project files into finished vertical videos.
struct TikTokAI: AsyncParsableCommand {
    /// What `--version`, `/api/health` and the HTTP `Server` header say.
    static let version = "0.10.0"

    static let configuration = CommandConfiguration(
        commandName: "tiktok-ai",
        abstract: "Turns project files dropped into a spool folder into finished TikTok-style vertical videos.",
        discussion: """
        Exit codes: 0 success; 1 error (doctor: a check failed); 2 a job failed; 3 a job was canceled; \
        4 no such job; 5 timed out waiting; 6 the job is not in a state the command applies to (retry of a \
        job that is not failed or canceled, cancel of a finished job); 64 bad usage; 65 invalid project file; \
        75 the spool is locked by another daemon. Each command's help lists the codes it uses.
        Settings: environment variables < a config file (tiktok-ai.json or tiktok-ai.toml beside the spool \
        folder, or --config FILE) < flags; `tiktok-ai doctor` prints each effective value and where it came from.
        """,
        version: version,
        subcommands: [
            ServeCommand.self, RunCommand.self, RenderCommand.self, SubmitCommand.self,
            StatusCommand.self, ListCommand.self, CancelCommand.self, RetryCommand.self, PauseCommand.self,
            ResumeCommand.self, CleanupCommand.self, ReindexCommand.self, BackupCommand.self, DoctorCommand.self,
            PacksCommand.self, LanguagesCommand.self, CacheCommand.self,
        ])
}

/// `--spool DIR` and `--config FILE`, shared by every command.
struct SpoolOption: ParsableArguments {
    @Option(name: .long, help: "The spool folder (default: $SPOOL_DIR, else ./spool).")
    var spool: String?

    @Option(name: .long, help: "A settings file (JSON or TOML; default: tiktok-ai.json or .toml beside the spool folder).")
    var config: String?
}

enum ExitStatus {
    static let failed = ExitCode(2)
    static let canceled = ExitCode(3)
    static let notFound = ExitCode(4)
    static let timedOut = ExitCode(5)
    static let wrongState = ExitCode(6)
    static let invalidProject = ExitCode(65)
    static let locked = ExitCode(75)
}
