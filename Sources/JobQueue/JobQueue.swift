import JobDocuments

/// Where a running job's changes go: its status at every step, its log lines, and its end. The one
/// owner of a job's state while it runs; the pipeline never writes a status or moves a folder itself.
///
/// Every method applies the transition's changes to the status (``JobTransitions``), records it
/// durably, tells the index where the job is going, and only then moves it — so a process killed at
/// any point leaves the job where it was, or moved with everything agreeing.
public protocol JobRecorder: Sendable {
    /// Records a running job's status: at each step change, and at most once a second for progress
    /// (the caller throttles).
    func update(_ job: LeasedJob, status: JobStatus) async throws
    /// A line in the job's log (`job.log`, the index's events).
    func log(_ job: LeasedJob, _ kind: JobEventKind, _ message: String) async
    /// True once someone asked to cancel this job (`tiktok-ai cancel`, a `CANCEL` file).
    func isCancelRequested(_ job: LeasedJob) async -> Bool
    /// Ends a run: done, failed or canceled. Returns the final status.
    func finish(_ job: LeasedJob, status: JobStatus, as outcome: JobOutcome) async throws -> JobStatus
    /// Puts a running job back to wait (the daemon stopping, too little disk): not a failure; it
    /// resumes at its first unfinished step. Returns the status it waits with.
    func requeue(_ job: LeasedJob, status: JobStatus, reason: String) async throws -> JobStatus
}

/// The job queue seam: which jobs wait, starting one, control, and recovery. The folder spool
/// (`Spool.FolderQueue`) is the first implementation; a PostgreSQL queue shared by many hosts can be
/// another. Callers rely only on what is said here — not on folders, and not on "a job found running
/// at start is orphaned", which is how the folder queue recovers but not how a shared queue would.
public protocol JobQueue: JobRecorder {
    /// Jobs waiting to start, with what the scheduler orders them by. Not leased to anyone.
    func waitingJobs() async throws -> [WaitingJob]
    /// Starts the waiting job `id` for this process (queued → running) and returns its lease; nil
    /// when it no longer waits (canceled or removed a moment ago).
    func start(_ id: String) async throws -> LeasedJob?
    /// Cancels a job: a waiting one at once, a running one by asking its runner to stop.
    func cancel(id: String) async throws -> CancelOutcome
    /// Queues a failed or canceled job again for its next attempt, reusing finished steps; with `from`,
    /// that step and every later one are forgotten and their files deleted, so they run again.
    ///
    /// - Throws: ``JobQueueError/notFound(_:)``, ``JobQueueError/notRetryable(id:state:)``.
    func retry(id: String, from step: PipelineStep?) async throws -> JobStatus
    /// Finds the jobs whose runner is gone (a crash, a kill, a dead host) and queues them again with
    /// `attempt + 1`, or fails them when the retry policy says they are a poison pill.
    func recoverAbandoned(_ context: RecoveryContext) async throws -> [RecoveredJob]
}
