import ArgumentParser
import Foundation
import JobDocuments
import LogOutput
import Logging
import Media
import Operations
import Settings
import Spool

/// What every command starts from: the settings (read once, in ``SettingsLoader``), the tools they
/// point at, logging at their level, and the spool's operations.
struct CommandContext {
    let settings: Settings
    /// Reads the settings again, from the same sources (the daemon's SIGHUP).
    let reload: @Sendable () async throws -> Settings
    /// Where the log goes; SIGHUP reopens its files.
    let logs: LogOutputs

    /// Reads the settings; `flags` are this command's flags by setting key (only those given).
    /// With a terminal display, the log goes above its live line, and only from warnings up unless
    /// `LOG_LEVEL` says otherwise: the display's step lines say what the info lines would.
    static func load(_ options: SpoolOption, flags: [String: String] = [:],
                     logs destination: LogSetup.Destination = .standardError,
                     terminal: TerminalProgress? = nil) async throws -> CommandContext {
        let settings: Settings
        let loader = SettingsLoader(flags: flags, spoolFlag: options.spool, configFlag: options.config)
        do {
            settings = try await loader.load()
        } catch let error as SettingsError {
            CLIOutput.error("\(error)")
            throw ExitCode(64)
        }
        ToolLocator.configure(.init(ffmpeg: settings.ffmpegPath, ffprobe: settings.ffprobePath))
        let level = terminal != nil && settings.source(of: "logLevel") == .defaultValue ? "warning" : settings.logLevel
        let logs: LogOutputs
        do {
            logs = try LogSetup.bootstrap(settings, level: level, destination: destination, terminal: terminal)
        } catch {
            CLIOutput.error("the log cannot be opened: \(error.localizedDescription)")
            throw ExitCode(64)
        }
        return CommandContext(settings: settings, reload: { try await loader.load() }, logs: logs)
    }

    var layout: SpoolLayout { SpoolLayout(root: settings.spool) }

    var operations: SpoolOperations { SpoolOperations.open(spool: settings.spool) }
}

/// Small helpers every command prints with.
enum CLIOutput {
    /// `tiktok-ai: MESSAGE` on stderr, so stdout stays clean for scripts.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("tiktok-ai: \(message)\n".utf8))
    }

    /// One JSON object on one line, keys sorted: the stable `--json` shape.
    static func json(_ value: some Encodable) {
        guard let data = try? lineEncoder.encode(value) else { return }
        print(String(decoding: data, as: UTF8.self))
    }

    /// A whole document, readable (status.json's own shape).
    static func document(_ value: some Encodable) {
        guard let data = try? documentEncoder.encode(value) else { return }
        print(String(decoding: data, as: UTF8.self))
    }

    private static let lineEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.string(from: date))
        }
        return encoder
    }()

    private static let documentEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.string(from: date))
        }
        return encoder
    }()
}
