import ArgumentParser
import Foundation
import Spool

/// `pause` and `resume`: the `spool/PAUSE` file (maintenance mode). Running jobs finish; none start.
struct PauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Stop starting new jobs (creates spool/PAUSE); running jobs finish.",
        discussion: "Files dropped meanwhile are still claimed and queued. Exit codes: 0 paused (or already paused); 1 the file cannot be created.")

    @OptionGroup var spool: SpoolOption

    func run() async throws {
        let layout = try await CommandContext.load(spool).layout
        if layout.isPaused {
            print("already paused (\(layout.pauseFile.path))")
            return
        }
        try FileManager.default.createDirectory(at: layout.root, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: layout.pauseFile.path, contents: Data("paused \(Date())\n".utf8)) else {
            CLIOutput.error("cannot create \(layout.pauseFile.path)")
            throw ExitCode.failure
        }
        let running = layout.jobIDs(in: .running).count
        print("paused: no new job starts\(running > 0 ? "; \(running) running job\(running == 1 ? "" : "s") will finish" : "")")
    }
}

struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Start jobs again (removes spool/PAUSE).",
        discussion: "Exit codes: 0 resumed (or was not paused); 1 the file cannot be removed.")

    @OptionGroup var spool: SpoolOption

    func run() async throws {
        let layout = try await CommandContext.load(spool).layout
        guard layout.isPaused else {
            print("not paused")
            return
        }
        do {
            try FileManager.default.removeItem(at: layout.pauseFile)
        } catch {
            CLIOutput.error("cannot remove \(layout.pauseFile.path): \(error.localizedDescription)")
            throw ExitCode.failure
        }
        print("resumed: \(layout.jobIDs(in: .queued).count) queued jobs may start")
    }
}
