import JobDocuments

/// Why a queue refused an operation.
public enum JobQueueError: Error, CustomStringConvertible, Sendable, Equatable {
    case notFound(String)
    case notRetryable(id: String, state: JobState)
    case unknownStep(String)

    public var description: String {
        switch self {
        case .notFound(let id): "no job '\(id)'"
        case .notRetryable(let id, let state):
            "job '\(id)' is \(state.rawValue); only failed or canceled jobs can be retried"
        case .unknownStep(let name):
            "unknown step '\(name)'; the steps are \(PipelineStep.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }
}

extension PipelineStep {
    /// A step by name (any case), or an error that lists the valid names.
    public static func named(_ name: String) throws(JobQueueError) -> PipelineStep {
        guard let step = PipelineStep(rawValue: name.lowercased()) else { throw .unknownStep(name) }
        return step
    }
}
