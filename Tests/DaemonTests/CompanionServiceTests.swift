import Daemon
import Foundation
import ServiceLifecycle
import Synchronization
import Testing

/// What `serve`'s systemd notifications rely on: ``DaemonEvent/watching`` comes once, after recovery,
/// and a companion service runs in the daemon's group and hears the graceful shutdown first.
@Suite("The daemon's companions and its `watching` event", .serialized, .timeLimit(.minutes(1)))
struct CompanionServiceTests {
    /// Notes when it ran and when graceful shutdown reached it, against the daemon's events at that moment.
    final class Witness: Service, Sendable {
        let eventsAtShutdown = Mutex<[DaemonEvent]?>(nil)
        let events: @Sendable () -> [DaemonEvent]

        init(events: @escaping @Sendable () -> [DaemonEvent]) { self.events = events }

        func run() async throws {
            try? await gracefulShutdown()
            let seen = events()
            eventsAtShutdown.withLock { $0 = seen }
        }
    }

    @Test("watching comes once, after recovered; a companion runs in the group until graceful shutdown reaches it")
    func watchingAndCompanion() async throws {
        let harness = try DaemonHarness()
        defer { harness.remove() }
        let daemon = harness.daemon()
        let witness = Witness { [events = daemon.events] in events.history }
        let run = Task { try await daemon.run(companions: [witness]) }
        #expect(await daemon.events.first { $0 == .watching } != nil)
        let history = daemon.events.history
        let recovered = history.firstIndex { if case .recovered = $0 { true } else { false } }
        let watching = history.firstIndex(of: .watching)
        #expect(recovered != nil && watching != nil && recovered! < watching!, "\(history)")
        await daemon.stop()
        _ = try await run.value
        #expect(daemon.events.history.filter { $0 == .watching }.count == 1)
        #expect(witness.eventsAtShutdown.withLock { $0 } != nil, "the companion ran until the graceful shutdown")
    }
}
