import Foundation
import Logging
import PostgresNIO

/// The cluster's shared queue in PostgreSQL (postgres-nio): publish, claim, heartbeat, complete,
/// fail, rescue, delivery and pruning, each one short statement or transaction (scale-out.md §5).
///
/// Guarantees, kept by the SQL here and nowhere else:
/// - **A drop is published once.** The idempotency key (origin host + local id) is inserted into
///   `cluster_keys` in the same statement as the job; a second publish inserts nothing.
/// - **A claim is exclusive.** `FOR UPDATE SKIP LOCKED` in one short transaction: two hosts never get
///   the same row, and neither waits for the other.
/// - **Only the lease holder writes.** Heartbeat, complete and fail match the job's current lease
///   token; zero rows updated means the lease was lost (rescued and perhaps claimed elsewhere), and the
///   caller must discard its result. Completion is the only commit point.
/// - **Rescue re-checks at write time.** A lease is taken back only if it is still running and
///   expired when the UPDATE runs, so a completion that landed first is never overwritten.
/// - Every call answers within ``callTimeout`` (``withDeadline(_:_:_:)``), or throws.
///
/// All times are the database's (`now()`), so hosts' clocks need not agree.
public final class ClusterDatabase: Sendable {
    public let url: DatabaseURL
    /// This host's name in the cluster (`attempted_by`, `origin_host`).
    public let host: String
    public let timings: LeaseTimings
    /// The most one call may take before it counts as failed.
    public let callTimeout: Duration
    let client: PostgresClient
    let logger: Logger

    public init(url: DatabaseURL, host: String, timings: LeaseTimings = .production, callTimeout: Duration = .seconds(5),
                logger: Logger = Logger(label: "tiktok-ai.cluster")) {
        self.url = url
        self.host = host
        self.timings = timings
        self.callTimeout = callTimeout
        self.logger = logger
        client = PostgresClient(configuration: url.clientConfiguration(connectTimeout: callTimeout), backgroundLogger: logger)
    }

    /// Keeps the connection pool alive; the client leases no connection unless this runs (a service
    /// of the daemon's group, or a task beside a command).
    public func run() async {
        await client.run()
    }

    // MARK: Schema

    /// Connects once outside the pool and closes: a refused login or an unreachable server is
    /// reported at once, worded by the server ("password authentication failed …"), not as a timeout.
    public func verifyConnection() async throws {
        let configuration = try url.connectionConfiguration(connectTimeout: callTimeout)
        try await call("the connection check") { [logger] in
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try await connection.close()
        }
    }

    /// Applies the migrations this database lacks, in one transaction under an advisory lock.
    /// Returns the versions before and after.
    /// - Throws: when the database was migrated by a newer binary (its version is above ours).
    @discardableResult
    public func migrate() async throws -> (from: Int, to: Int) {
        try await call("the migration", timeout: .seconds(60)) { [client, logger] in
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(7364110501)", logger: logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS cluster_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                    """, logger: logger)
                var current = 0
                for try await version in try await connection.query("SELECT coalesce(max(version), 0) FROM cluster_schema", logger: logger)
                    .decode(Int.self) { current = version }
                guard current <= ClusterSchema.currentVersion else {
                    throw ClusterError(.database, "the cluster database is at schema version \(current), newer than this binary's "
                                       + "\(ClusterSchema.currentVersion): upgrade tiktok-ai on this host")
                }
                for version in stride(from: current + 1, through: ClusterSchema.currentVersion, by: 1) {
                    for statement in ClusterSchema.migrations[version - 1] {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query("INSERT INTO cluster_schema (version) VALUES (\(version))", logger: logger)
                }
                return (current, ClusterSchema.currentVersion)
            }
        }
    }

    // MARK: Publish

    /// Inserts the job unless its idempotency key was published before. Returns the new row's id, or
    /// nil when it was already published (a retry after a crash, or a second publisher).
    public func publish(_ job: PublishedJob) async throws -> Int64? {
        let key = job.idempotencyKey
        return try await call("the publish of \(key)") { [client, logger] in
            let rows = try await client.query("""
                WITH key AS (
                    INSERT INTO cluster_keys (idem_key) VALUES (\(key)) ON CONFLICT DO NOTHING RETURNING idem_key)
                INSERT INTO cluster_jobs (idem_key, origin_host, local_id, priority, input_key, spec, max_attempts)
                SELECT idem_key, \(job.originHost), \(job.localID), \(job.priority), \(job.inputKey), \(job.spec)::jsonb, \(job.maxAttempts)
                FROM key
                RETURNING id
                """, logger: logger)
            var id: Int64?
            for try await value in rows.decode(Int64.self) { id = value }
            return id
        }
    }

    /// Wakes idle hosts now rather than at their next poll. A hint only: lost wake-ups cost one poll.
    public func notifyWork() async throws {
        try await call("a wake-up") { [client, logger] in
            try await client.query("SELECT pg_notify('tiktok_ai_jobs', '')", logger: logger)
        }
    }

    // MARK: Claim and lease

    /// Claims up to `slots` waiting jobs for this host, highest priority first, then oldest, each with
    /// a new lease token and `attempt + 1`, in one short transaction.
    public func claim(slots: Int) async throws -> [ClusterLease] {
        guard slots > 0 else { return [] }
        let seconds = timings.lease.seconds
        return try await call("a claim") { [client, logger, host] in
            let rows = try await client.query("""
                WITH next AS (
                    SELECT id FROM cluster_jobs
                    WHERE state = 'available' AND run_at <= now()
                    ORDER BY priority DESC, run_at, id
                    LIMIT \(slots)
                    FOR UPDATE SKIP LOCKED),
                claimed AS (
                    UPDATE cluster_jobs j SET state = 'running', attempt = j.attempt + 1, attempted_at = now(),
                        attempted_by = \(host), lease_token = gen_random_uuid(),
                        lease_expires_at = now() + make_interval(secs => \(seconds))
                    FROM next WHERE j.id = next.id
                    RETURNING j.id, j.local_id, j.origin_host, j.attempt, j.lease_token, j.input_key, j.spec, j.attempted_at),
                audit AS (
                    INSERT INTO cluster_attempts (job_id, attempt, lease_token, host, claimed_at)
                    SELECT id, attempt, lease_token, \(host), attempted_at FROM claimed)
                SELECT id, local_id, origin_host, attempt, lease_token, input_key, spec::text FROM claimed ORDER BY id
                """, logger: logger)
            var leases: [ClusterLease] = []
            for try await (id, localID, origin, attempt, token, inputKey, spec) in rows.decode((Int64, String, String, Int, UUID, String, String).self) {
                leases.append(ClusterLease(jobID: id, localID: localID, originHost: origin, attempt: attempt, token: token,
                                           inputKey: inputKey, spec: spec))
            }
            return leases
        }
    }

    /// What a heartbeat found.
    public struct Heartbeat: Sendable {
        /// Jobs whose lease was renewed.
        public var held: Set<Int64>
        /// Of those, the ones someone asked to cancel.
        public var cancelRequested: Set<Int64>
    }

    /// Renews every lease this host holds, and records the host's figures, in one statement. A job
    /// missing from ``Heartbeat/held`` was lost: its render must stop now.
    public func heartbeat(_ leases: [ClusterLease], slots: Int, publishBacklog: Int, version: String) async throws -> Heartbeat {
        let ids = leases.map(\.jobID)
        let tokens = leases.map(\.token)
        let seconds = timings.lease.seconds
        return try await call("a heartbeat") { [client, logger, host] in
            let rows = try await client.query("""
                WITH beat AS (
                    UPDATE cluster_jobs SET lease_expires_at = now() + make_interval(secs => \(seconds))
                    WHERE state = 'running' AND (id, lease_token) IN (SELECT * FROM unnest(\(ids)::bigint[], \(tokens)::uuid[]))
                    RETURNING id, cancel_requested),
                seen AS (
                    INSERT INTO cluster_hosts (host, slots, running, publish_backlog, version, heartbeat_at)
                    VALUES (\(host), \(slots), \(ids.count), \(publishBacklog), \(version), now())
                    ON CONFLICT (host) DO UPDATE SET slots = excluded.slots, running = excluded.running,
                        publish_backlog = excluded.publish_backlog, version = excluded.version, heartbeat_at = now())
                SELECT id, cancel_requested FROM beat
                """, logger: logger)
            var beat = Heartbeat(held: [], cancelRequested: [])
            for try await (id, cancel) in rows.decode((Int64, Bool).self) {
                beat.held.insert(id)
                if cancel { beat.cancelRequested.insert(id) }
            }
            return beat
        }
    }

    // MARK: Finishing

    /// Commits the attempt: the job is completed with its artifact pointer. False when the lease was
    /// lost: nothing changed, and the uploaded output is garbage for the sweep.
    public func complete(_ lease: ClusterLease, artifactKey: String, result: String = "{}") async throws -> Bool {
        try await call("the completion of \(lease.localID)") { [client, logger] in
            let rows = try await client.query("""
                WITH done AS (
                    UPDATE cluster_jobs SET state = 'completed', artifact_key = \(artifactKey), result = \(result)::jsonb,
                        finalized_at = now(), lease_token = NULL, lease_expires_at = NULL
                    WHERE id = \(lease.jobID) AND state = 'running' AND lease_token = \(lease.token)
                    RETURNING id),
                audit AS (
                    UPDATE cluster_attempts SET ended_at = now(), outcome = 'completed'
                    WHERE job_id = \(lease.jobID) AND lease_token = \(lease.token) AND EXISTS (SELECT 1 FROM done))
                SELECT id FROM done
                """, logger: logger)
            var committed = false
            for try await _ in rows.decode(Int64.self) { committed = true }
            return committed
        }
    }

    /// Ends the attempt as a failure: queued again after a backoff (`min(600, 2^attempt)` s plus
    /// jitter), or discarded when `permanent` or out of attempts. Nil when the lease was lost.
    public func fail(_ lease: ClusterLease, message: String, permanent: Bool) async throws -> FailOutcome? {
        try await call("the failure of \(lease.localID)") { [client, logger] in
            let rows = try await client.query("""
                WITH ended AS (
                    UPDATE cluster_jobs SET
                        state = CASE WHEN \(permanent) OR attempt >= max_attempts THEN 'discarded' ELSE 'available' END,
                        run_at = now() + make_interval(secs => least(600, power(2, attempt)) + random()),
                        finalized_at = CASE WHEN \(permanent) OR attempt >= max_attempts THEN now() END,
                        errors = errors || jsonb_build_array(jsonb_build_object(
                            'at', now(), 'attempt', attempt, 'host', attempted_by, 'error', \(message)::text)),
                        lease_token = NULL, lease_expires_at = NULL, attempted_by = NULL
                    WHERE id = \(lease.jobID) AND state = 'running' AND lease_token = \(lease.token)
                    RETURNING state),
                audit AS (
                    UPDATE cluster_attempts SET ended_at = now(), outcome = 'failed'
                    WHERE job_id = \(lease.jobID) AND lease_token = \(lease.token) AND EXISTS (SELECT 1 FROM ended))
                SELECT state FROM ended
                """, logger: logger)
            var outcome: FailOutcome?
            for try await state in rows.decode(String.self) { outcome = FailOutcome(rawValue: state) }
            return outcome
        }
    }

    /// Takes back every expired lease in the cluster: the job waits again at once (a host dying is
    /// not the job's fault), or is discarded once out of attempts. Any host may run it at any time.
    /// Returns the rescued jobs' ids.
    public func rescueExpired() async throws -> [Int64] {
        try await call("the rescue of expired leases") { [client, logger] in
            let rows = try await client.query("""
                WITH expired AS (
                    UPDATE cluster_jobs SET
                        state = CASE WHEN attempt >= max_attempts THEN 'discarded' ELSE 'available' END,
                        finalized_at = CASE WHEN attempt >= max_attempts THEN now() END,
                        run_at = now(),
                        errors = errors || jsonb_build_array(jsonb_build_object(
                            'at', now(), 'attempt', attempt, 'host', attempted_by,
                            'error', 'the lease expired: host ' || coalesce(attempted_by, '?') || ' stopped renewing it')),
                        lease_token = NULL, lease_expires_at = NULL, attempted_by = NULL
                    WHERE state = 'running' AND lease_expires_at < now()
                    RETURNING id, attempt),
                audit AS (
                    UPDATE cluster_attempts a SET ended_at = now(), outcome = 'lease expired'
                    FROM expired WHERE a.job_id = expired.id AND a.attempt = expired.attempt AND a.ended_at IS NULL)
                SELECT id FROM expired ORDER BY id
                """, logger: logger)
            var ids: [Int64] = []
            for try await id in rows.decode(Int64.self) { ids.append(id) }
            return ids
        }
    }

    /// Asks for a job to stop: a waiting one is canceled at once; a running one is flagged, and its
    /// host stops it at its next heartbeat. False when the job is unknown or already finished.
    public func cancel(localID: String, originHost: String) async throws -> Bool {
        try await call("the cancel of \(localID)") { [client, logger] in
            let rows = try await client.query("""
                UPDATE cluster_jobs SET
                    state = CASE WHEN state = 'available' THEN 'canceled' ELSE state END,
                    finalized_at = CASE WHEN state = 'available' THEN now() ELSE finalized_at END,
                    cancel_requested = true
                WHERE origin_host = \(originHost) AND local_id = \(localID) AND state IN ('available', 'running')
                RETURNING id
                """, logger: logger)
            var found = false
            for try await _ in rows.decode(Int64.self) { found = true }
            return found
        }
    }

    // MARK: Delivery

    /// Finished jobs this host published and has not yet written into its spool.
    public func undelivered(limit: Int = 100) async throws -> [FinishedClusterJob] {
        try await call("the list of finished jobs to deliver") { [client, logger, host] in
            let rows = try await client.query("""
                SELECT id, local_id, state, attempt, artifact_key, result::text, errors -> -1 ->> 'error'
                FROM cluster_jobs
                WHERE origin_host = \(host) AND delivered_at IS NULL AND state IN ('completed', 'discarded', 'canceled')
                ORDER BY id LIMIT \(limit)
                """, logger: logger)
            return try await Self.finishedJobs(rows)
        }
    }

    /// Records that the origin host wrote the job into its spool.
    public func markDelivered(_ jobID: Int64) async throws {
        try await call("the delivery mark of job \(jobID)") { [client, logger] in
            try await client.query("UPDATE cluster_jobs SET delivered_at = now() WHERE id = \(jobID) AND delivered_at IS NULL",
                                   logger: logger)
        }
    }

    /// A job by its origin's local id, live or in history: what `tiktok-ai fetch` needs.
    public func finished(localID: String, originHost: String? = nil) async throws -> FinishedClusterJob? {
        try await call("the lookup of \(localID)") { [client, logger] in
            let rows = try await client.query("""
                SELECT id, local_id, state, attempt, artifact_key, result::text, errors -> -1 ->> 'error' FROM (
                    SELECT id, local_id, origin_host, state, attempt, artifact_key, result, errors FROM cluster_jobs
                    UNION ALL
                    SELECT id, local_id, origin_host, state, attempt, artifact_key, result, errors FROM cluster_history) jobs
                WHERE local_id = \(localID) AND (\(originHost)::text IS NULL OR origin_host = \(originHost))
                ORDER BY id DESC LIMIT 1
                """, logger: logger)
            return try await Self.finishedJobs(rows).last
        }
    }

    /// Rows of (id, local_id, state, attempt, artifact_key, result, last error).
    static func finishedJobs(_ rows: PostgresRowSequence) async throws -> [FinishedClusterJob] {
        var jobs: [FinishedClusterJob] = []
        for try await (id, localID, state, attempt, artifact, result, error) in rows.decode((Int64, String, String, Int, String?, String?, String?).self) {
            jobs.append(FinishedClusterJob(jobID: id, localID: localID, state: state, attempt: attempt, artifactKey: artifact,
                                           result: result, lastError: error))
        }
        return jobs
    }

    // MARK: Hygiene and status

    /// Moves up to `batch` delivered jobs older than `age` from the hot table to `cluster_history`, in
    /// one statement. Returns how many moved; call again while it returns `batch`.
    public func prune(deliveredBefore age: Duration, batch: Int = 1000) async throws -> Int {
        let seconds = age.seconds
        return try await call("the prune of delivered jobs") { [client, logger] in
            let rows = try await client.query("""
                WITH gone AS (
                    DELETE FROM cluster_jobs WHERE id IN (
                        SELECT id FROM cluster_jobs
                        WHERE delivered_at IS NOT NULL AND delivered_at < now() - make_interval(secs => \(seconds))
                        ORDER BY delivered_at LIMIT \(batch))
                    RETURNING id, idem_key, origin_host, local_id, state, attempt, artifact_key, result, errors,
                              created_at, finalized_at, delivered_at),
                kept AS (INSERT INTO cluster_history SELECT * FROM gone RETURNING 1)
                SELECT count(*)::bigint FROM kept
                """, logger: logger)
            var moved = 0
            for try await count in rows.decode(Int64.self) { moved = Int(count) }
            return moved
        }
    }

    /// The hosts and the queue across them.
    public func status() async throws -> ClusterStatus {
        try await call("the cluster status") { [client, logger] in
            var hosts: [ClusterStatus.Host] = []
            for try await (host, slots, running, backlog, version, age) in try await client.query("""
                SELECT host, slots, running, publish_backlog, version, extract(epoch FROM now() - heartbeat_at)::float8
                FROM cluster_hosts ORDER BY host
                """, logger: logger).decode((String, Int, Int, Int, String, Double).self) {
                hosts.append(.init(host: host, slots: slots, running: running, publishBacklog: backlog, version: version,
                                   heartbeatAgeSeconds: age))
            }
            var jobs: [String: Int] = [:]
            for try await (state, count) in try await client.query("SELECT state, count(*)::bigint FROM cluster_jobs GROUP BY state",
                                                                    logger: logger).decode((String, Int64).self) {
                jobs[state] = Int(count)
            }
            var version = 0
            for try await value in try await client.query("SELECT coalesce(max(version), 0) FROM cluster_schema", logger: logger)
                .decode(Int.self) { version = value }
            return ClusterStatus(hosts: hosts, jobs: jobs, schemaVersion: version)
        }
    }

    // MARK: Plumbing

    /// One database call within `timeout` (default ``callTimeout``), its errors worded without secrets.
    @discardableResult
    func call<T: Sendable>(_ what: String, timeout: Duration? = nil, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            return try await withDeadline(timeout ?? callTimeout, what, body)
        } catch let error as ClusterError {
            throw error
        } catch let error as PSQLError {
            throw ClusterError(.database, "\(what) failed on \(url): \(Self.describe(error))")
        }
    }

    /// The server's message and SQLSTATE when it sent one, else the client's error code. PSQLError's
    /// own description hides details on purpose; none of these fields carry the password.
    static func describe(_ error: PSQLError) -> String {
        if let server = error.serverInfo, let message = server[.message] {
            return "\(message) (SQLSTATE \(server[.sqlState] ?? "?"))"
        }
        return "\(error.code)"
    }
}

extension Duration {
    /// Whole and fractional seconds, for SQL intervals.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
