import Synchronization

/// What the daemon tells the jobs it runs: "drain" (SIGTERM) stops every running job at its current
/// step and puts it back in the queue, to resume at the next start.
public final class RunControl: Sendable {
    private let draining = Atomic<Bool>(false)

    public init() {}

    public func drain() { draining.store(true, ordering: .relaxed) }

    public var isDraining: Bool { draining.load(ordering: .relaxed) }
}
