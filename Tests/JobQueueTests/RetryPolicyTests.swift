import Foundation
import JobDocuments
import JobQueue
import Testing

@Suite("The retry policy: when a job stops being retried on its own")
struct RetryPolicyTests {
    private func record(_ status: inout JobStatus, _ outcome: JobStatus.AttemptRecord.Outcome, _ step: String, _ message: String) {
        JobTransitions.recordAttempt(&status, outcome, step: step, message: message, at: Date())
    }

    @Test("three equal failures in a row stop automatic retries; a kill from outside neither counts nor breaks the run")
    func threeEqualFailuresStopAutomaticRetries() {
        let policy = RetryPolicy(limit: 3)
        var status = JobStatus(id: "x", source: "x.json")
        record(&status, .failed, "render", "boom")
        record(&status, .failed, "render", "boom")
        #expect(policy.repeatedFailure(in: status) == nil)
        record(&status, .interrupted, "render", "the daemon stopped")
        #expect(policy.repeatedFailure(in: status) == nil)
        record(&status, .crashed, "render", "segfault")
        #expect(policy.repeatedFailure(in: status) == nil, "a different message is a different way to fail")
        record(&status, .failed, "render", "boom")
        record(&status, .failed, "render", "boom")
        #expect(policy.repeatedFailure(in: status) == nil, "the crash broke the run: two in a row so far")
        record(&status, .failed, "render", "boom")
        #expect(policy.repeatedFailure(in: status)?.step == "render")
        #expect(RetryPolicy(limit: 0).repeatedFailure(in: status) == nil, "0 never stops")
        for _ in 0..<20 { record(&status, .failed, "plan", "again") }
        #expect(status.attempts?.count == RetryPolicy.historyLength)
    }

    @Test("giving up names the step, the message, the limit and the way out")
    func givingUpSaysWhy() {
        let record = JobStatus.AttemptRecord(attempt: 3, outcome: .failed, step: "voice", message: "espeak-ng failed")
        let error = RetryPolicy(limit: 3).givingUp(on: record)
        #expect(error.message == "not retried automatically: the last 3 attempts ended the same way at voice: espeak-ng failed (use `tiktok-ai retry` to force one)")
        #expect(!error.retryable)
    }
}

@Suite("Transitions: how every queue changes a status")
struct JobTransitionTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func finishedSteps(_ steps: [PipelineStep], failed: PipelineStep? = nil) -> JobStatus {
        var status = JobStatus(id: "j", source: "j.json")
        for step in steps { status.setRecord(.init(name: step, state: .done)) }
        if let failed { status.setRecord(.init(name: failed, state: .failed)) }
        return status
    }

    @Test("a requeue keeps finished steps, drops the unfinished one, counts the attempt and the progress of what is done")
    func requeueKeepsFinishedSteps() {
        var status = finishedSteps([.plan, .voice])
        status.state = .running
        status.setRecord(.init(name: .align, state: .running))
        let queued = JobTransitions.requeued(status, at: now)
        #expect(queued.state == .queued && queued.attempt == 2 && queued.error == nil && queued.finishedAt == nil)
        #expect(queued.steps.map(\.name) == [.plan, .voice])
        #expect(queued.progress == PipelineStep.plan.progressWeight + PipelineStep.voice.progressWeight)
    }

    @Test("a failure is recorded in the attempt history; a cancel is not")
    func failuresAreHistoryCancelsAreNot() {
        let running = JobTransitions.started(JobStatus(id: "j", source: "j.json"), at: now)
        #expect(running.state == .running && running.startedAt == now)
        let failed = JobTransitions.finished(running, as: .failed(.init(step: "render", message: "boom", retryable: true)), at: now)
        #expect(failed.state == .failed && failed.attempts?.count == 1 && failed.attempts?.first?.outcome == .failed)
        let canceled = JobTransitions.finished(running, as: .canceled(step: "voice"), at: now)
        #expect(canceled.state == .canceled && canceled.attempts == nil && canceled.error?.step == "voice")
        let done = JobTransitions.finished(running, as: .done, at: now)
        #expect(done.progress == 100 && done.error == nil && done.finishedAt == now)
    }

    @Test("a retry from a step forgets that step and every later one")
    func retryFromAStepForgetsLaterSteps() {
        var status = finishedSteps(PipelineStep.allCases)
        status.state = .failed
        let retried = JobTransitions.retried(status, from: .captions, at: now)
        #expect(retried.steps.map(\.name) == [.plan, .voice, .align, .images])
        #expect(retried.state == .queued && retried.attempt == 2)
    }

    @Test("recovery counts a crash of the daemon, and records a kill from outside as interrupted")
    func recoveryTellsCrashesFromKills() {
        var status = finishedSteps([.plan])
        status.state = .running
        status.step = .voice
        status.setRecord(.init(name: .voice, state: .running))
        let killed = JobTransitions.recovered(status, previousCrashSignal: nil, signalName: "", policy: RetryPolicy(), at: now)
        #expect(killed.state == .queued && killed.attempts?.last?.outcome == .interrupted)
        #expect(killed.attempts?.last?.message == "the daemon stopped during voice (killed, or the machine went down)")
        #expect(killed.steps.map(\.name) == [.plan])
        let crashed = JobTransitions.recovered(status, previousCrashSignal: 11, signalName: "SIGSEGV", policy: RetryPolicy(), at: now)
        #expect(crashed.attempts?.last?.outcome == .crashed && crashed.attempts?.last?.message == "the daemon crashed (SIGSEGV) during voice")
    }

    @Test("recovery and a returned folder give up on a poison pill, with the policy's reason")
    func poisonPillsStop() {
        var status = finishedSteps([.plan])
        for _ in 0..<3 { JobTransitions.recordAttempt(&status, .crashed, step: "voice", message: "the daemon crashed (SIGSEGV) during voice", at: now) }
        status.state = .failed
        let returned = JobTransitions.returned(status, problem: nil, policy: RetryPolicy(limit: 3), at: now)
        #expect(returned.state == .failed && returned.error?.message.hasPrefix("not retried automatically") == true)
        let missing = JobTransitions.returned(JobStatus(id: "j", source: "j.json"), problem: "no project.json", policy: RetryPolicy(), at: now)
        #expect(missing.state == .failed && missing.error?.message == "no project.json")
    }
}
