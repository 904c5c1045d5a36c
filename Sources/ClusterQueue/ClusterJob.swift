import Foundation

/// A job as its origin host publishes it: who it is (the idempotency key is origin host + local id),
/// what it needs (the input bundle's key in object storage) and how it is ordered.
public struct PublishedJob: Sendable, Hashable {
    public var originHost: String
    public var localID: String
    public var priority: Int
    public var inputKey: String
    /// What a worker needs besides the bundle, as a JSON object (the job's status at publish time).
    public var spec: String
    public var maxAttempts: Int

    public init(originHost: String, localID: String, priority: Int = 0, inputKey: String, spec: String = "{}", maxAttempts: Int = 5) {
        self.originHost = originHost
        self.localID = localID
        self.priority = priority
        self.inputKey = inputKey
        self.spec = spec
        self.maxAttempts = maxAttempts
    }

    /// Unique over the cluster's whole history: a drop is published once.
    public var idempotencyKey: String { "\(originHost):\(localID)" }
}

/// One attempt of one job, held by this host until its lease runs out. Every write about the attempt
/// (heartbeat, complete, fail) names the token; a write whose token no longer matches changes nothing.
public struct ClusterLease: Sendable, Hashable {
    public var jobID: Int64
    public var localID: String
    public var originHost: String
    public var attempt: Int
    public var token: UUID
    public var inputKey: String
    public var spec: String

    public init(jobID: Int64, localID: String, originHost: String, attempt: Int, token: UUID, inputKey: String, spec: String) {
        self.jobID = jobID
        self.localID = localID
        self.originHost = originHost
        self.attempt = attempt
        self.token = token
        self.inputKey = inputKey
        self.spec = spec
    }

    /// Where this attempt's output goes in object storage: unique to the attempt, so a stale worker's
    /// upload can never overwrite the one that committed.
    public var outputPrefix: String { "renders/\(jobID)/\(attempt)-\(token.uuidString.lowercased())/" }
}

/// A finished job its origin host has still to write into its spool.
public struct FinishedClusterJob: Sendable, Hashable {
    public var jobID: Int64
    public var localID: String
    public var state: String
    public var attempt: Int
    public var artifactKey: String?
    public var result: String?
    /// The last error message, for a discarded job.
    public var lastError: String?
}

/// What ``ClusterDatabase/fail(_:message:permanent:)`` did with the attempt.
public enum FailOutcome: String, Sendable {
    /// Queued again for another attempt, after a backoff.
    case retried = "available"
    /// No more attempts: the job failed for good.
    case discarded
}

/// The cluster as `tiktok-ai status` and `/api/status` show it.
public struct ClusterStatus: Sendable, Codable, Hashable {
    public struct Host: Sendable, Codable, Hashable {
        public var host: String
        public var slots: Int
        public var running: Int
        public var publishBacklog: Int
        public var version: String
        /// Seconds since its last heartbeat, by the database's clock.
        public var heartbeatAgeSeconds: Double
    }

    public var hosts: [Host]
    /// Live jobs by state across every host.
    public var jobs: [String: Int]
    public var schemaVersion: Int
}
