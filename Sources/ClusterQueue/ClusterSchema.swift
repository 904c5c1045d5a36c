/// The cluster's tables, as numbered migrations the binary carries (`tiktok-ai db migrate`, and at
/// every start). Each migration runs once, in one transaction, under an advisory lock, so hosts
/// starting together do not race; a database migrated by a newer binary is refused rather than used.
///
/// The tables:
/// - `cluster_jobs`: live work only (scale-out.md §5a). Finished rows move to `cluster_history` once
///   delivered, in batches. Heartbeats rewrite `lease_expires_at` alone, which no index covers, so
///   they stay HOT updates (fillfactor 80 leaves them room); autovacuum runs after every 100 dead rows.
/// - `cluster_keys`: every idempotency key ever published (origin host + local job id). Never pruned
///   with the jobs, so a drop is published once however long ago.
/// - `cluster_attempts`: one row per claim with its lease token, host and end: the audit of who ran
///   what, and the proof that no two attempts committed.
/// - `cluster_hosts`: each host's slots, running jobs, publish backlog and last heartbeat.
public enum ClusterSchema {
    /// The session settings every connection asks for (and the migration sets on the role): no
    /// transaction may sit idle holding back vacuum, and no statement may hang.
    static let sessionSettings: [(String, String)] = [
        ("idle_in_transaction_session_timeout", "30s"),
        ("statement_timeout", "15s"),
        ("application_name", "tiktok-ai"),
    ]

    /// The migrations in order; the index + 1 is the version.
    static let migrations: [[String]] = [
        [
            """
            CREATE TABLE cluster_jobs (
                id bigserial PRIMARY KEY,
                idem_key text NOT NULL UNIQUE,
                origin_host text NOT NULL,
                local_id text NOT NULL,
                priority integer NOT NULL DEFAULT 0,
                state text NOT NULL DEFAULT 'available'
                    CHECK (state IN ('available', 'running', 'completed', 'discarded', 'canceled')),
                run_at timestamptz NOT NULL DEFAULT now(),
                created_at timestamptz NOT NULL DEFAULT now(),
                attempt integer NOT NULL DEFAULT 0,
                max_attempts integer NOT NULL DEFAULT 5,
                attempted_at timestamptz,
                attempted_by text,
                lease_token uuid,
                lease_expires_at timestamptz,
                cancel_requested boolean NOT NULL DEFAULT false,
                input_key text NOT NULL,
                spec jsonb NOT NULL DEFAULT '{}',
                artifact_key text,
                result jsonb,
                errors jsonb NOT NULL DEFAULT '[]',
                finalized_at timestamptz,
                delivered_at timestamptz
            ) WITH (fillfactor = 80, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 100,
                    autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 100)
            """,
            // The claim's order, over waiting rows only.
            "CREATE INDEX cluster_jobs_available ON cluster_jobs (priority DESC, run_at, id) WHERE state = 'available'",
            // Rescue and heartbeats look at running rows only; no index on lease_expires_at (HOT).
            "CREATE INDEX cluster_jobs_running ON cluster_jobs (id) WHERE state = 'running'",
            // What each origin host still has to write into its done/ or failed/.
            """
            CREATE INDEX cluster_jobs_undelivered ON cluster_jobs (origin_host)
                WHERE delivered_at IS NULL AND state IN ('completed', 'discarded', 'canceled')
            """,
            "CREATE INDEX cluster_jobs_delivered ON cluster_jobs (delivered_at) WHERE delivered_at IS NOT NULL",
            "CREATE INDEX cluster_jobs_local ON cluster_jobs (local_id)",
            "CREATE TABLE cluster_keys (idem_key text PRIMARY KEY, published_at timestamptz NOT NULL DEFAULT now())",
            """
            CREATE TABLE cluster_history (
                id bigint PRIMARY KEY, idem_key text NOT NULL, origin_host text NOT NULL, local_id text NOT NULL,
                state text NOT NULL, attempt integer NOT NULL, artifact_key text, result jsonb, errors jsonb NOT NULL,
                created_at timestamptz NOT NULL, finalized_at timestamptz, delivered_at timestamptz
            )
            """,
            "CREATE INDEX cluster_history_local ON cluster_history (local_id)",
            """
            CREATE TABLE cluster_attempts (
                job_id bigint NOT NULL, attempt integer NOT NULL, lease_token uuid NOT NULL, host text NOT NULL,
                claimed_at timestamptz NOT NULL, ended_at timestamptz, outcome text,
                PRIMARY KEY (job_id, attempt)
            )
            """,
            """
            CREATE TABLE cluster_hosts (
                host text PRIMARY KEY, slots integer NOT NULL, running integer NOT NULL DEFAULT 0,
                publish_backlog integer NOT NULL DEFAULT 0, version text NOT NULL DEFAULT '',
                started_at timestamptz NOT NULL DEFAULT now(), heartbeat_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            // A role's own defaults, for every client of it (psql included), not only this binary's.
            "ALTER ROLE CURRENT_USER SET idle_in_transaction_session_timeout = '30s'",
            "ALTER ROLE CURRENT_USER SET statement_timeout = '15s'",
        ],
    ]

    /// The version this binary migrates to.
    public static var currentVersion: Int { migrations.count }
}
