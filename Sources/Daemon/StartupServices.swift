import Foundation
import JobQueue
import Logging
import ServiceLifecycle
import Spool

/// At start, before anything is recovered: kills the tools a killed daemon left writing into
/// `running/` (``OrphanReaper``), then opens `reaped`.
struct OrphanReaperService: Service {
    let layout: SpoolLayout
    let reaped: Latch
    let logger: Logger

    func run() async throws {
        if !layout.jobIDs(in: .running).isEmpty { OrphanReaper.reap(layout: layout, logger: logger) }
        reaped.open()
    }
}

/// At start, once orphans are reaped: the queue's recovery of whatever the previous process left half
/// done (``JobQueue/recoverAbandoned(_:)``), then opens `recovered`, which the intake and the scheduler
/// wait for.
struct RecoveryService: Service {
    let queue: any JobQueue
    let context: RecoveryContext
    let reaped: Latch
    let recovered: Latch
    let events: DaemonEventLog
    let logger: Logger

    func run() async throws {
        await reaped.wait()
        guard !Task.isCancelled else { return }
        let jobs = try await queue.recoverAbandoned(context)
        if !jobs.isEmpty {
            let claims = jobs.filter(\.wasBeingClaimed).count
            logger.info("recovered \(jobs.count) job\(jobs.count == 1 ? "" : "s") (\(claims) interrupted claim\(claims == 1 ? "" : "s"), \(jobs.count - claims) interrupted run\(jobs.count - claims == 1 ? "" : "s"))")
        }
        events.record(.recovered(jobs.map(\.status.id)))
        recovered.open()
    }
}
