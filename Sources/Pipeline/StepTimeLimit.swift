import Foundation
import JobDocuments

/// A step that ran longer than it may. Each ffmpeg run has its own timeout (`FFMPEG_TIMEOUT_MS`);
/// this one stops a step that hangs anywhere else, with a message naming the setting.
struct StepTimeout: Error, CustomStringConvertible, Sendable {
    var step: PipelineStep
    var limit: Duration
    var setting: String

    var description: String {
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        return "\(step.rawValue) did not finish within \(String(format: "%.1f", seconds)) s (\(setting), plus a grace period) and was stopped"
    }
}

/// Runs `body`, cancelling it and throwing ``StepTimeout`` once `limit` has passed.
func withStepTimeLimit(_ step: PipelineStep, limit: Duration, setting: String,
                       _ body: @escaping @Sendable () async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Bool.self) { group in
        group.addTask {
            try await body()
            return true
        }
        group.addTask {
            try await Task.sleep(for: limit)
            return false
        }
        let finished = try await group.next() ?? true
        group.cancelAll()
        if !finished { throw StepTimeout(step: step, limit: limit, setting: setting) }
    }
}
