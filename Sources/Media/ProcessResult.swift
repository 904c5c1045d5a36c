/// What a finished tool run left behind: how it ended, everything it printed on stdout, and the end
/// of its stderr (where ffmpeg says why it failed).
public struct ProcessResult: Sendable, Hashable {
    /// How the process ended.
    public enum Termination: Sendable, Hashable {
        case exited(Int32)
        case signaled(Int32)
    }

    public var termination: Termination
    public var stdout: String
    /// The last ~4000 characters of stderr.
    public var stderrTail: String

    public init(termination: Termination, stdout: String, stderrTail: String) {
        self.termination = termination
        self.stdout = stdout
        self.stderrTail = stderrTail
    }

    /// The exit status, or 128 + the signal number for a killed process (the shell's convention).
    public var exitCode: Int32 {
        switch termination {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
    }

    public var succeeded: Bool { termination == .exited(0) }
}
