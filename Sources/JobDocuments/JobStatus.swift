import Foundation

/// `status.json`, schema version 1: everything a shell script needs to know about one job.
/// Paths are relative to the job folder; times are ISO 8601 UTC.
public struct JobStatus: Sendable, Hashable, Codable {
    public var schemaVersion = 1
    public var id: String
    /// The file name the job came from, as dropped (for a batch: `NAME.jsonl` line N).
    public var source: String
    public var state: JobState
    public var step: PipelineStep?
    public var progress: Int
    public var attempt: Int
    public var priority: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    public var steps: [StepRecord]
    public var artifacts: Artifacts
    public var error: JobError?
    public var cost: Cost
    /// The provider that actually ran each step (`plan`: `template`, `voice`: `espeak-ng`, …), recorded
    /// when the step finishes; a step reused from an earlier attempt keeps that attempt's entry.
    public var providers: [String: String]
    /// How earlier attempts ended (failed, or interrupted by a crash), oldest first; absent until one
    /// has. A job whose last three attempts ended the same way is not retried automatically.
    public var attempts: [AttemptRecord]?
    /// Why a queued job waits although it could run (the daily budget); absent otherwise.
    public var waiting: String?

    public init(id: String, source: String, state: JobState = .queued, priority: Int = 0, now: Date = Date()) {
        self.id = id
        self.source = source
        self.state = state
        self.step = nil
        self.progress = 0
        self.attempt = 1
        self.priority = priority
        self.createdAt = now
        self.updatedAt = now
        self.steps = []
        self.artifacts = Artifacts()
        self.error = nil
        self.cost = Cost()
        self.providers = [:]
    }

    public struct StepRecord: Sendable, Hashable, Codable {
        public enum State: String, Codable, Sendable { case running, done, failed, skipped }
        public var name: PipelineStep
        public var state: State
        public var startedAt: Date?
        public var finishedAt: Date?
        public var seconds: Double?
        /// True when the step's outputs were already complete and it did no work.
        public var cached: Bool

        public init(name: PipelineStep, state: State, startedAt: Date? = nil, finishedAt: Date? = nil,
                    seconds: Double? = nil, cached: Bool = false) {
            self.name = name
            self.state = state
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.seconds = seconds
            self.cached = cached
        }
    }

    /// The keys of ``Artifacts``; which step makes each is declared in ``PipelineStep/outputs(in:sceneIndices:)``.
    public enum ArtifactKind: String, Sendable, CaseIterable {
        case video, thumbnail, captions, plan, export
    }

    /// Paths relative to the job folder of the finished outputs a script looks for; absent until made.
    public struct Artifacts: Sendable, Hashable, Codable {
        public var video: String?
        public var thumbnail: String?
        public var captions: String?
        public var plan: String?
        public var export: String?
        public init() {}

        public subscript(kind: ArtifactKind) -> String? {
            get {
                switch kind {
                case .video: video
                case .thumbnail: thumbnail
                case .captions: captions
                case .plan: plan
                case .export: export
                }
            }
            set {
                switch kind {
                case .video: video = newValue
                case .thumbnail: thumbnail = newValue
                case .captions: captions = newValue
                case .plan: plan = newValue
                case .export: export = newValue
                }
            }
        }
    }

    public struct JobError: Sendable, Hashable, Codable {
        public var step: String?
        public var message: String
        public var retryable: Bool

        public init(step: String?, message: String, retryable: Bool) {
            self.step = step
            self.message = message
            self.retryable = retryable
        }
    }

    /// One attempt that did not finish: how it ended, where, and why.
    public struct AttemptRecord: Sendable, Hashable, Codable {
        public enum Outcome: String, Sendable, Codable {
            /// The job failed (a step threw).
            case failed
            /// The daemon crashed (a fatal signal of its own) while the job ran.
            case crashed
            /// The daemon was killed from outside or the machine went down while the job ran.
            case interrupted
        }

        public var attempt: Int
        public var outcome: Outcome
        public var step: String?
        public var message: String
        public var at: Date

        public init(attempt: Int, outcome: Outcome, step: String?, message: String, at: Date = Date()) {
            self.attempt = attempt
            self.outcome = outcome
            self.step = step
            self.message = message
            self.at = at
        }
    }

    /// US dollars. Offline providers and cached answers cost nothing.
    public struct Cost: Sendable, Hashable, Codable {
        /// Expected before the job ran, from its providers, prices and length.
        public var estimatedUsd: Double = 0
        /// Spent on paid requests so far, all attempts together.
        public var actualUsd: Double = 0
        /// ``actualUsd`` by step.
        public var steps: [String: Double] = [:]
        public init() {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            estimatedUsd = try container.decodeIfPresent(Double.self, forKey: .estimatedUsd) ?? 0
            actualUsd = try container.decodeIfPresent(Double.self, forKey: .actualUsd) ?? 0
            steps = try container.decodeIfPresent([String: Double].self, forKey: .steps) ?? [:]
        }
    }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, id, source, state, step, progress, attempt, priority, createdAt, updatedAt, startedAt,
             finishedAt, steps, artifacts, error, cost, providers, attempts, waiting
    }

    /// Every field is written, `null` when unset (`error`, `step`, `startedAt`, `finishedAt`), so a
    /// script reads `.error` the same way whatever the job did; `attempts` appears once there is one.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(id, forKey: .id)
        try container.encode(source, forKey: .source)
        try container.encode(state, forKey: .state)
        try container.encode(step, forKey: .step)
        try container.encode(progress, forKey: .progress)
        try container.encode(attempt, forKey: .attempt)
        try container.encode(priority, forKey: .priority)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(finishedAt, forKey: .finishedAt)
        try container.encode(steps, forKey: .steps)
        try container.encode(artifacts, forKey: .artifacts)
        try container.encode(error, forKey: .error)
        try container.encode(cost, forKey: .cost)
        try container.encode(providers, forKey: .providers)
        try container.encodeIfPresent(attempts, forKey: .attempts)
        try container.encodeIfPresent(waiting, forKey: .waiting)
    }

    /// The record for `step`, if the job has reached it.
    public func record(for step: PipelineStep) -> StepRecord? { steps.first { $0.name == step } }

    public mutating func setRecord(_ record: StepRecord) {
        if let index = steps.firstIndex(where: { $0.name == record.name }) {
            steps[index] = record
        } else {
            steps.append(record)
            steps.sort { $0.name < $1.name }
        }
    }
}

extension JobStatus {
    /// The JSON coders every part of the system uses for status files: ISO 8601 dates, sorted keys.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.string(from: date))
        }
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = ISO8601.date(from: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
            }
            return date
        }
        return decoder
    }
}

