import Foundation
import JobIndex
import Logging
import ServiceLifecycle
import Spool

/// Folders deleted from outside are normal (SPEC rule 10): every `rescanInterval`, jobs the index knows
/// whose folders are gone are marked purged (``PurgeSweeper``), off the cooperative pool's hot path.
final class PurgeSweepService<C: Clock>: Service where C.Duration == Duration {
    private let layout: SpoolLayout
    private let index: JobIndexDatabase
    private let interval: Duration
    private let clock: C
    private let startup: Latch
    private let events: DaemonEventLog
    private let logger: Logger

    init(layout: SpoolLayout, index: JobIndexDatabase, interval: Duration, clock: C, startup: Latch,
         events: DaemonEventLog, logger: Logger) {
        self.layout = layout
        self.index = index
        self.interval = interval
        self.clock = clock
        self.startup = startup
        self.events = events
        self.logger = logger
    }

    func run() async throws {
        await startup.wait()
        var handled = Set<String>()
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let sweeper = PurgeSweeper(layout: layout, index: index)
            let skip = handled
            let result = await Task.detached(priority: .background) { () -> PurgeSweeper.Result? in
                try? sweeper.sweep(skip: skip)
            }.value
            if let result {
                for id in result.marked { logger.info("\(id): folder removed from outside; marked purged", metadata: ["job": "\(id)"]) }
                if !result.marked.isEmpty { events.record(.purged(result.marked)) }
                handled.formUnion(result.marked + result.alreadyPurged)
            }
            do {
                try await cancelWhenGracefulShutdown { [clock, interval] in try await clock.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
