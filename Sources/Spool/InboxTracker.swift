import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Decides when an inbox file is complete enough to judge (SPEC rule 2).
///
/// A file renamed into the inbox is complete. A file written in place (scp, an editor) may be seen
/// half-written, so it is judged only once a writer has closed it with no change since, or once its
/// size and mtime have been stable for the settle window. A file that is judged and does not parse
/// is kept waiting until it has been stable for the whole window: only then is it bad input.
///
/// Time comes from the caller's clock (`Instant`), so the daemon's tests drive it with a test clock.
public struct InboxTracker<Instant: InstantProtocol & Sendable>: Sendable where Instant.Duration == Duration {
    struct Candidate: Sendable {
        var size: Int64
        var mtime: timespec
        /// When size or mtime last changed (or the file was first seen).
        var lastChange: Instant
        /// A close or rename seen after the last change.
        var completedByEvent: Bool
    }

    public let settleWindow: Duration
    private var candidates: [String: Candidate] = [:]

    public init(settleWindow: Duration = .seconds(2)) {
        self.settleWindow = settleWindow
    }

    public var isEmpty: Bool { candidates.isEmpty }

    /// Records an event (`change`) or a scan sighting (nil) of `name`.
    public mutating func observe(_ name: String, change: FolderWatcher.Change?, at now: Instant, in inbox: URL) {
        guard let current = Self.stat(inbox.appending(path: name)) else {
            candidates[name] = nil
            return
        }
        var candidate = candidates[name] ?? Candidate(size: current.size, mtime: current.mtime, lastChange: now, completedByEvent: false)
        if candidate.size != current.size || !Self.same(candidate.mtime, current.mtime) {
            candidate.size = current.size
            candidate.mtime = current.mtime
            candidate.lastChange = now
            candidate.completedByEvent = false
        }
        switch change {
        case .movedIn?, .closedAfterWrite?: candidate.completedByEvent = true
        case .modified?:
            candidate.completedByEvent = false
            candidate.lastChange = now
        case nil: break
        }
        candidates[name] = candidate
    }

    /// What to do with each candidate now.
    public enum Readiness: Sendable, Equatable {
        /// Judge it; if it does not parse, wait (the writer may not be done).
        case tryParse
        /// Judge it; if it does not parse, it is bad input.
        case final
    }

    /// Re-stats every candidate and says which can be judged, in name order.
    public mutating func review(at now: Instant, in inbox: URL) -> [(name: String, readiness: Readiness)] {
        var result: [(String, Readiness)] = []
        for name in candidates.keys.sorted() {
            observe(name, change: nil, at: now, in: inbox)
            guard let candidate = candidates[name] else { continue }
            if candidate.lastChange.duration(to: now) >= settleWindow {
                result.append((name, .final))
            } else if candidate.completedByEvent {
                result.append((name, .tryParse))
            }
        }
        return result
    }

    /// A `tryParse` judgement failed: wait for the settle window (or another close) before trying again.
    public mutating func parseFailed(_ name: String) { candidates[name]?.completedByEvent = false }

    /// Forget a candidate (claimed, or gone).
    public mutating func forget(_ name: String) { candidates[name] = nil }

    /// When the earliest waiting candidate's settle window ends: the intake's next deadline.
    public func nextDeadline() -> Instant? {
        candidates.values.map { $0.lastChange.advanced(by: settleWindow) }.min()
    }

    /// Size and mtime of a file; for a folder (a job folder moved or copied back in), the total size
    /// and the latest mtime of everything inside, so a folder still being copied keeps changing.
    static func stat(_ url: URL) -> (size: Int64, mtime: timespec)? {
        var info = Glibc.stat()
        guard lstat(url.path, &info) == 0 else { return nil }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return (Int64(info.st_size), info.st_mtim) }
        var size: Int64 = 0
        var latest = info.st_mtim
        let entries = FileManager.default.enumerator(atPath: url.path)
        while let entry = entries?.nextObject() as? String {
            var child = Glibc.stat()
            guard lstat(url.appending(path: entry).path, &child) == 0 else { continue }
            size += Int64(child.st_size)
            if (child.st_mtim.tv_sec, child.st_mtim.tv_nsec) > (latest.tv_sec, latest.tv_nsec) { latest = child.st_mtim }
        }
        return (size, latest)
    }

    static func same(_ a: timespec, _ b: timespec) -> Bool { a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec }
}
