import ClusterHarness
import ClusterQueue
import Foundation
import Logging
import Synchronization
import Testing

/// The shared queue's SQL against a real PostgreSQL (Debian's, started by the test on loopback).
/// Hosts are ClusterDatabase instances with different names, as separate daemons would be.
@Suite("Cluster queue: PostgreSQL claims, leases, fencing and rescue", .serialized)
struct ClusterDatabaseTests {
    static let server = Result { try PostgresServer() }

    /// Runs `body` with a fresh schema and one ClusterDatabase per host name, their pools running.
    func withCluster(hosts: [String] = ["a", "b"], timings: LeaseTimings = .testing,
                     _ body: @Sendable ([ClusterDatabase], PostgresServer) async throws -> Void) async throws {
        let server = try Self.server.get()
        // A clean slate: the previous test's tables go.
        try server.psql(["DROP SCHEMA public CASCADE", "CREATE SCHEMA public"])
        let url = try DatabaseURL(server.url + "?sslmode=disable")
        let databases = hosts.map { ClusterDatabase(url: url, host: $0, timings: timings, callTimeout: .seconds(5)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for database in databases { group.addTask { await database.run() } }
            try await databases[0].migrate()
            try await body(databases, server)
            group.cancelAll()
        }
    }

    static func job(_ id: String, on origin: String = "a", priority: Int = 0, maxAttempts: Int = 5) -> PublishedJob {
        PublishedJob(originHost: origin, localID: id, priority: priority, inputKey: "inputs/\(id)", spec: #"{"id": "\#(id)"}"#,
                     maxAttempts: maxAttempts)
    }

    @Test("migrations run once, at any number of starts, and the role gets its timeouts")
    func migrations() async throws {
        try await withCluster { hosts, server in
            let again = try await hosts[1].migrate()
            #expect(again.from == ClusterSchema.currentVersion && again.to == ClusterSchema.currentVersion)
            #expect(try server.value("SELECT count(*) FROM cluster_schema") == "\(ClusterSchema.currentVersion)")
            #expect(try server.value("SHOW idle_in_transaction_session_timeout") == "30s")
            #expect(try server.value("SHOW statement_timeout") == "15s")
            #expect(try server.value("SELECT reloptions::text FROM pg_class WHERE relname = 'cluster_jobs'")
                .contains("autovacuum_vacuum_threshold=100"))
        }
    }

    @Test("a drop is published once, however often its publish is retried")
    func publishOnce() async throws {
        try await withCluster { hosts, server in
            let first = try await hosts[0].publish(Self.job("octopus"))
            #expect(first != nil)
            #expect(try await hosts[0].publish(Self.job("octopus")) == nil)
            #expect(try await hosts[1].publish(Self.job("octopus")) == nil)
            // Another origin's job of the same local name is another job.
            #expect(try await hosts[1].publish(Self.job("octopus", on: "b")) != nil)
            #expect(try server.value("SELECT count(*) FROM cluster_jobs") == "2")
        }
    }

    @Test("claims are exclusive under concurrency, highest priority first, then oldest")
    func exclusiveClaims() async throws {
        try await withCluster(hosts: ["a", "b", "c"]) { hosts, _ in
            for number in 0..<30 { _ = try await hosts[0].publish(Self.job("job-\(number)", priority: number == 29 ? 5 : 0)) }
            let first = try await hosts[1].claim(slots: 1)
            #expect(first.map(\.localID) == ["job-29"] && first.first?.attempt == 1)
            // Three hosts claiming at once, two slots at a time, until nothing waits.
            let claimed = try await withThrowingTaskGroup(of: [ClusterLease].self) { group in
                for host in hosts {
                    group.addTask {
                        var mine: [ClusterLease] = []
                        for _ in 0..<40 {
                            let batch = try await host.claim(slots: 2)
                            if batch.isEmpty { break }
                            mine += batch
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(claimed.count == 29)
            #expect(Set(claimed.map(\.jobID)).count == 29)
            #expect(claimed.allSatisfy { $0.attempt == 1 })
        }
    }

    @Test("only the lease holder commits: a stale token's heartbeat, completion and failure change nothing")
    func fencedFinish() async throws {
        try await withCluster(timings: LeaseTimings(lease: .seconds(1), heartbeat: .milliseconds(200), fence: .milliseconds(600),
                                                    sweep: .milliseconds(200), poll: .milliseconds(100))) { hosts, server in
            _ = try await hosts[0].publish(Self.job("octopus"))
            let stale = try #require(try await hosts[0].claim(slots: 1).first)
            #expect(try await hosts[0].heartbeat([stale], slots: 2, publishBacklog: 0, version: "t").held == [stale.jobID])
            // Host a stops renewing; its lease runs out and host b rescues and claims the job.
            try await Task.sleep(for: .milliseconds(1300))
            #expect(try await hosts[1].rescueExpired() == [stale.jobID])
            #expect(try await hosts[1].rescueExpired().isEmpty)
            let fresh = try #require(try await hosts[1].claim(slots: 1).first)
            #expect(fresh.jobID == stale.jobID && fresh.attempt == 2 && fresh.token != stale.token)
            // Host a comes back: every write it makes with its old token updates zero rows.
            #expect(try await hosts[0].heartbeat([stale], slots: 2, publishBacklog: 0, version: "t").held.isEmpty)
            #expect(try await hosts[0].complete(stale, artifactKey: stale.outputPrefix + "video.mp4") == false)
            #expect(try await hosts[0].fail(stale, message: "late", permanent: false) == nil)
            #expect(try await hosts[1].complete(fresh, artifactKey: fresh.outputPrefix + "video.mp4"))
            #expect(try await hosts[1].complete(fresh, artifactKey: fresh.outputPrefix + "video.mp4") == false)
            #expect(try server.value("SELECT state || ' ' || artifact_key FROM cluster_jobs")
                == "completed " + fresh.outputPrefix + "video.mp4")
            #expect(try server.value("SELECT string_agg(attempt || ':' || outcome, ',' ORDER BY attempt) FROM cluster_attempts")
                == "1:lease expired,2:completed")
            // Rescue after the completion touches nothing (its guard is re-checked at write time).
            #expect(try await hosts[0].rescueExpired().isEmpty)
        }
    }

    @Test("a failure retries after a backoff until the attempts run out; a permanent one is discarded at once")
    func failures() async throws {
        try await withCluster { hosts, server in
            _ = try await hosts[0].publish(Self.job("flaky", maxAttempts: 2))
            _ = try await hosts[0].publish(Self.job("broken"))
            var leases = try await hosts[0].claim(slots: 2)
            let broken = try #require(leases.first { $0.localID == "broken" })
            let flaky = try #require(leases.first { $0.localID == "flaky" })
            #expect(try await hosts[0].fail(broken, message: "invalid project", permanent: true) == .discarded)
            #expect(try await hosts[0].fail(flaky, message: "ffmpeg crashed", permanent: false) == .retried)
            // Backoff: 2^1 s plus jitter, so nothing is claimable right now.
            #expect(try await hosts[1].claim(slots: 2).isEmpty)
            try server.psql(["UPDATE cluster_jobs SET run_at = now() WHERE local_id = 'flaky'"])
            leases = try await hosts[1].claim(slots: 2)
            #expect(leases.map(\.attempt) == [2])
            #expect(try await hosts[1].fail(leases[0], message: "ffmpeg crashed", permanent: false) == .discarded)
            let delivered = try await hosts[0].undelivered()
            #expect(Set(delivered.map(\.localID)) == ["flaky", "broken"])
            #expect(delivered.first { $0.localID == "broken" }?.lastError == "invalid project")
            #expect(try await hosts[1].undelivered().isEmpty) // only the origin delivers
        }
    }

    @Test("delivery, then pruning moves finished rows out of the hot table in batches; their keys stay")
    func deliveryAndPrune() async throws {
        try await withCluster { hosts, server in
            for number in 0..<5 { _ = try await hosts[0].publish(Self.job("job-\(number)")) }
            for lease in try await hosts[1].claim(slots: 5) {
                #expect(try await hosts[1].complete(lease, artifactKey: lease.outputPrefix + "video.mp4"))
            }
            let finished = try await hosts[0].undelivered()
            #expect(finished.count == 5 && finished.allSatisfy { $0.state == "completed" && $0.artifactKey != nil })
            for job in finished { try await hosts[0].markDelivered(job.jobID) }
            #expect(try await hosts[0].undelivered().isEmpty)
            #expect(try await hosts[0].prune(deliveredBefore: .zero, batch: 2) == 2)
            #expect(try await hosts[0].prune(deliveredBefore: .zero, batch: 10) == 3)
            #expect(try server.value("SELECT count(*) FROM cluster_jobs") == "0")
            #expect(try server.value("SELECT count(*) FROM cluster_history") == "5")
            #expect(try await hosts[0].publish(Self.job("job-0")) == nil) // pruned, still published once
            #expect(try await hosts[1].finished(localID: "job-3")?.state == "completed")
        }
    }

    @Test("cancel: a waiting job at once, a running one flagged for its host's next heartbeat")
    func cancel() async throws {
        try await withCluster { hosts, _ in
            _ = try await hosts[0].publish(Self.job("waiting"))
            _ = try await hosts[0].publish(Self.job("running", priority: 1))
            let running = try #require(try await hosts[1].claim(slots: 1).first)
            #expect(running.localID == "running")
            #expect(try await hosts[0].cancel(localID: "waiting", originHost: "a"))
            #expect(try await hosts[0].cancel(localID: "running", originHost: "a"))
            #expect(try await hosts[1].claim(slots: 1).isEmpty)
            let beat = try await hosts[1].heartbeat([running], slots: 2, publishBacklog: 0, version: "t")
            #expect(beat.cancelRequested == [running.jobID])
            #expect(try await hosts[0].cancel(localID: "nothing", originHost: "a") == false)
        }
    }

    @Test("status shows each host's slots, running jobs, backlog and heartbeat age, and the queue by state")
    func status() async throws {
        try await withCluster { hosts, _ in
            _ = try await hosts[0].publish(Self.job("one"))
            _ = try await hosts[0].publish(Self.job("two"))
            let lease = try #require(try await hosts[1].claim(slots: 1).first)
            _ = try await hosts[0].heartbeat([], slots: 2, publishBacklog: 3, version: "0.11.0")
            _ = try await hosts[1].heartbeat([lease], slots: 4, publishBacklog: 0, version: "0.11.0")
            let status = try await hosts[0].status()
            #expect(status.jobs == ["available": 1, "running": 1])
            #expect(status.hosts.map(\.host) == ["a", "b"])
            #expect(status.hosts[0].publishBacklog == 3 && status.hosts[1].running == 1 && status.hosts[1].slots == 4)
            #expect(status.hosts.allSatisfy { $0.heartbeatAgeSeconds >= 0 && $0.heartbeatAgeSeconds < 5 })
        }
    }

    @Test("a database that does not answer: the call throws within its deadline, and errors never carry the password")
    func deadlinesAndSecrets() async throws {
        let server = try Self.server.get()
        // A listener that accepts and never answers: a half-open database.
        let silent = try SilentListener()
        let url = try DatabaseURL("postgres://render:sekrit-password@127.0.0.1:\(silent.port)/cluster?sslmode=disable")
        #expect(!url.description.contains("sekrit"))
        let database = ClusterDatabase(url: url, host: "a", callTimeout: .milliseconds(500))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            let started = ContinuousClock.now
            do {
                _ = try await database.claim(slots: 1)
                Issue.record("a claim against a silent server succeeded")
            } catch let error as ClusterError {
                #expect(error.kind == .timedOut && !error.description.contains("sekrit"))
            }
            #expect(ContinuousClock.now - started < .seconds(2))
            group.cancelAll()
        }
        // A wrong password is refused, worded without it.
        let wrong = ClusterDatabase(url: try DatabaseURL("postgres://render:wrong-sekrit@127.0.0.1:\(server.port)/cluster?sslmode=disable"),
                                        host: "a")
        do {
            try await wrong.verifyConnection()
            Issue.record("a wrong password was accepted")
        } catch {
            #expect("\(error)".contains("password authentication failed") && !"\(error)".contains("wrong-sekrit"))
        }
    }

    @Test("a publish wakes a listening host at once, and the listener comes back by itself after its connection is killed")
    func wakeups() async throws {
        try await withCluster { hosts, server in
            let wakes = WakeCounter()
            let listener = WakeupListener(database: hosts[1], maximumPause: .milliseconds(500))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await listener.run { wakes.add() } }
                #expect(await wakes.wait(atLeast: 1, within: .seconds(5)), "no wake-up once listening")
                let listening = wakes.count
                try await hosts[0].notifyWork()
                #expect(await wakes.wait(atLeast: listening + 1, within: .seconds(2)), "a NOTIFY did not wake the listener")
                // The listener's backend is killed (a restart, an operator): it listens again and wakes.
                let killed = wakes.count
                try server.psql(as: "postgres", password: "super", database: "postgres", [
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query ILIKE 'LISTEN%'",
                ])
                #expect(await wakes.wait(atLeast: killed + 1, within: .seconds(5)), "the listener did not come back")
                let back = wakes.count
                try await hosts[0].notifyWork()
                #expect(await wakes.wait(atLeast: back + 1, within: .seconds(2)), "no wake-up after the reconnect")
                group.cancelAll()
            }
        }
    }

    @Test("DATABASE_URL: parsed, defaults, refused when malformed without repeating it")
    func urls() throws {
        let url = try DatabaseURL("postgresql://u%40x:p%3Ass@db.example:6432/jobs?sslmode=require")
        #expect(url.user == "u@x" && url.host == "db.example" && url.port == 6432 && url.database == "jobs" && url.sslMode == "require")
        #expect(url.description == "postgres://u@x@db.example:6432/jobs")
        #expect(try DatabaseURL("postgres://render@localhost").port == 5432)
        #expect(throws: ClusterError.self) { try DatabaseURL("mysql://a:secret@b/c") }
        do { _ = try DatabaseURL("postgres://:hunter2@/x") } catch { #expect(!"\(error)".contains("hunter2")) }
    }
}

/// Counts wake-ups across tasks.
final class WakeCounter: Sendable {
    private let value = Mutex(0)
    var count: Int { value.withLock { $0 } }
    func add() { value.withLock { $0 += 1 } }

    /// Polls until at least `target` wake-ups were counted, for at most `limit`.
    func wait(atLeast target: Int, within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if count >= target { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return count >= target
    }
}
