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
public actor SpoolDaemon {
    public struct Options: Sendable {
        public var settleWindow: TimeInterval = 2
        public var rescanInterval: TimeInterval = 30
        /// Poll instead of inotify (network filesystems).
        public var poll = false
        public init() {}
    }

    public struct Summary: Sendable {
        public var done: [String] = []
        public var failed: [String] = []
    }

    private let layout: SpoolLayout
    private let index: JobIndexDatabase?
    private let configuration: PipelineConfiguration
    private let options: Options
    private let logger: Logger
    private let runner: JobRunner
    private let claimer: InboxClaimer

    private var tracker: InboxTracker
    private var running: [String: Task<Void, Never>] = [:]
    private var summary = Summary()
    private var stopRequested = false
    private var lastRescan = Date.distantPast
    private var queueDirty = true
    private var queue: [(id: String, priority: Int, createdAt: Date)] = []

    public init(layout: SpoolLayout, index: JobIndexDatabase?, configuration: PipelineConfiguration,
                options: Options = Options(), logger: Logger) {
        self.layout = layout
        self.index = index
        self.configuration = configuration
        self.options = options
        self.logger = logger
        self.runner = JobRunner(layout: layout, index: index, configuration: configuration, logger: logger)
        self.claimer = InboxClaimer(layout: layout, isIndexed: { id in (try? index?.containsJob(id: id)) ?? false })
        self.tracker = InboxTracker(settleWindow: options.settleWindow)
    }

    public func stop() { stopRequested = true }

    /// Serves until ``stop()`` (or, with `once`, until the inbox and queue are empty).
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
        logger.info("serving spool \(layout.root.path) (\(options.poll ? "polling" : "inotify"), up to \(configuration.maxConcurrentJobs) jobs at once)")
        while !stopRequested {
            let now = Date()
            if now.timeIntervalSince(lastRescan) >= (options.poll ? 1 : options.rescanInterval) { rescan(at: now) }
            claimReadyFiles(at: now)
            dispatch()
            if once && tracker.isEmpty && running.isEmpty && queue.isEmpty && !queueDirty {
                rescan(at: Date())
                if tracker.isEmpty && queue.isEmpty { break }
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
        for task in running.values { await task.value }
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
            guard InboxNaming.kind(of: name) != nil else { return }
            tracker.observe(name, change: change, at: Date(), in: layout.inbox)
        }
    }

    /// The truth: every project file in the inbox becomes a candidate; the queue is re-read.
    private func rescan(at now: Date) {
        lastRescan = now
        let names = (try? FileManager.default.contentsOfDirectory(atPath: layout.inbox.path)) ?? []
        for name in names where InboxNaming.kind(of: name) != nil {
            tracker.observe(name, change: nil, at: now, in: layout.inbox)
        }
        queueDirty = true
    }

    private func claimReadyFiles(at now: Date) {
        for (name, readiness) in tracker.review(at: now, in: layout.inbox) {
            do {
                switch InboxNaming.kind(of: name) {
                case .batch?:
                    // A batch is judged line by line; it is taken once complete.
                    guard readiness == .final || (readiness == .tryParse && Self.endsWithNewlineOrIsStable(layout.inbox.appending(path: name))) else { continue }
                    let jobs = try claimer.claimBatch(named: name, now: now)
                    tracker.forget(name)
                    record(jobs, from: name)
                case .project?:
                    let verdict = InboxClaimer.judge(fileAt: layout.inbox.appending(path: name))
                    if case .bad = verdict, readiness == .tryParse {
                        tracker.parseFailed(name)
                        continue
                    }
                    let job = try claimer.claimProject(named: name, verdict: verdict, now: now)
                    tracker.forget(name)
                    record([job], from: name)
                case nil:
                    tracker.forget(name)
                }
            } catch {
                tracker.forget(name)
                logger.error("cannot claim \(name): \(error)")
            }
        }
    }

    private static func endsWithNewlineOrIsStable(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd(), end > 0 else { return false }
        try? handle.seek(toOffset: end - 1)
        return (try? handle.read(upToCount: 1)) == Data([0x0A])
    }

    private func record(_ jobs: [ClaimedJob], from name: String) {
        try? index?.recordMany(jobs.map { ($0.status, $0.folder.deletingLastPathComponent().lastPathComponent) })
        for job in jobs {
            if let error = job.status.error {
                logger.warning("\(name) → failed/\(job.id): \(error.message)")
                summary.failed.append(job.id)
                try? index?.appendEvent(jobID: job.id, kind: "error", message: error.message)
            } else {
                logger.info("\(name) → queued/\(job.id)")
                try? index?.appendEvent(jobID: job.id, kind: "claimed", message: "claimed from \(job.status.source)")
            }
        }
        queueDirty = true
    }

    // MARK: Running jobs

    private func dispatch() {
        if queueDirty { reloadQueue() }
        guard !layout.isPaused else { return }
        while running.count < configuration.maxConcurrentJobs, !queue.isEmpty {
            let next = queue.removeFirst()
            guard running[next.id] == nil else { continue }
            let runner = self.runner
            running[next.id] = Task { [weak self] in
                let state = await runner.run(jobID: next.id)
                await self?.finished(next.id, state: state)
            }
        }
    }

    private func finished(_ id: String, state: JobState) {
        running[id] = nil
        if state == .done { summary.done.append(id) } else { summary.failed.append(id) }
        queueDirty = true
    }

    /// Reads `queued/` and orders it: priority (high first), then creation time.
    private func reloadQueue() {
        queueDirty = false
        var entries: [(id: String, priority: Int, createdAt: Date)] = []
        for id in layout.jobIDs(inFolder: "queued") where running[id] == nil {
            let folder = layout.jobFolder(id: id, state: .queued)
            let status = try? StatusFile.read(in: folder)
            entries.append((id, status?.priority ?? 0, status?.createdAt ?? .distantPast))
        }
        queue = entries.sorted { a, b in
            a.priority != b.priority ? a.priority > b.priority : (a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id)
        }
    }

    /// Finishes interrupted claims and puts jobs a crash left in `running/` back in the queue.
    private func recoverAtStart() throws {
        let recovered = try claimer.recoverStaging()
        if !recovered.isEmpty { record(recovered, from: "an interrupted claim") }
        for id in layout.jobIDs(inFolder: "running") {
            let from = layout.jobFolder(id: id, state: .running)
            let to = layout.jobFolder(id: id, state: .queued)
            var status = (try? StatusFile.read(in: from)) ?? JobStatus(id: id, source: "unknown")
            status.attempt += 1
            status.state = .queued
            status.updatedAt = Date()
            try StatusFile.write(status, in: from)
            try AtomicFile.move(from, to: to)
            try? index?.record(status, folder: "queued")
            try? index?.appendEvent(jobID: id, kind: "resumed", message: "was running when the daemon stopped; queued again (attempt \(status.attempt))")
            logger.info("running/\(id) → queued/\(id): resuming, attempt \(status.attempt)")
        }
    }
}
