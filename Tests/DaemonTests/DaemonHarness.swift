import Daemon
import Foundation
import JobDocuments
import JobIndex
import JobQueue
import Logging
import Pipeline
import Providers
import Spool
import Synchronization
import ProviderFakes

/// A daemon in this process on a temporary spool: the real folder queue and index, the dry run's
/// providers (or fakes), hints by hand instead of inotify, conditions a test sets, and a clock that
/// moves only when the test says.
final class DaemonHarness: Sendable {
    let layout: SpoolLayout
    let index: JobIndexDatabase
    let queue: FolderQueue
    let clock = ManualClock()
    let conditions = FakeConditions()
    let hints = ManualInboxEvents()

    init() throws {
        layout = SpoolLayout(root: FileManager.default.temporaryDirectory.appending(path: "daemon-\(UUID().uuidString.prefix(8))"))
        try layout.create()
        index = try JobIndexDatabase(path: layout.indexFile.path)
        queue = FolderQueue(layout: layout, index: index, servesSpool: true)
    }

    func remove() { try? FileManager.default.removeItem(at: layout.root) }

    func daemon(slots: Int = 2, once: Bool = false, catalog: ProviderCatalog = ProviderFakes.catalog(),
                previousCrash: Int32? = nil) -> SpoolDaemon<ManualClock> {
        var settings = DaemonSettings()
        settings.maxConcurrentJobs = slots
        settings.once = once
        settings.drainTimeout = .seconds(30)
        var pipeline = PipelineSettings()
        pipeline.minFreeDiskMB = 0
        let runner = JobRunner(providers: catalog, settings: pipeline, logger: Logger(label: "daemon-test", factory: { _ in SwiftLogNoOpLogHandler() }))
        return SpoolDaemon(queue: queue, runner: runner, assetRoots: [], settings: settings, clock: clock,
                           conditions: conditions, watcher: hints,
                           recovery: RecoveryContext(previousCrashSignal: previousCrash), logger: Logger(label: "daemon-test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Puts a project in the queue as a claim from the inbox would.
    @discardableResult
    func enqueue(_ name: String, priority: Int = 0) throws -> JobStatus {
        let project = #"{"topic": "\#(name)", "niche": "facts", "targetSeconds": 20, "priority": \#(priority)}"#
        try Data(project.utf8).write(to: layout.inboxEntry("\(name).json"))
        let (jobs, errors) = queue.claim([InboxFile(name: "\(name).json", verdict: InboxJudge.judge(fileAt: layout.inboxEntry("\(name).json")))])
        if let error = errors.first?.error { throw error }
        return jobs[0]
    }

    /// Drops a file by rename and tells the daemon, as inotify would.
    func drop(_ name: String, _ text: String) throws {
        let temp = layout.inboxEntry(".\(name).tmp")
        try Data(text.utf8).write(to: temp)
        try FileManager.default.moveItem(at: temp, to: layout.inboxEntry(name))
        hints.movedIn(name, folder: layout.inbox)
    }

    func state(of id: String) -> SpoolLayout.StateFolder? { layout.locate(jobID: id)?.state }

    func status(of id: String) -> JobStatus? { queue.status(of: id)?.status }
}

/// Pause and free disk space as a test sets them.
final class FakeConditions: SpoolConditions {
    private let values = Mutex<(paused: Bool, freeMB: Int64?)>((false, 100_000))

    var paused: Bool {
        get { values.withLock { $0.paused } }
        set { values.withLock { $0.paused = newValue } }
    }

    var freeMB: Int64? {
        get { values.withLock { $0.freeMB } }
        set { values.withLock { $0.freeMB = newValue } }
    }

    func isPaused() -> Bool { paused }
    func freeMegabytes() -> Int64? { freeMB }
}

extension DaemonEventLog {
    /// The first event matching, or nil after `seconds` of real time — a bound on a failing test, never
    /// a way to wait for something to happen.
    func first(within seconds: Double = 20, where matches: @escaping @Sendable (DaemonEvent) -> Bool) async -> DaemonEvent? {
        await withTaskGroup(of: DaemonEvent?.self) { group in
            group.addTask { await self.first(where: matches) }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    func finished(_ id: String) async -> JobState?? {
        guard case .finished(_, let state)? = await first(where: { if case .finished(id, _) = $0 { true } else { false } }) else { return nil }
        return .some(state)
    }

    var startOrder: [String] { history.compactMap { if case .started(let id) = $0 { id } else { nil } } }
}
