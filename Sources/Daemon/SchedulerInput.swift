import JobDocuments
import JobQueue

/// What the scheduler service hears from the other services and from the jobs it runs. Hints are
/// collapsed by the receiver: many `queueChanged` in a row cost one listing.
enum SchedulerInput: Sendable {
    /// New jobs the intake claimed.
    case queued([WaitingJob])
    /// Files the intake claimed straight into failed/ (bad input).
    case refused([String])
    /// `queued/` changed from outside (a retry, a folder moved in): list it again.
    case queueChanged
    case inbox(idle: Bool)
    case ended(id: String, state: JobState?)
    /// A started job went back to the queue to wait for the daily budget.
    case waitsForBudget(WaitingJob)
    /// The hold's recheck, or any other reason to look again.
    case tick
    case drain
}
