import Foundation
import Spool
import Synchronization

/// Hints that something changed in the inbox or the queue. Hints only (SPEC rule 6): scans are the
/// truth, so a lost hint delays a claim by one rescan, never loses it.
public protocol InboxWatching: Sendable {
    /// Starts watching; events arrive until ``stop()``.
    func start() throws -> AsyncStream<FolderWatcher.Event>
    func stop()
}

/// inotify on `inbox/` and `queued/` (libinotifytools, ``FolderWatcher``).
public final class InotifyInboxWatcher: InboxWatching {
    private let folders: [URL]
    private let watcher = Mutex<FolderWatcher?>(nil)

    public init(layout: SpoolLayout) { folders = [layout.inbox, layout.folder(.queued)] }

    public func start() throws -> AsyncStream<FolderWatcher.Event> {
        let (started, events) = try FolderWatcher.start(watching: folders)
        watcher.withLock { $0 = started }
        return events
    }

    public func stop() { watcher.withLock { $0?.stop() } }
}

/// Hints sent by hand, for tests: what a test would otherwise wait for inotify to notice.
public final class ManualInboxEvents: InboxWatching {
    private let stream: AsyncStream<FolderWatcher.Event>
    private let continuation: AsyncStream<FolderWatcher.Event>.Continuation

    public init() { (stream, continuation) = AsyncStream.makeStream() }

    public func start() throws -> AsyncStream<FolderWatcher.Event> { stream }

    public func stop() { continuation.finish() }

    /// Reports `name` as renamed into `folder` (as `mv` into the inbox would).
    public func movedIn(_ name: String, folder: URL) { continuation.yield(.changed(folder: folder, name: name, change: .movedIn)) }

    public func send(_ event: FolderWatcher.Event) { continuation.yield(event) }
}
