import Foundation
import ServiceLifecycle

/// The daemon's conversation with systemd (`Type=notify`), as a service of its group:
///
/// - `WATCHDOG=1` every `watchdogInterval` from the moment the group runs until it shuts down, from its
///   own task, so a daemon whose tasks no longer run is restarted;
/// - `READY=1` with a `STATUS=` line once `ready` returns (the intake watches the inbox, after
///   recovery); never if the group stops first;
/// - `STOPPING=1` with a `STATUS=` line as soon as graceful shutdown begins (SIGTERM), before the
///   daemon's own services drain. It is a companion service, after the daemon's own, so the group's
///   reverse-order shutdown reaches it first.
public struct SystemdNotifyService: Service {
    let notifier: SystemdNotifier
    let watchdogInterval: Duration?
    let ready: @Sendable () async -> String?
    let stoppingStatus: String

    /// - Parameters:
    ///   - ready: waits until the daemon is ready and returns its `STATUS=` text; nil when cancelled.
    public init(notifier: SystemdNotifier, watchdogInterval: Duration?, stoppingStatus: String = "stopping",
                ready: @escaping @Sendable () async -> String?) {
        self.notifier = notifier
        self.watchdogInterval = watchdogInterval
        self.stoppingStatus = stoppingStatus
        self.ready = ready
    }

    public func run() async throws {
        let notifier = self.notifier, ready = self.ready, interval = watchdogInterval
        await withTaskGroup(of: Void.self) { group in
            if let interval {
                group.addTask {
                    while !Task.isCancelled {
                        notifier.send("WATCHDOG=1")
                        try? await Task.sleep(for: interval)
                    }
                }
            }
            group.addTask {
                if let status = await ready(), !Task.isCancelled { notifier.send("READY=1", "STATUS=\(status)") }
            }
            // Until SIGTERM (or the group is cancelled).
            try? await gracefulShutdown()
            group.cancelAll()
        }
        notifier.send("STOPPING=1", "STATUS=\(stoppingStatus)")
    }
}
