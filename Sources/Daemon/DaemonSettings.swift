/// What the daemon's services are tuned by; the CLI builds it from the settings.
public struct DaemonSettings: Sendable {
    /// Jobs run at once (`MAX_CONCURRENT_JOBS`, `--jobs`).
    public var maxConcurrentJobs = 2
    /// Jobs started beyond ``maxConcurrentJobs`` to wait on remote providers while the others
    /// render (`MAX_NETWORK_JOBS`; 0 when every provider is offline). They hold no render slot
    /// until a step needs this machine (``Pipeline/RenderSlots``).
    public var networkJobs = 0
    /// How long an in-place write must be still before the file is judged (`--settle`).
    public var settleWindow: Duration = .seconds(2)
    /// Full rescans of the inbox, and sweeps for folders removed from outside (`--rescan`).
    public var rescanInterval: Duration = .seconds(30)
    /// Poll instead of inotify (network filesystems): a rescan every second.
    public var poll = false
    /// How long a drain (SIGTERM) waits for running jobs to reach a safe point before the daemon exits
    /// anyway; jobs still running are then recovered from `running/` at the next start.
    public var drainTimeout: Duration = .seconds(8)
    /// No job starts while the spool's filesystem has less free space than this (`MIN_FREE_DISK_MB`).
    public var minFreeDiskMB: Int64 = 500
    /// While jobs are held (paused, low disk), how often the hold is looked at again.
    public var holdRecheck: Duration = .seconds(1)
    /// Run until the inbox and the queue are empty, then stop (`run --once`, for cron).
    public var once = false

    public init() {}
}
