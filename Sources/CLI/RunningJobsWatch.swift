import Foundation
import JobDocuments
import Spool

/// `run --once`'s feed for its terminal display: the statuses of the jobs in `running/`, read from
/// their `status.json` (what any script sees), and each job's last status once it has left.
///
/// Polling the folders, rather than hooking the daemon, keeps the daemon as it is under `serve`.
struct RunningJobsWatch {
    let layout: SpoolLayout
    let progress: TerminalProgress

    /// Reads the folders every `interval` until cancelled.
    func start(every interval: Duration = .milliseconds(200)) -> Task<Void, Never> {
        Task {
            var seen: [String: Date] = [:]
            while !Task.isCancelled {
                poll(&seen)
                try? await Task.sleep(for: interval)
            }
            poll(&seen)
        }
    }

    /// `seen`: the jobs followed, with the `updatedAt` last shown.
    private func poll(_ seen: inout [String: Date]) {
        let running = layout.jobIDs(in: .running)
        for id in running {
            guard let status = try? StatusFile.read(in: layout.jobFolder(id: id, in: .running)),
                  seen[id] != status.updatedAt else { continue }
            seen[id] = status.updatedAt
            progress.show(status)
        }
        // Gone from running/: its final status ends its lines (a job put back in queued/ just goes).
        for id in seen.keys where !running.contains(id) {
            seen[id] = nil
            if let found = layout.locate(jobID: id), let status = try? StatusFile.read(in: found.folder) {
                progress.show(status)
            }
            progress.forget(id)
        }
    }
}
