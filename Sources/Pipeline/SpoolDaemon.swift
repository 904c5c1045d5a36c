import FileSafety
import Foundation
import JobIndex
import Logging
import ProjectModel
import Spool

/// The daemon: watches `inbox/`, claims files once they are complete, and runs queued jobs, at most
/// `maxConcurrentJobs` at a time, highest priority first, then first in, first out.
///
/// inotify events only make it look sooner: a scan at start and a rescan every `rescanInterval` are
/// the truth (SPEC rule 6). `run(once: true)` drains the inbox and the queue, then returns — for cron.
/// ``drain()`` (SIGTERM) stops claiming and starting, puts running jobs back in the queue, and returns.
public actor SpoolDaemon {
    public struct Options: Sendable {
        public var settleWindow: TimeInterval = 2
        public var rescanInterval: TimeInterval = 30
        /// Poll instead of inotify (network filesystems).
        public var poll = false
        /// How long a drain waits for running jobs to reach a safe point before returning anyway (they
        /// are then recovered from `running/` at the next start).
        public var drainTimeout: TimeInterval = 8
        /// The fatal signal the previous daemon on this spool died of, if it crashed (``CrashMarker``).
        public var previousCrash: Int32?
        public init() {}
    }

    public struct Summary: Sendable {
        public var done: [String] = []
        public var failed: [String] = []
        /// Jobs left queued: `run --once` found the spool paused or short of disk space.
        public var waiting: [String] = []
        /// Why they wait.
        public var waitingReason: String?
    }

    private struct QueueEntry: Sendable {
        var id: String
        var priority: Int
        var createdAt: Date
    }

    private let layout: SpoolLayout
    private let index: JobIndexDatabase?
    private let configuration: PipelineConfiguration
    private let options: Options
    private let logger: Logger
    private let control = RunControl()
    private let runner: JobRunner
    private let claimer: InboxClaimer
    private let policy: RetryPolicy

    private var tracker: InboxTracker
    private var running: [String: Task<Void, Never>] = [:]
    private var summary = Summary()
    private var stopRequested = false
    private var draining = false
    private var lastRescan = Date.distantPast
    private var lastSweep = Date.distantPast
    private var sweeping = false
    /// Ids this process has already marked purged (or found purged), so each is looked at once.
    private var purgedHandled = Set<String>()
    private var queueDirty = true
    private var queue: [QueueEntry] = []
    /// Priorities and creation times of queued jobs already read, so a reload reads only new status files.
    private var known: [String: QueueEntry] = [:]
    /// Free megabytes when the last start was held back for disk space (for logging the change once).
    private var heldForDisk: Int64?
    /// The index's ids, for the claimer's uniqueness check without a query per file.
    private let knownIDs: KnownJobIDs

    public init(layout: SpoolLayout, index: JobIndexDatabase?, configuration: PipelineConfiguration,
                options: Options = Options(), logger: Logger) {
        self.layout = layout
        self.index = index
        self.configuration = configuration
        self.options = options
        self.logger = logger
        self.runner = JobRunner(layout: layout, index: index, configuration: configuration, logger: logger, control: control)
        let knownIDs = KnownJobIDs(index: index)
        self.knownIDs = knownIDs
        self.claimer = InboxClaimer(layout: layout, isIndexed: { id in knownIDs.contains(id) })
        self.tracker = InboxTracker(settleWindow: options.settleWindow)
        self.policy = RetryPolicy(limit: configuration.sameFailureLimit)
    }

    /// Stops after the running jobs finish.
    public func stop() { stopRequested = true }

    /// SIGTERM: no more claims or starts; running jobs stop at their current step and go back to `queued/`.
    public func drain() {
        guard !draining else { return }
        logger.info("draining: \(running.count) running job\(running.count == 1 ? "" : "s") go back to the queue")
        stopRequested = true
        draining = true
        control.drain()
    }

    /// Serves until ``stop()`` or ``drain()`` (or, with `once`, until the inbox and queue are empty).
    public func run(once: Bool = false) async throws -> Summary {
        try layout.create()
        try recoverAtStart()
        var watcher: FolderWatcher?
        if !options.poll {
            let (started, events) = try FolderWatcher.start(watching: [layout.inbox, layout.queued])
            watcher = started
            Task { [weak self] in
                for await event in events { await self?.handle(event) }
            }
        }
        defer { watcher?.stop() }
        logger.info("serving spool \(layout.root.path) (\(options.poll ? "polling" : "inotify"), up to \(configuration.maxConcurrentJobs) jobs at once\(configuration.renderDryRun ? ", dry run" : ""))")
        while !stopRequested {
            let now = Date()
            if now.timeIntervalSince(lastRescan) >= (options.poll ? 1 : options.rescanInterval) { rescan(at: now) }
            if now.timeIntervalSince(lastSweep) >= options.rescanInterval { sweepPurged(at: now) }
            let moreReady = claimReadyFiles(at: now)
            dispatch()
            if moreReady {
                await Task.yield()
                continue
            }
            if once && tracker.isEmpty && running.isEmpty {
                if queue.isEmpty && !queueDirty {
                    rescan(at: Date())
                    if tracker.isEmpty && queue.isEmpty { break }
                } else if let reason = blockedReason() {
                    // Nothing can start: report the waiting jobs instead of waiting for ever.
                    summary.waiting = queue.map(\.id)
                    summary.waitingReason = reason
                    logger.warning("\(queue.count) queued job\(queue.count == 1 ? "" : "s") wait: \(reason)")
                    break
                }
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
        if draining {
            let deadline = Date().addingTimeInterval(options.drainTimeout)
            while !running.isEmpty && Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
            if !running.isEmpty {
                logger.warning("\(running.count) job\(running.count == 1 ? "" : "s") did not stop in time; they resume from running/ at the next start")
            }
        } else {
            while !running.isEmpty { try? await Task.sleep(for: .milliseconds(50)) }
        }
        return summary
    }

    // MARK: Events and scans

    private func handle(_ event: FolderWatcher.Event) {
        switch event {
        case .overflow:
            logger.warning("inotify queue overflowed; rescanning")
            rescan(at: Date())
        case .changed(let folder, let name, let change):
            if folder == layout.queued || folder.path == layout.queued.path {
                if !name.hasPrefix(".") { queueDirty = true }
                return
            }
            guard InboxNaming.kind(of: name) != nil || claimer.isReturnedFolder(named: name) else { return }
            tracker.observe(name, change: change, at: Date(), in: layout.inbox)
        }
    }

    /// The truth: every project file (and job folder moved back) in the inbox becomes a candidate; the
    /// queue is re-read.
    private func rescan(at now: Date) {
        lastRescan = now
        let names = (try? FileManager.default.contentsOfDirectory(atPath: layout.inbox.path)) ?? []
        for name in names where InboxNaming.kind(of: name) != nil || claimer.isReturnedFolder(named: name) {
            tracker.observe(name, change: nil, at: now, in: layout.inbox)
        }
        queueDirty = true
    }

    /// Folders deleted from outside are normal (SPEC rule 10): their jobs are marked purged, off the actor.
    private func sweepPurged(at now: Date) {
        lastSweep = now
        guard let index, !sweeping else { return }
        sweeping = true
        let sweeper = PurgeSweeper(layout: layout, index: index)
        let skip = purgedHandled
        let logger = self.logger
        Task.detached { [weak self] in
            var result = PurgeSweeper.Result()
            do {
                result = try sweeper.sweep(skip: skip)
            } catch {
                logger.warning("purge sweep failed: \(error)")
            }
            for id in result.marked { logger.info("\(id): folder removed from outside; marked purged") }
            await self?.sweepFinished(result.marked + result.alreadyPurged)
        }
    }

    private func sweepFinished(_ handled: [String]) {
        sweeping = false
        purgedHandled.formUnion(handled)
    }

    /// Claims what is ready, at most `limit` files a turn so jobs keep starting during a big drop.
    /// Returns true when more were ready than claimed.
    @discardableResult
    private func claimReadyFiles(at now: Date, limit: Int = 1000) -> Bool {
        let ready = tracker.review(at: now, in: layout.inbox)
        // Plain project files are claimed together, with one flush (``InboxClaimer/claimProjects(_:now:)``).
        var projects: [(name: String, verdict: InboxClaimer.Verdict)] = []
        defer { claimTogether(projects, at: now) }
        for (name, readiness) in ready.prefix(limit) {
            if InboxNaming.kind(of: name) == .project {
                let verdict = InboxClaimer.judge(fileAt: layout.inbox.appending(path: name))
                if case .bad = verdict, readiness == .tryParse {
                    tracker.parseFailed(name)
                    continue
                }
                projects.append((name, verdict))
                continue
            }
            do {
                if claimer.isReturnedFolder(named: name) {
                    // A job folder moved back: retried once its status parses (or once it has settled).
                    if readiness == .tryParse, (try? StatusFile.read(in: layout.inbox.appending(path: name))) == nil {
                        tracker.parseFailed(name)
                        continue
                    }
                    let job = try claimer.claimReturnedFolder(named: name, policy: policy, now: now)
                    tracker.forget(name)
                    known[job.id] = nil
                    record([job], from: name, returned: true)
                    continue
                }
                switch InboxNaming.kind(of: name) {
                case .batch?:
                    // A batch is judged line by line; it is taken once complete.
                    guard readiness == .final || (readiness == .tryParse && Self.endsWithNewlineOrIsStable(layout.inbox.appending(path: name))) else { continue }
                    let jobs = try claimer.claimBatch(named: name, now: now)
                    tracker.forget(name)
                    record(jobs, from: name)
                    dispatch()
                case .project?, nil:
                    tracker.forget(name)
                }
            } catch {
                tracker.forget(name)
                logger.error("cannot claim \(name): \(error)")
            }
        }
        return ready.count > limit
    }

    private func claimTogether(_ projects: [(name: String, verdict: InboxClaimer.Verdict)], at now: Date) {
        guard !projects.isEmpty else { return }
        let (jobs, errors) = claimer.claimProjects(projects, now: now)
        for (name, _) in projects { tracker.forget(name) }
        for (name, error) in errors { logger.error("cannot claim \(name): \(error)") }
        record(jobs, from: nil)
    }

    private static func endsWithNewlineOrIsStable(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd(), end > 0 else { return false }
        try? handle.seek(toOffset: end - 1)
        return (try? handle.read(upToCount: 1)) == Data([0x0A])
    }

    /// Indexes claimed jobs and logs them; `name` is the inbox file (nil: each job's own source).
    private func record(_ jobs: [ClaimedJob], from name: String?, returned: Bool = false) {
        try? index?.recordMany(jobs.map { ($0.status, $0.folder.deletingLastPathComponent().lastPathComponent) })
        knownIDs.insert(jobs.map(\.id))
        var events: [(id: String, kind: String, message: String)] = []
        for job in jobs {
            let name = name ?? job.status.source
            if let error = job.status.error {
                logger.warning("\(name) → failed/\(job.id): \(error.message)")
                summary.failed.append(job.id)
                events.append((job.id, "error", error.message))
            } else if returned {
                logger.info("\(name) → queued/\(job.id): moved back into the inbox, attempt \(job.status.attempt)")
                events.append((job.id, "retry", "moved back into the inbox; queued again for attempt \(job.status.attempt)"))
            } else {
                logger.info("\(name) → queued/\(job.id)")
                events.append((job.id, "claimed", "claimed from \(job.status.source)"))
            }
            purgedHandled.remove(job.id)
        }
        // Written with the next batch of deferred updates, many in one transaction, off the actor.
        let now = Date()
        for event in events { index?.appendEventSoon(jobID: event.id, kind: event.kind, message: event.message, at: now) }
        queueDirty = true
    }

    // MARK: Running jobs

    /// Why no job can start now, or nil when they can.
    private func blockedReason() -> String? {
        if layout.isPaused { return "the spool is paused (\(layout.pauseFile.path)); `tiktok-ai resume` starts them" }
        if let free = heldForDisk {
            return "only \(free) MB free on the spool's filesystem (MIN_FREE_DISK_MB \(configuration.minFreeDiskMB))"
        }
        return nil
    }

    /// Starts queued jobs while there are free slots. `reload` re-reads `queued/` first when it changed.
    private func dispatch(reload: Bool = true) {
        if reload && queueDirty { reloadQueue() }
        guard !stopRequested, !queue.isEmpty, running.count < configuration.maxConcurrentJobs, !layout.isPaused, hasFreeSpace() else { return }
        while running.count < configuration.maxConcurrentJobs, !queue.isEmpty {
            let next = queue.removeFirst()
            known[next.id] = nil
            guard running[next.id] == nil else { continue }
            let runner = self.runner
            running[next.id] = Task { [weak self] in
                let state = await runner.run(jobID: next.id)
                await self?.finished(next.id, state: state)
            }
        }
    }

    /// No job starts while the spool's filesystem has less than `MIN_FREE_DISK_MB` free: they wait queued.
    private func hasFreeSpace() -> Bool {
        guard configuration.minFreeDiskMB > 0, let free = DiskSpace.freeMegabytes(at: layout.root) else { return true }
        if free < configuration.minFreeDiskMB {
            if heldForDisk == nil {
                logger.warning("only \(free) MB free on the spool's filesystem (MIN_FREE_DISK_MB \(configuration.minFreeDiskMB)): queued jobs wait")
            }
            heldForDisk = free
            return false
        }
        if heldForDisk != nil { logger.info("\(free) MB free again: starting queued jobs") }
        heldForDisk = nil
        return true
    }

    private func finished(_ id: String, state: JobState?) {
        running[id] = nil
        switch state {
        case .done?: summary.done.append(id)
        case .failed?, .canceled?: summary.failed.append(id)
        case .queued?: queueDirty = true
        default: break
        }
        // The next job starts at once; the queue is re-read by the main loop, not after every job.
        dispatch(reload: queue.isEmpty)
    }

    /// Reads `queued/` and orders it: priority (high first), then creation time, then id.
    private func reloadQueue() {
        queueDirty = false
        var entries: [String: QueueEntry] = [:]
        for id in layout.jobIDs(inFolder: "queued") where running[id] == nil {
            if let entry = known[id] {
                entries[id] = entry
                continue
            }
            let status = try? StatusFile.read(in: layout.jobFolder(id: id, state: .queued))
            entries[id] = QueueEntry(id: id, priority: status?.priority ?? 0, createdAt: status?.createdAt ?? .distantPast)
        }
        known = entries
        queue = entries.values.sorted { a, b in
            a.priority != b.priority ? a.priority > b.priority : (a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id)
        }
    }

    /// Job folders the index has never heard of — the daemon was killed between publishing a claim and
    /// indexing it — are recorded now, so the index agrees with the folders again.
    private func indexUnknownFolders() {
        guard let index, let known = try? index.allJobIDs() else { return }
        var missing: [(JobStatus, String)] = []
        for name in SpoolLayout.stateFolderNames {
            for id in layout.jobIDs(inFolder: name) where !known.contains(id) {
                guard var status = try? StatusFile.read(in: layout.folder(named: name).appending(path: id)) else { continue }
                status.id = id
                missing.append((status, name))
            }
        }
        guard !missing.isEmpty else { return }
        try? index.recordMany(missing)
        logger.info("indexed \(missing.count) job folder\(missing.count == 1 ? "" : "s") the index did not know yet")
    }

    /// Finishes interrupted claims and puts jobs a crash left in `running/` back in the queue, each with
    /// its interrupted attempt recorded — unless its last attempts all ended the same way (a poison pill).
    private func recoverAtStart() throws {
        let recovered = try claimer.recoverStaging()
        if !recovered.isEmpty { record(recovered, from: "an interrupted claim") }
        defer { indexUnknownFolders() }
        let leftovers = layout.jobIDs(inFolder: "running")
        if !leftovers.isEmpty { OrphanReaper.reap(layout: layout, logger: logger) }
        for id in leftovers {
            let from = layout.jobFolder(id: id, state: .running)
            var status = (try? StatusFile.read(in: from)) ?? JobStatus(id: id, source: "unknown")
            let step = status.steps.last { $0.state == .running }?.name ?? status.step
            let during = step.map { " during \($0.rawValue)" } ?? ""
            if let signal = options.previousCrash {
                status.recordAttempt(.crashed, step: step?.rawValue, message: "the daemon crashed (\(CrashMarker.name(of: signal)))\(during)")
            } else {
                status.recordAttempt(.interrupted, step: step?.rawValue, message: "the daemon stopped\(during) (killed, or the machine went down)")
            }
            status.steps.removeAll { $0.state == .running }
            let now = Date()
            if let repeated = policy.repeatedFailure(in: status) {
                status.state = .failed
                status.error = policy.givingUp(on: repeated)
                status.finishedAt = now
                status.updatedAt = now
            } else {
                status.prepareRetry(now: now)
            }
            let to = layout.jobFolder(id: id, state: status.state)
            // Status, then the index (with the destination), then the move: a kill at any point leaves
            // the job in running/ for the next start, or moved with an index that already agrees.
            try StatusFile.write(status, in: from)
            try? index?.record(status, folder: to.deletingLastPathComponent().lastPathComponent)
            try AtomicFile.move(from, to: to)
            if let error = status.error {
                try? index?.appendEvent(jobID: id, kind: "error", message: error.message)
                logger.error("running/\(id) → failed/\(id): \(error.message)")
            } else {
                try? index?.appendEvent(jobID: id, kind: "resumed", message: "was running when the daemon stopped; queued again (attempt \(status.attempt))")
                logger.info("running/\(id) → queued/\(id): resuming, attempt \(status.attempt)")
            }
        }
    }
}
