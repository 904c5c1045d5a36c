import JobIndex
import Synchronization

/// The ids the index holds, kept in memory for the claimer's uniqueness check (SPEC rule 4): a burst
/// of 10,000 drops asks once per file, and one query per file was a tenth of the claim time.
///
/// Loaded from the index on first use, then kept up to date with every job this daemon claims. Ids
/// only ever join the index while the daemon runs (jobs are purged, not deleted; `submit` also
/// creates a folder, which the claimer checks first), so the set never misses a taken id.
final class KnownJobIDs: Sendable {
    private let index: JobIndexDatabase?
    private let ids = Mutex<Set<String>?>(nil)

    init(index: JobIndexDatabase?) { self.index = index }

    func contains(_ id: String) -> Bool {
        ids.withLock { ids in
            if ids == nil { ids = (try? index?.allJobIDs()) ?? [] }
            return ids!.contains(id)
        }
    }

    func insert<S: Sequence<String>>(_ new: S) {
        ids.withLock { ids in
            guard ids != nil else { return }  // not loaded yet: the load will read them from the index
            ids!.formUnion(new)
        }
    }
}
