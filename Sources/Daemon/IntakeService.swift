import Foundation
import JobDocuments
import JobQueue
import Logging
import ServiceLifecycle
import Spool
import Synchronization

/// The front door: watches the inbox, decides when a dropped file is complete (``InboxTracker``),
/// judges it and claims it through the queue — a project, a batch, or a job folder moved back in — and
/// tells the scheduler what now waits.
///
/// inotify events are hints: a scan at start and a rescan every `rescanInterval` (every second with
/// `poll`) are the truth (SPEC rule 6); an `IN_Q_OVERFLOW` rescans at once. It waits on events and on
/// its next deadline (the earliest settle window to end, the next rescan), on the injected clock.
final class IntakeService<C: Clock>: Service where C.Duration == Duration, C.Instant: Sendable {
    private enum Input: Sendable {
        /// Hints are waiting in the buffer.
        case hints
        case deadline
    }

    /// Files claimed a turn at most, so jobs keep starting during a big drop.
    static var claimsPerTurn: Int { 1000 }

    private let queue: FolderQueue
    private let watcher: (any InboxWatching)?
    private let settings: DaemonSettings
    private let clock: C
    private let post: AsyncStream<SchedulerInput>.Continuation
    private let startup: Latch
    private let events: DaemonEventLog
    private let logger: Logger

    init(queue: FolderQueue, watcher: (any InboxWatching)?, settings: DaemonSettings, clock: C,
         post: AsyncStream<SchedulerInput>.Continuation, startup: Latch, events: DaemonEventLog, logger: Logger) {
        self.queue = queue
        self.watcher = watcher
        self.settings = settings
        self.clock = clock
        self.post = post
        self.startup = startup
        self.events = events
        self.logger = logger
    }

    private var layout: SpoolLayout { queue.layout }
    /// Hints about `queued/` carry this folder.
    private var queuedPath: String { layout.folder(.queued).path }

    func run() async throws {
        await startup.wait()
        guard !Task.isCancelled else { return }
        let (inputs, input) = AsyncStream<Input>.makeStream()
        let hints = try watcher?.start()
        defer { watcher?.stop() }
        // From here a drop is seen: by a hint, or by the scan the first turn below makes.
        events.record(.watching)
        // Hints pile up in a buffer and wake the loop once: a burst of 10,000 renames costs one pass
        // over the candidates, not one each (the wake-ups are collapsed, as Postfix's triggers are).
        let buffer = HintBuffer()
        let forwarder = Task {
            guard let hints else { return }
            for await hint in hints where buffer.append(hint) { input.yield(.hints) }
        }
        defer { forwarder.cancel() }

        var tracker = InboxTracker<C.Instant>(settleWindow: settings.settleWindow)
        // Ids this intake published lately: their `queued/` events are not news.
        var recentlyClaimed = Set<String>()
        let rescanEvery = settings.poll ? Duration.seconds(1) : settings.rescanInterval
        var nextRescan = clock.now
        var wasIdle: Bool?
        var timer: Task<Void, Never>?
        defer { timer?.cancel() }
        var iterator = inputs.cancelOnGracefulShutdown().makeAsyncIterator()
        var queueChanged = false
        var pendingHint: Input? = .deadline
        while true {
            if pendingHint == .hints {
                for event in buffer.takeAll() where observe(event, into: &tracker, recentlyClaimed: &recentlyClaimed) {
                    queueChanged = true
                }
            }
            let now = clock.now
            if now >= nextRescan {
                rescan(into: &tracker, at: now)
                recentlyClaimed.removeAll(keepingCapacity: true)
                nextRescan = now.advanced(by: rescanEvery)
                queueChanged = true
            }
            let moreReady = claimReady(&tracker, at: now, recentlyClaimed: &recentlyClaimed)
            if queueChanged {
                post.yield(.queueChanged)
                queueChanged = false
            }
            let idle = tracker.isEmpty
            if idle != wasIdle {
                post.yield(.inbox(idle: idle))
                if idle { events.record(.inboxIdle) }
                wasIdle = idle
            }
            timer?.cancel()
            if moreReady {
                timer = nil
                input.yield(.deadline)
            } else {
                let deadline = [tracker.nextDeadline(), nextRescan].compactMap { $0 }.min() ?? nextRescan
                let clock = self.clock
                timer = Task {
                    do {
                        try await clock.sleep(until: deadline, tolerance: nil)
                        input.yield(.deadline)
                    } catch {}
                }
            }
            guard let next = await iterator.next() else { return }
            pendingHint = next
        }
    }

    /// A hint about `inbox/` or `queued/`. Returns true when `queued/` changed from outside.
    private func observe(_ event: FolderWatcher.Event, into tracker: inout InboxTracker<C.Instant>,
                         recentlyClaimed: inout Set<String>) -> Bool {
        switch event {
        case .overflow:
            logger.warning("inotify queue overflowed; rescanning")
            rescan(into: &tracker, at: clock.now)
            recentlyClaimed.removeAll(keepingCapacity: true)
            return true
        case .changed(let folder, let name, let change):
            if folder.path == queuedPath || folder.standardizedFileURL.path == queuedPath {
                // Hidden names are work in progress; jobs this intake published are known already.
                return !name.hasPrefix(".") && !recentlyClaimed.contains(name)
            }
            guard InboxNaming.kind(of: name) != nil || queue.isReturnedFolder(named: name) else { return false }
            tracker.observe(name, change: change, at: clock.now, in: layout.inbox)
            return false
        }
    }

    /// The truth: every project file (and job folder moved back) in the inbox becomes a candidate.
    private func rescan(into tracker: inout InboxTracker<C.Instant>, at now: C.Instant) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: layout.inbox.path)) ?? []
        for name in names where InboxNaming.kind(of: name) != nil || queue.isReturnedFolder(named: name) {
            tracker.observe(name, change: nil, at: now, in: layout.inbox)
        }
    }

    /// Claims what is ready, at most ``claimsPerTurn`` files; returns true when more were ready.
    private func claimReady(_ tracker: inout InboxTracker<C.Instant>, at now: C.Instant, recentlyClaimed: inout Set<String>) -> Bool {
        let ready = tracker.review(at: now, in: layout.inbox)
        var projects: [InboxFile] = []
        var claimed: [JobStatus] = []
        for (name, readiness) in ready.prefix(Self.claimsPerTurn) {
            let url = layout.inboxEntry(name)
            if InboxNaming.kind(of: name) == .project {
                let verdict = InboxJudge.judge(fileAt: url)
                if case .bad = verdict, readiness == .tryParse {
                    tracker.parseFailed(name)
                    continue
                }
                projects.append(InboxFile(name: name, verdict: verdict))
                continue
            }
            do {
                if queue.isReturnedFolder(named: name) {
                    // A job folder moved back: retried once its status parses (or once it has settled).
                    if readiness == .tryParse, queue.returnedStatus(named: name) == nil {
                        tracker.parseFailed(name)
                        continue
                    }
                    let status = try queue.claimReturnedFolder(named: name)
                    tracker.forget(name)
                    claimed.append(status)
                    log([status], from: name, returned: true)
                    continue
                }
                if InboxNaming.kind(of: name) == .batch {
                    // A batch is judged line by line; it is taken once complete.
                    guard readiness == .final || (readiness == .tryParse && Self.endsWithNewline(url)) else { continue }
                    let jobs = try queue.claimBatch(named: name)
                    tracker.forget(name)
                    claimed += jobs
                    log(jobs, from: name)
                    continue
                }
                tracker.forget(name)
            } catch {
                tracker.forget(name)
                logger.error("cannot claim \(name): \(error)")
            }
        }
        if !projects.isEmpty {
            let (jobs, errors) = queue.claim(projects)
            for file in projects { tracker.forget(file.name) }
            for (name, error) in errors { logger.error("cannot claim \(name): \(error)") }
            claimed += jobs
            log(jobs, from: nil)
        }
        if !claimed.isEmpty {
            recentlyClaimed.formUnion(claimed.map(\.id))
            let waiting = claimed.filter { $0.state == .queued }.map(WaitingJob.init)
            if !waiting.isEmpty { post.yield(.queued(waiting)) }
            let refused = claimed.filter { $0.state != .queued }.map(\.id)
            if !refused.isEmpty { post.yield(.refused(refused)) }
            events.record(.claimed(claimed.map(\.id)))
        }
        return ready.count > Self.claimsPerTurn
    }

    private func log(_ jobs: [JobStatus], from name: String?, returned: Bool = false) {
        for job in jobs {
            let name = name ?? job.source
            let metadata: Logger.Metadata = ["job": "\(job.id)"]
            if let error = job.error {
                logger.warning("\(name) → failed/\(job.id): \(error.message)", metadata: metadata)
            } else if returned {
                logger.info("\(name) → queued/\(job.id): moved back into the inbox, attempt \(job.attempt)", metadata: metadata)
            } else {
                logger.info("\(name) → queued/\(job.id)", metadata: metadata)
            }
        }
    }

    private static func endsWithNewline(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd(), end > 0 else { return false }
        try? handle.seek(toOffset: end - 1)
        return (try? handle.read(upToCount: 1)) == Data([0x0A])
    }
}

/// Hints received and not yet looked at. ``append(_:)`` says whether the buffer was empty, so the
/// forwarder wakes the intake once per batch.
private final class HintBuffer: Sendable {
    private let events = Mutex<[FolderWatcher.Event]>([])

    /// Adds a hint; true when it is the first since the last ``takeAll()``.
    func append(_ event: FolderWatcher.Event) -> Bool {
        events.withLock { events in
            events.append(event)
            return events.count == 1
        }
    }

    func takeAll() -> [FolderWatcher.Event] {
        events.withLock { events in
            defer { events = [] }
            return events
        }
    }
}
