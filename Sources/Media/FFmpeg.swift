/// ffmpeg with the flags every call here wants: no banner, never read stdin (a daemon has none),
/// overwrite outputs (they are temporary names), and errors only on stderr.
enum FFmpeg {

    @discardableResult
    static func run(
        _ arguments: [String],
        timeout: Duration,
        logLevel: String = "error",
        onStderrLine: (@Sendable (String) -> Void)? = nil
    ) async throws -> ProcessResult {
        try await ProcessRunner.run(
            try ToolLocator.ffmpeg(),
            ["-hide_banner", "-nostdin", "-nostats", "-y", "-v", logLevel] + arguments,
            timeout: timeout,
            onStderrLine: onStderrLine)
    }

    /// `file:` keeps a path from being read as a protocol (`a:b.png`) and from starting with `-`.
    static func path(_ url: some CustomStringConvertible) -> String { "file:\(url)" }
}
