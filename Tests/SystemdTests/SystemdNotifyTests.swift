import Foundation
import Logging
import ServiceLifecycle
import SpoolHarness
import Testing
@testable import Systemd

@Suite("Systemd: sd_notify datagrams, the watchdog interval, the notify service in a group")
struct SystemdNotifyTests {
    private func socketPath() -> String {
        FileManager.default.temporaryDirectory.appending(path: "notify-\(UUID().uuidString.prefix(8)).sock").path
    }

    @Test("a message reaches a socket named by path and one named @abstract")
    func pathAndAbstract() async throws {
        for name in [socketPath(), "@tiktok-ai-test-\(UUID().uuidString.prefix(8))"] {
            let listener = try NotifyListener(name: name)
            let notifier = try #require(SystemdNotifier(environment: ["NOTIFY_SOCKET": name]))
            #expect(notifier.send("READY=1", "STATUS=watching"))
            let message = await listener.next(within: .seconds(2))
            #expect(message?.text == "READY=1\nSTATUS=watching", "\(name)")
        }
        #expect(SystemdNotifier(environment: [:]) == nil)
        #expect(SystemdNotifier(socket: "relative/name") == nil)
        #expect(SystemdNotifier(socket: "/" + String(repeating: "x", count: 200)) == nil, "longer than sun_path")
    }

    @Test("WATCHDOG_USEC halved, for this process only when WATCHDOG_PID names it")
    func watchdogInterval() {
        #expect(WatchdogInterval.pingInterval(environment: ["WATCHDOG_USEC": "30000000"], pid: 7) == .seconds(15))
        #expect(WatchdogInterval.pingInterval(environment: ["WATCHDOG_USEC": "400000", "WATCHDOG_PID": "7"], pid: 7) == .milliseconds(200))
        #expect(WatchdogInterval.pingInterval(environment: ["WATCHDOG_USEC": "400000", "WATCHDOG_PID": "8"], pid: 7) == nil)
        #expect(WatchdogInterval.pingInterval(environment: ["WATCHDOG_USEC": "0"], pid: 7) == nil)
        #expect(WatchdogInterval.pingInterval(environment: [:], pid: 7) == nil)
    }

    @Test("in a service group: pings from the start, READY once ready, STOPPING when graceful shutdown begins")
    func serviceInGroup() async throws {
        let name = socketPath()
        let listener = try NotifyListener(name: name)
        let notifier = try #require(SystemdNotifier(socket: name))
        let (readyGate, open) = AsyncStream<Void>.makeStream()
        let service = SystemdNotifyService(notifier: notifier, watchdogInterval: .milliseconds(50), stoppingStatus: "draining") {
            for await _ in readyGate { return "serving" }
            return nil
        }
        let group = ServiceGroup(configuration: .init(services: [.init(service: service)], logger: Logger(label: "test")))
        let running = Task { try await group.run() }

        let beforeReady = try #require(await listener.messages(until: "WATCHDOG=1", within: .seconds(2)))
        #expect(!beforeReady.contains { $0.text.contains("READY=1") })
        open.yield()
        let untilReady = try #require(await listener.messages(until: "READY=1", within: .seconds(2)))
        #expect(untilReady.last?.text == "READY=1\nSTATUS=serving")
        await group.triggerGracefulShutdown()
        let untilStopping = try #require(await listener.messages(until: "STOPPING=1", within: .seconds(2)))
        #expect(untilStopping.last?.text == "STOPPING=1\nSTATUS=draining")
        try await running.value
    }
}
