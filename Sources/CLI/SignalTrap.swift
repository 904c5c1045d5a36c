import Dispatch
import Foundation
import Logging
import Pipeline
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's signals: SIGTERM and SIGINT drain it (running jobs go back to the queue, exit 0 within
/// seconds); a second one exits at once (jobs left in `running/` resume at the next start). SIGHUP
/// reopens the log file.
final class SignalTrap: Sendable {
    private let sources: Mutex<[any DispatchSourceSignal]>

    init(daemon: SpoolDaemon, logFile: LogFile?, logger: Logger) {
        let queue = DispatchQueue(label: "tiktok-ai.signals")
        let received = Atomic<Int>(0)
        var sources: [any DispatchSourceSignal] = []
        for signal in [SIGTERM, SIGINT] {
            Glibc.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
            source.setEventHandler {
                if received.add(1, ordering: .relaxed).newValue > 1 {
                    logger.warning("second stop signal: exiting now; running jobs resume at the next start")
                    _exit(1)
                }
                logger.info("\(signal == SIGTERM ? "SIGTERM" : "SIGINT"): stopping")
                Task { await daemon.drain() }
            }
            source.resume()
            sources.append(source)
        }
        Glibc.signal(SIGHUP, SIG_IGN)
        let hangUp = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        hangUp.setEventHandler {
            guard let logFile else { return }
            logFile.reopen()
            logger.info("SIGHUP: reopened \(logFile.path)")
        }
        hangUp.resume()
        sources.append(hangUp)
        self.sources = Mutex(sources)
    }

    func cancel() {
        sources.withLock { sources in
            for source in sources { source.cancel() }
        }
    }
}
