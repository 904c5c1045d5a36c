import Foundation
import JobIndex
import Synchronization

/// Gives new jobs their ids (SPEC rule 4): the file's stem reduced to `[A-Za-z0-9._-]`, with `-2`,
/// `-3`, … when that id is taken — by a folder in any state folder (published or being built), by the
/// index (a purged job keeps its id for ever), or by a batch line that was given it and is not
/// published yet.
///
/// The index's ids are read once, on first use, and then kept up to date with every job this process
/// records: one query per file was a tenth of the claim time of a 10,000-file drop. Ids only join the
/// index through a folder, which is checked first, so another process's new job is never missed.
final class JobIDAllocator: Sendable {
    private let layout: SpoolLayout
    private let index: JobIndexDatabase?
    private let indexed = Mutex<Set<String>?>(nil)
    /// Ids given out whose folders do not exist yet (a batch's assignments).
    private let reserved = Mutex<Set<String>>([])

    init(layout: SpoolLayout, index: JobIndexDatabase?) {
        self.layout = layout
        self.index = index
    }

    func isTaken(_ id: String) -> Bool {
        if layout.hasFolder(for: id) { return true }
        if reserved.withLock({ $0.contains(id) }) { return true }
        return indexed.withLock { ids in
            if ids == nil { ids = (try? index?.allJobIDs()) ?? [] }
            return ids!.contains(id)
        }
    }

    /// A new id for a job from the file `name`, reserved until ``release(_:)``.
    func allocate(forFileName name: String) -> String {
        allocate(base: InboxNaming.baseID(forFileName: name))
    }

    /// The first of `base`, `base-2`, … that is free, reserved until ``release(_:)``.
    func allocate(base: String) -> String {
        let id = InboxNaming.uniqueID(base: base, isTaken: isTaken)
        reserved.withLock { _ = $0.insert(id) }
        return id
    }

    /// Marks ids as given out (a batch's recorded assignments, read back at start).
    func reserve<S: Sequence<String>>(_ ids: S) { reserved.withLock { $0.formUnion(ids) } }

    /// Their folders exist now (or never will): the folders and the index speak for them.
    func release<S: Sequence<String>>(_ ids: S) { reserved.withLock { $0.subtract(ids) } }

    /// The ids were recorded in the index by this process.
    func noteIndexed<S: Sequence<String>>(_ ids: S) {
        indexed.withLock { known in
            guard known != nil else { return }  // not loaded yet: the load will read them
            known!.formUnion(ids)
        }
    }
}
