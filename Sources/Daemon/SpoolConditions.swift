import FileSafety
import Foundation
import Spool

/// What decides whether jobs may start, besides free slots: the pause flag and free disk space. A seam,
/// so the daemon's tests can pause it and fill its disk without touching the machine.
public protocol SpoolConditions: Sendable {
    /// True while no new job may start (`spool/PAUSE` exists).
    func isPaused() -> Bool
    /// Megabytes free on the spool's filesystem, or nil when it cannot be asked.
    func freeMegabytes() -> Int64?
}

/// The conditions of a real spool: its `PAUSE` file and its filesystem's free space.
public struct FolderSpoolConditions: SpoolConditions {
    public let layout: SpoolLayout

    public init(layout: SpoolLayout) { self.layout = layout }

    public func isPaused() -> Bool { layout.isPaused }

    public func freeMegabytes() -> Int64? { DiskSpace.freeMegabytes(at: layout.root) }
}
