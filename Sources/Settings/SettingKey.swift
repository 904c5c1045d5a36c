/// One setting: its key in a config file (`maxConcurrentJobs`), its environment variable (derived from
/// the key the way swift-configuration does: `MAX_CONCURRENT_JOBS`), its default, and what it does.
public struct SettingKey: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case string, int, double, bool
    }

    public var key: String
    public var kind: Kind
    /// The value used when nothing sets it, as text; nil: unset.
    public var defaultValue: String?
    public var summary: String
    /// The flag that sets it, for the commands that have one.
    public var flag: String?
    /// A key or token: `doctor` and every message say only whether it is set, never its value.
    public var isSecret = false

    /// The environment variable: camelCase words joined by `_`, upper-cased (`ffmpegTimeoutMs` →
    /// `FFMPEG_TIMEOUT_MS`), as swift-configuration's environment provider encodes keys, and a word
    /// after a digit too (`s3Bucket` → `S3_BUCKET`, as the AWS tools name it).
    public var environmentName: String { Self.upperSnake(key, afterDigits: true) }

    /// The name swift-configuration's environment provider looks the key up under: it puts `_` only
    /// after a lower-case letter (`s3Bucket` → `S3BUCKET`). Where that differs from ``environmentName``,
    /// the loader hands it the variable under this name.
    var providerEnvironmentName: String { Self.upperSnake(key, afterDigits: false) }

    private static func upperSnake(_ key: String, afterDigits: Bool) -> String {
        var name = ""
        var previous: Character?
        for character in key {
            if let previous, previous.isLowercase || (afterDigits && previous.isNumber), character.isUppercase { name.append("_") }
            name.append(character.isLetter || character.isNumber ? Character(character.uppercased()) : "_")
            previous = character
        }
        return name
    }
}

extension SettingKey {
    static func string(_ key: String, _ defaultValue: String?, flag: String? = nil, _ summary: String) -> SettingKey {
        SettingKey(key: key, kind: .string, defaultValue: defaultValue, summary: summary, flag: flag)
    }

    static func secret(_ key: String, _ summary: String) -> SettingKey {
        SettingKey(key: key, kind: .string, defaultValue: nil, summary: summary, flag: nil, isSecret: true)
    }

    static func int(_ key: String, _ defaultValue: Int, flag: String? = nil, _ summary: String) -> SettingKey {
        SettingKey(key: key, kind: .int, defaultValue: String(defaultValue), summary: summary, flag: flag)
    }

    static func double(_ key: String, _ defaultValue: Double, flag: String? = nil, _ summary: String) -> SettingKey {
        SettingKey(key: key, kind: .double, defaultValue: String(defaultValue), summary: summary, flag: flag)
    }

    static func bool(_ key: String, _ defaultValue: Bool, flag: String? = nil, _ summary: String) -> SettingKey {
        SettingKey(key: key, kind: .bool, defaultValue: String(defaultValue), summary: summary, flag: flag)
    }

    /// Every setting tiktok-ai reads, in the order `doctor` prints them.
    public static let all: [SettingKey] = [
        .int("maxConcurrentJobs", 2, flag: "--jobs", "jobs rendered at once"),
        .int("maxNetworkJobs", 4, "jobs started beyond MAX_CONCURRENT_JOBS to wait on remote providers while others render (only with a remote provider configured)"),
        .double("settleSeconds", 2, flag: "--settle", "seconds an in-place write must be still before the file is judged"),
        .double("rescanSeconds", 30, flag: "--rescan", "seconds between full rescans of the inbox and sweeps for removed folders"),
        .bool("pollInbox", false, flag: "--poll", "poll the folders instead of using inotify (network filesystems)"),
        .int("minFreeDiskMb", 500, "no render starts with less free space (MB) on the spool's filesystem"),
        .int("maxSameFailures", 3, "attempts ending the same way in a row before automatic retries stop (0: never)"),
        .double("drainTimeoutSeconds", 8, "how long SIGTERM waits for running jobs to reach a safe point"),
        .string("assetRoot", nil, "folders (colon-separated) a project's files are looked up in after its own"),
        .string("fontsDir", "/usr/share/fonts/opentype/league-spartan", "the folder of the caption fonts"),
        .int("ffmpegTimeoutMs", 300_000, "longest one ffmpeg run (and, with 2 s of grace, one step) may take"),
        .string("ffmpegPath", nil, "ffmpeg to run (default: ffmpeg on PATH)"),
        .string("ffprobePath", nil, "ffprobe to run (default: on PATH, else beside ffmpeg)"),
        .string("musicLibraryDir", nil, "the music library, DIR/<mood>/*.mp3 (default: <spool>/../music; empty: none)"),
        .bool("appRenderDryRun", false, "write placeholders instead of media (bulk drills)"),
        .int("appDryRunStepDelayMs", 0, "drills: a pause before every step"),
        .string("appDryRunFailStep", nil, "drills: fail this step on purpose"),
        .string("logLevel", "info", "error, warn, info or debug"),
        .int("port", 3001, "the HTTP API's port when `serve --http` names only a host"),
        .secret("apiKey", "the HTTP API's token: writes need `Authorization: Bearer` with it; without it, only a loopback bind is allowed"),
        .string("logFormat", "text", "text, or json: one object per line (timestamp, level, label, message, and each metadata field such as job)"),
        .string("logDir", nil, "a folder for app.log (every line at LOG_LEVEL) and error.log (errors) instead of stderr; SIGHUP reopens them"),
        // Providers (docs/providers.md). Names as the OpenAI SDKs read them.
        .secret("openaiApiKey", "the OpenAI key; with it, chat, speech, transcription and images use OpenAI"),
        .string("openaiBaseUrl", "https://api.openai.com/v1", "the OpenAI-compatible API every service uses unless it has its own"),
        .string("openaiChatBaseUrl", nil, "the chat API alone (Ollama, llama.cpp, vLLM); setting it turns the LLM planner on"),
        .string("openaiTtsBaseUrl", nil, "the speech API alone (a local server speaking the OpenAI speech API)"),
        .string("openaiTranscribeBaseUrl", nil, "the transcription API alone (a whisper.cpp server)"),
        .string("openaiImagesBaseUrl", nil, "the image API alone"),
        .string("openaiChatModel", "gpt-4o-mini", "the chat model that writes plans"),
        .string("openaiTtsModel", "tts-1", "the speech model"),
        .string("openaiTranscribeModel", "whisper-1", "the transcription model that times words"),
        .string("openaiImageModel", "dall-e-3", "the image model"),
        .int("openaiRpm", 0, "requests a minute to OpenAI, shared by all jobs (0: no limit)"),
        .secret("elevenlabsApiKey", "the ElevenLabs key; with it, speech uses ElevenLabs"),
        .string("elevenlabsBaseUrl", "https://api.elevenlabs.io", "the ElevenLabs API"),
        .string("elevenlabsModel", "eleven_multilingual_v2", "the ElevenLabs model"),
        .int("elevenlabsConcurrency", 2, "ElevenLabs requests at once, shared by all jobs"),
        .secret("pexelsApiKey", "the Pexels key; with it, scenes get stock videos and photos"),
        .string("pexelsBaseUrl", "https://api.pexels.com", "the Pexels API"),
        .int("maxConcurrentImageGeneration", 3, "scenes whose pictures a job makes at once, and image requests in flight across all jobs"),
        .double("providerTimeoutSeconds", 120, "longest one provider request may take (each attempt)"),
        .int("providerMaxAttempts", 3, "attempts of one provider request, the first included"),
        .double("maxJobCostUsd", 0, "the most one job may spend on paid provider calls, in US dollars, unless its project says (0: no cap)"),
        .double("dailyBudgetUsd", 0, "the most the daemon spends on paid provider calls a UTC day; jobs over it wait in queued/ (0: no budget; SIGHUP reloads it)"),
        .string("pricesFile", nil, "a JSON file of model prices overriding the built-in list prices"),
        .string("cacheDir", nil, "the provider cache's folder (default: <spool>/cache; empty: no cache)"),
        .double("cacheTtlDays", 0, "days a cached provider answer is kept (0: until evicted for space)"),
        .int("cacheMaxMb", 2048, "the provider cache's size cap in MB; the least recently used answers go first"),
        .string("providerPlan", nil, "the plan's provider for projects that name none: template or openai"),
        .string("providerVoice", nil, "the voice's provider for projects that name none: espeak, openai or elevenlabs"),
        .string("providerAlign", nil, "where word timings come from for projects that name none: speech, whisper or proportional"),
        .string("providerImages", nil, "the images' provider for projects that name none: painter, openai or pexels"),
        // Object storage for a cluster (docs/object-storage.md). Names as the AWS tools read them.
        .string("s3Endpoint", nil, "the S3-compatible service, path-style (ENDPOINT/BUCKET/KEY); default: AWS's for S3_REGION"),
        .string("s3Bucket", nil, "the bucket of a cluster's input bundles and renders; setting it turns object storage on"),
        .string("s3Region", "us-east-1", "the region object storage requests are signed for"),
        .string("awsAccessKeyId", nil, "the access key object storage requests are signed with"),
        .secret("awsSecretAccessKey", "the secret key object storage requests are signed with"),
    ]

    public static func named(_ key: String) -> SettingKey? { all.first { $0.key == key } }
}
