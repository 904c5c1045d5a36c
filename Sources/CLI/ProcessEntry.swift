import Dispatch
import Foundation
import NIOCore
import NIOPosix

/// The process entry point: hands Swift Concurrency's global executor to NIO's event loops, then runs
/// the command line.
///
/// Why: by default every HTTP request hops from the event loop that read it to the concurrency pool
/// that runs its handler and back again, about four thread wake-ups a request. Under a polling load
/// those wake-ups preempt the render's encoder threads on a 2-core host. With the event loops as the
/// global executor, a request is read, answered and written on one thread. The thread count is the
/// same either way (one per core), so the pipeline's tasks see no difference.
/// The takeover must happen before any task exists, hence a synchronous `main` instead of
/// `@main` on the async root command.
@main
enum ProcessEntry {
    static func main() {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        Task {
            await TikTokAI.main()
            exit(0)
        }
        dispatchMain()
    }
}
