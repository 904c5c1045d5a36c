import Daemon
import Foundation
import Logging
import ServiceLifecycle
import Systemd

/// `serve` under systemd (`Type=notify`): when `NOTIFY_SOCKET` is set, a ``SystemdNotifyService`` beside
/// the daemon's services says `READY=1` once the intake watches the inbox (``DaemonEvent/watching``,
/// after recovery), pings the watchdog when `WATCHDOG_USEC` asks for it, and says `STOPPING=1` when the
/// drain begins. Without `NOTIFY_SOCKET`, nothing.
enum SystemdCompanion {
    static func services<C: Clock>(for daemon: SpoolDaemon<C>, settings: DaemonSettings, logger: Logger) -> [any Service] {
        guard let notifier = SystemdNotifier() else { return [] }
        let interval = WatchdogInterval.pingInterval()
        logger.debug("systemd: notifying \(notifier.socketName)\(interval.map { ", watchdog ping every \($0)" } ?? "")")
        let events = daemon.events
        let inbox = daemon.queue.layout.inbox.path
        let slots = settings.maxConcurrentJobs
        return [SystemdNotifyService(notifier: notifier, watchdogInterval: interval,
                                     stoppingStatus: "draining: running jobs go back to queued/") {
            guard await events.first(where: { $0 == .watching }) != nil else { return nil }
            return "watching \(inbox), up to \(slots) job\(slots == 1 ? "" : "s") at once"
        }]
    }
}
