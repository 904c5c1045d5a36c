import Logging
import PostgresNIO

/// LISTEN for "work was published", as a hint only: every host polls every `poll` anyway, and that
/// poll is the guarantee. The listener holds one pooled connection; when it drops (the database
/// restarted, the link was cut), it connects and listens again by itself, after a pause that grows
/// to `maximumPause`, and calls `wake` once it listens again, because notifications sent meanwhile
/// were lost (PostgreSQL keeps none for absent listeners).
public struct WakeupListener: Sendable {
    public static let channel = "tiktok_ai_jobs"
    let database: ClusterDatabase
    let maximumPause: Duration

    public init(database: ClusterDatabase, maximumPause: Duration = .seconds(2)) {
        self.database = database
        self.maximumPause = maximumPause
    }

    /// Runs until cancelled, calling `wake` for every notification and after every (re)connect.
    public func run(wake: @escaping @Sendable () -> Void) async {
        var pause = Duration.milliseconds(100)
        while !Task.isCancelled {
            let began = ContinuousClock.now
            do {
                try await database.client.withConnection { connection in
                    try await connection.listen(on: Self.channel) { notifications in
                        wake()
                        for try await _ in notifications { wake() }
                    }
                }
            } catch {
                // A connection that listened for a while is a new outage: start the pauses over.
                if ContinuousClock.now - began > maximumPause { pause = .milliseconds(100) }
                if Task.isCancelled { return }
                database.logger.debug("the wake-up listener lost its connection; listening again in \(pause)")
            }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, maximumPause)
        }
    }
}
