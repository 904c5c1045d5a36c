import Foundation

/// What ``ObjectStore/sweepOrphans(prefix:olderThan:keep:now:)`` found and did.
public struct OrphanSweep: Sendable, Hashable {
    /// The keys deleted, in key order.
    public var deleted: [String] = []
    /// Objects left because `keep` names them.
    public var kept = 0
    /// Objects left because they are younger than the age given: they may belong to a running attempt.
    public var young = 0

    public init() {}
}

extension ObjectStore {
    /// Deletes the objects under `prefix` last written more than `age` before `now` whose keys are not in
    /// `keep`: the attempt objects (`renders/<job>/<attempt>-<token>/…`) no committed job points to, once
    /// no attempt that wrote them can still be running (the cluster sweeps `renders/` with a day).
    ///
    /// Ages are the store's `lastModified` against this host's `now`: a clock skew of minutes is
    /// nothing against a day. An object a concurrent sweep deleted first is no error. Cancellation stops
    /// it between two deletions; what was deleted by then is gone, which is all a sweep promises.
    public func sweepOrphans(prefix: String, olderThan age: Duration, keep: Set<String>, now: Date = Date()) async throws -> OrphanSweep {
        let cutoff = now.addingTimeInterval(-Double(age.components.seconds) - Double(age.components.attoseconds) * 1e-18)
        var sweep = OrphanSweep()
        for object in try await list(prefix: prefix) {
            if keep.contains(object.key) {
                sweep.kept += 1
            } else if object.lastModified >= cutoff {
                sweep.young += 1
            } else {
                try Task.checkCancellation()
                try await delete(key: object.key)
                sweep.deleted.append(object.key)
            }
        }
        return sweep
    }
}
