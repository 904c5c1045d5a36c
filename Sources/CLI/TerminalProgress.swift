import Foundation
import JobDocuments
import Synchronization

/// The live display on a terminal: a line for each step as it ends, and one line at the bottom,
/// redrawn in place (`\r`, erase-line), with the running step of each job and the encode's bar.
///
/// Fed only by job statuses (whatever `status.json` would say), so the pipeline knows nothing of
/// terminals. Made only when ``TerminalCapabilities`` says stderr is a live terminal; otherwise the
/// commands print their plain lines and nothing here runs.
final class TerminalProgress: Sendable {
    /// The bottom line is redrawn at most this often (and only by the ticker): a busy status stream
    /// never floods a slow terminal (ssh) with redraws.
    static let redrawInterval: Duration = .milliseconds(100)

    private struct Job {
        var status: JobStatus
        /// Steps whose ending line is already printed.
        var printed: Set<PipelineStep> = []
    }

    private struct State {
        var jobs: [String: Job] = [:]
        /// Jobs in the order first seen: the bottom line's order.
        var order: [String] = []
        /// Whether the bottom line is on screen now (and must be erased before anything else prints).
        var liveShown = false
        var stopped = false
        var frame = 0
    }

    private let capabilities: TerminalCapabilities
    /// Several jobs at once (`run --once`): every line names its job.
    private let namesJobs: Bool
    private let state = Mutex(State())

    init(_ capabilities: TerminalCapabilities, namesJobs: Bool) {
        self.capabilities = capabilities
        self.namesJobs = namesJobs
    }

    /// The display for a command, or nil when it must print plain lines: `--quiet`, `--json`, or
    /// stderr not a live terminal.
    static func forCommand(quiet: Bool, namesJobs: Bool = false) -> TerminalProgress? {
        guard !quiet, let capabilities = TerminalCapabilities.detect() else { return nil }
        return TerminalProgress(capabilities, namesJobs: namesJobs)
    }

    // MARK: Input

    /// A job's status changed: steps that ended since are printed at once; the bottom line follows
    /// at the next tick.
    func show(_ status: JobStatus) {
        state.withLock { state in
            guard !state.stopped else { return }
            if state.jobs[status.id] == nil {
                state.jobs[status.id] = Job(status: status)
                state.order.append(status.id)
            }
            state.jobs[status.id]!.status = status
            var lines = ""
            for record in status.steps where record.state != .running && !state.jobs[status.id]!.printed.contains(record.name) {
                state.jobs[status.id]!.printed.insert(record.name)
                lines += endedLine(record, job: status.id)
            }
            if status.state.isFinal { forget(status.id, in: &state) }
            if !lines.isEmpty { emit(lines, state: &state) }
        }
    }

    /// The job is no longer followed (it left `running/`): its bottom-line part goes.
    func forget(_ id: String) {
        state.withLock { forget(id, in: &$0) }
    }

    /// A line from elsewhere (a log line): printed above the bottom line, which comes back at the next tick.
    func printAbove(_ text: String) {
        state.withLock { state in
            guard !state.stopped else {
                TerminalCapabilities.write(text)
                return
            }
            emit(text.hasSuffix("\n") ? text : text + "\n", state: &state)
        }
    }

    // MARK: Drawing

    /// Redraws the bottom line every ``redrawInterval`` until ``stop()`` or cancellation.
    func startTicking() -> Task<Void, Never> {
        Task { [self] in
            while !Task.isCancelled {
                redraw()
                try? await Task.sleep(for: Self.redrawInterval)
            }
        }
    }

    /// Erases the bottom line for good: what the command prints next starts on a clean line.
    func stop() {
        state.withLock { state in
            if state.liveShown { TerminalCapabilities.write("\r\u{1B}[K") }
            state.liveShown = false
            state.stopped = true
        }
    }

    private func redraw() {
        state.withLock { state in
            guard !state.stopped else { return }
            state.frame += 1
            let parts = state.order.compactMap { state.jobs[$0] }.map { liveText($0.status, frame: state.frame) }
            guard !parts.isEmpty else {
                if state.liveShown { TerminalCapabilities.write("\r\u{1B}[K") }
                state.liveShown = false
                return
            }
            // Never wider than the terminal: a wrapped line cannot be redrawn in place.
            let line = String(("  " + parts.joined(separator: "   ")).prefix(TerminalCapabilities.columns() - 1))
            TerminalCapabilities.write("\r\u{1B}[K" + line)
            state.liveShown = true
        }
    }

    private func emit(_ lines: String, state: inout State) {
        TerminalCapabilities.write((state.liveShown ? "\r\u{1B}[K" : "") + lines)
        state.liveShown = false
    }

    private func forget(_ id: String, in state: inout State) {
        state.jobs[id] = nil
        state.order.removeAll { $0 == id }
    }

    // MARK: Text

    /// `  ✓ render    [████████████████████] 100%  1.29 s`: a step that ended.
    private func endedLine(_ record: JobStatus.StepRecord, job: String) -> String {
        let failed = record.state == .failed
        let mark = failed ? (capabilities.unicode ? "✗" : "x") : (capabilities.unicode ? "✓" : "+")
        var text = paint(mark, failed ? "31" : "32") + " " + label(record.name, job: job)
        if record.cached {
            text += paint("cached", "2")
        } else {
            if record.name == .render && !failed { text += bar(1, width: 20) + " 100%  " }
            text += record.seconds.map { String(format: "%.2f s", $0) } ?? ""
        }
        return "  " + text + "\n"
    }

    /// One job's part of the bottom line: its running step, the encode's bar, the time in the step.
    private func liveText(_ status: JobStatus, frame: Int) -> String {
        let prefix = namesJobs ? "\(status.id) " : ""
        guard status.state == .running, let step = status.step else {
            let waiting = status.waiting.map { ": \($0)" } ?? ""
            return prefix + (status.state == .running ? "starting" : status.state.rawValue) + waiting
        }
        let spinner = capabilities.unicode ? Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏") : Array("|/-\\")
        let started = status.record(for: step)?.startedAt
        let seconds = started.map { String(format: "%.1f s", max(0, Date().timeIntervalSince($0))) } ?? ""
        var text = "\(spinner[frame % spinner.count]) " + label(step, job: status.id)
        if step == .render {
            let fraction = Self.renderFraction(status.progress)
            text += bar(fraction, width: namesJobs ? 10 : 20) + String(format: " %3d%%  ", Int((fraction * 100).rounded(.down)))
        }
        return text + seconds
    }

    /// How far the encode is, from the job's progress (the render step's share of it, status.md).
    static func renderFraction(_ progress: Int) -> Double {
        let before = PipelineStep.allCases.filter { $0 < .render }.map(\.progressWeight).reduce(0, +)
        return min(1, max(0, Double(progress - before) / Double(PipelineStep.render.progressWeight)))
    }

    private func label(_ step: PipelineStep, job: String) -> String {
        (namesJobs ? "\(job) " : "") + step.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
    }

    private func bar(_ fraction: Double, width: Int) -> String {
        let filled = Int((fraction * Double(width)).rounded(.down))
        let (full, empty) = capabilities.unicode ? ("█", "░") : ("#", "-")
        return "[" + String(repeating: full, count: filled) + String(repeating: empty, count: width - filled) + "]"
    }

    private func paint(_ text: String, _ code: String) -> String {
        capabilities.color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
