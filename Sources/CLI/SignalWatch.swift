import Foundation
import LogOutput
import Logging
import Synchronization
import UnixSignals
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's signals beyond the service group's drain: a second SIGTERM or SIGINT exits at once
/// (jobs left in `running/` resume at the next start), and SIGHUP reopens the log files (`--log-file`,
/// `LOG_DIR`'s `app.log` and `error.log`, for logrotate) and reloads the settings that may change while
/// the daemon runs (`reload`: the daily budget).
final class SignalWatch: Sendable {
    private let tasks: Mutex<[Task<Void, Never>]>

    init(logs: LogOutputs, reload: @escaping @Sendable () async -> Void = {}) {
        let logger = LogSetup.logger
        let stop = Task {
            var seen = 0
            for await signal in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
                seen += 1
                if seen == 1 {
                    logger.info("\(signal): stopping")
                } else {
                    logger.warning("second stop signal: exiting now; running jobs resume at the next start")
                    _exit(1)
                }
            }
        }
        let hangUp = Task {
            for await _ in await UnixSignalsSequence(trapping: .sighup) {
                if !logs.paths.isEmpty {
                    logs.reopen()
                    logger.info("SIGHUP: reopened \(logs.paths.joined(separator: ", "))")
                }
                await reload()
            }
        }
        tasks = Mutex([stop, hangUp])
    }

    func stop() {
        tasks.withLock { tasks in
            for task in tasks { task.cancel() }
        }
    }
}
