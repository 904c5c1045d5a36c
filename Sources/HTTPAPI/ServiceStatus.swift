import Foundation

/// `GET /api/status`: the runbook's provider status — `providers` {openai, elevenlabs, ffmpeg},
/// `ready`, `testMode`, `renderDryRun`, `message` — and, beyond it, the provider serving every step
/// with its readiness. Composed by the command that starts the server (it knows the providers; this
/// module does not).
public struct ServiceStatus: Sendable, Encodable, Equatable {
    public struct Flags: Sendable, Encodable, Equatable {
        public var openai: Bool
        public var elevenlabs: Bool
        public var ffmpeg: Bool

        public init(openai: Bool, elevenlabs: Bool, ffmpeg: Bool) {
            self.openai = openai
            self.elevenlabs = elevenlabs
            self.ffmpeg = ffmpeg
        }
    }

    /// One pipeline step's provider: its name, whether it can work now, and why not.
    public struct StepProvider: Sendable, Encodable, Equatable {
        public var step: String
        public var provider: String
        public var ready: Bool
        public var detail: String

        public init(step: String, provider: String, ready: Bool, detail: String) {
            self.step = step
            self.provider = provider
            self.ready = ready
            self.detail = detail
        }
    }

    public var providers: Flags
    public var ready: Bool
    /// tiktok-ai has no separate test mode (the offline providers are real ones); kept for the runbook's shape.
    public var testMode: Bool
    public var renderDryRun: Bool
    public var message: String
    public var steps: [StepProvider]

    /// `ready` when every step's provider is; the message names the first that is not.
    public init(providers: Flags, renderDryRun: Bool, steps: [StepProvider]) {
        self.providers = providers
        self.renderDryRun = renderDryRun
        self.testMode = false
        self.steps = steps
        let notReady = steps.filter { !$0.ready }
        ready = notReady.isEmpty
        if renderDryRun {
            message = "Dry-run mode: every step runs, media files are placeholders and no provider is called."
        } else if let first = notReady.first {
            message = "Not ready: \(notReady.map { "\($0.step) (\($0.provider))" }.joined(separator: ", ")): \(first.detail)"
        } else {
            message = "All providers configured and ready."
        }
    }
}

/// Where the server gets the status from, and how long an answer is reused (readiness checks run
/// tools; a dashboard polling every second should not run them every second).
public actor ServiceStatusCache {
    private let compute: @Sendable () async -> ServiceStatus
    private let maxAge: Duration
    private var last: (status: ServiceStatus, at: ContinuousClock.Instant)?

    public init(maxAge: Duration = .seconds(10), compute: @escaping @Sendable () async -> ServiceStatus) {
        self.compute = compute
        self.maxAge = maxAge
    }

    public func current() async -> ServiceStatus {
        if let last, last.at.duration(to: .now) < maxAge { return last.status }
        let status = await compute()
        last = (status, .now)
        return status
    }
}
