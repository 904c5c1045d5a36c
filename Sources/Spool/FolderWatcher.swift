import CInotifyTools
import Foundation
import Synchronization

/// inotify through libinotifytools, delivered as an `AsyncStream`.
///
/// Events are hints (SPEC rule 6): they make the daemon look sooner, but the start-up scan and the
/// periodic rescan are the truth. An `IN_Q_OVERFLOW` (the kernel dropped events) is reported as
/// ``Event/overflow`` so the daemon rescans at once. libinotifytools keeps global state, so a process
/// runs one watcher at a time.
public final class FolderWatcher: Sendable {
    public enum Event: Sendable, Equatable {
        /// Something happened to `name` inside the watched `folder`.
        case changed(folder: URL, name: String, change: Change)
        case overflow
    }

    public enum Change: Sendable, Equatable {
        /// A writer closed the file (`IN_CLOSE_WRITE`): it may be complete.
        case closedAfterWrite
        /// The file was renamed into the folder (`IN_MOVED_TO`): complete, as renames are atomic.
        case movedIn
        /// The file is being written (`IN_MODIFY`, `IN_CREATE`): not complete yet.
        case modified
    }

    private let running = Atomic<Bool>(true)
    private static let active = Mutex<Bool>(false)

    /// Starts watching `folders`; events arrive on the returned stream until ``stop()``.
    public static func start(watching folders: [URL]) throws -> (FolderWatcher, AsyncStream<Event>) {
        try active.withLock { isActive in
            guard !isActive else { throw SpoolError.invalid("a folder watcher is already running in this process") }
            guard inotifytools_initialize() != 0 else {
                throw SpoolError.io("cannot initialise inotify", Int32(inotifytools_error()))
            }
            isActive = true
        }
        let mask = Int32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MODIFY | IN_CREATE)
        var paths: [Int32: URL] = [:]
        for folder in folders {
            guard inotifytools_watch_file(folder.path, mask) != 0 else {
                let code = Int32(inotifytools_error())
                inotifytools_cleanup()
                active.withLock { $0 = false }
                throw SpoolError.io("cannot watch \(folder.path) (raise fs.inotify.max_user_watches, or use --poll)", code)
            }
            paths[inotifytools_wd_from_filename(folder.path.hasSuffix("/") ? folder.path : folder.path + "/")] = folder
            paths[inotifytools_wd_from_filename(folder.path)] = folder
        }
        let watcher = FolderWatcher()
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(100_000))
        let knownPaths = paths
        let thread = Thread {
            while watcher.running.load(ordering: .relaxed) {
                // A one-second timeout lets the loop notice stop().
                guard let event = inotifytools_next_event(1) else { continue }
                let mask = event.pointee.mask
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    continuation.yield(.overflow)
                    continue
                }
                guard event.pointee.len > 0, let folder = knownPaths[event.pointee.wd] else { continue }
                let namePointer = UnsafeRawPointer(event).advanced(by: MemoryLayout<inotify_event>.size)
                    .assumingMemoryBound(to: CChar.self)
                let name = String(cString: namePointer)
                let change: Change
                if mask & UInt32(IN_MOVED_TO) != 0 {
                    change = .movedIn
                } else if mask & UInt32(IN_CLOSE_WRITE) != 0 {
                    change = .closedAfterWrite
                } else {
                    change = .modified
                }
                continuation.yield(.changed(folder: folder, name: name, change: change))
            }
            inotifytools_cleanup()
            active.withLock { $0 = false }
            continuation.finish()
        }
        thread.name = "inotify"
        thread.start()
        return (watcher, stream)
    }

    public func stop() { running.store(false, ordering: .relaxed) }
}
