import CEspeakNG
import Foundation
import Languages
import Providers
import Synchronization

/// Offline speech with exact word timings, from espeak-ng's C API.
///
/// espeak-ng reports a `espeakEVENT_WORD` event for every word it speaks, with the word's character
/// position in the input and its time in the output, so the timings are the engine's own rather than an
/// estimate. The library is one global state and not thread-safe: every call goes through one lock, so
/// concurrent Swift tasks may call ``synthesize(_:voice:wordsPerMinute:)`` freely (it is far faster than
/// real time, so waiting for the lock is brief).
public enum SpeechSynthesizer {
    /// The engine's state, guarded by the one lock every espeak-ng call takes.
    private struct Engine {
        /// espeak_Initialize's return: the output sample rate, once initialised.
        var sampleRate: Int?
        var failure: String?
        /// The installed voices, listed once.
        var voices: [VoiceEntry]?
    }

    /// One installed voice: its file identifier (`gmw/en`) and the language codes it speaks, best first.
    private struct VoiceEntry {
        var identifier: String
        var languages: [(code: String, priority: Int)]
    }

    private static let engine = Mutex(Engine())

    /// Speaks `text` with an espeak-ng voice (`en-us`, `en-gb`, `en+f3`, `pt-br`, …) at `wordsPerMinute`
    /// (clamped to espeak-ng's 80–450). The text is normalised first (``SpeechText/normalize(_:)``);
    /// the returned words are exactly the normalised text's tokens, in order, with strictly increasing
    /// starts. Trailing silence is trimmed to a short tail after the last word.
    ///
    /// Blocks while it synthesises (a few hundred milliseconds a scene): call it through ``BlockingCall``,
    /// as ``EspeakSpeechProvider`` does, never on the cooperative pool. When `cancellation` turns true the
    /// synthesis stops within a few milliseconds of audio and `CancellationError` is thrown.
    public static func synthesize(_ text: String, voice: String, wordsPerMinute: Int,
                                  cancellation: CancellationFlag? = nil) throws -> Speech {
        let normalized = SpeechText.normalize(text)
        let tokens = SpeechText.tokens(ofNormalized: normalized)
        guard !tokens.isEmpty else { throw SpeechError.nothingToSay }
        let capture = Capture(cancellation: cancellation)
        let sampleRate: Int = try engine.withLock { (state: inout Engine) throws -> Int in
            let rate = try initialize(&state)
            try select(voice: voice, state: &state)
            let wpm = Int32(min(max(wordsPerMinute, Int(espeakRATE_MINIMUM)), Int(espeakRATE_MAXIMUM)))
            _ = espeak_SetParameter(espeakRATE, wpm, 0)
            let context = Unmanaged.passUnretained(capture).toOpaque()
            let result = normalized.withCString { pointer in
                espeak_Synth(pointer, strlen(pointer) + 1, 0, POS_CHARACTER, 0,
                             UInt32(espeakCHARS_UTF8), nil, context)
            }
            if capture.cancelled {
                throw CancellationError()
            }
            guard result == EE_OK else { throw SpeechError.synthesisFailed("espeak_Synth returned \(result.rawValue)") }
            return rate
        }
        return SpeechTiming.assemble(tokens: tokens, normalized: normalized, events: capture.events,
                                     samples: capture.samples, sampleRate: sampleRate)
    }

    /// The espeak-ng voice for a language tag: `en` → `en-us`, `pt-BR` → `pt-br`, `zh` → `cmn`,
    /// `de-CH` → `de`, …; nil when no installed voice speaks the language.
    public static func voice(forLanguage language: String) -> String? {
        let code = language.lowercased().replacingOccurrences(of: "_", with: "-")
        let parts = code.split(separator: "-").map(String.init)
        guard let base = parts.first else { return nil }
        // A script subtag says nothing espeak-ng's codes do (zh-Hant is still Mandarin); a region may.
        let region = parts.dropFirst().first { $0.count != 4 }
        let candidates = [region.map { base + "-" + $0 }, base].compactMap { $0 }
        let known = Set((try? availableVoices()) ?? [])
        for candidate in candidates {
            if let alias = languageAliases[candidate], known.contains(alias) { return alias }
            if known.contains(candidate) { return candidate }
        }
        return nil
    }

    /// The voice for a language, falling back to `en-us` (see ``voice(forLanguage:)``).
    public static func defaultVoice(forLanguage language: String) -> String {
        voice(forLanguage: language) ?? "en-us"
    }

    /// Language tags whose espeak-ng voice is named otherwise.
    static let languageAliases: [String: String] = [
        "en": "en-us", "zh": "cmn", "zh-cn": "cmn", "zh-tw": "cmn", "zh-sg": "cmn", "zh-hk": "yue", "zh-mo": "yue",
        "fr": "fr-fr", "pt-pt": "pt", "no": "nb", "iw": "he", "in": "id", "fil": "tl", "es-mx": "es-419",
        "es-ar": "es-419", "es-co": "es-419", "es-us": "es-419", "vi": "vi",
    ]

    /// Every language an installed voice speaks, as a project names it: the BCP 47 tag (`zh` for
    /// espeak-ng's `cmn`, `pt-BR` for `pt-br`), with the voice that speaks it.
    public static func languages() throws -> [(tag: String, voice: String)] {
        let reverse = Dictionary(languageAliases.map { ($0.value, $0.key) }, uniquingKeysWith: { first, second in
            min(first, second)
        })
        var seen = Set<String>()
        return try availableVoices().compactMap { code -> (tag: String, voice: String)? in
            let written = code == "cmn" ? "zh" : (code == "en-us" ? "en-US" : reverse[code] ?? code)
            guard let tag = try? LanguageTag(parsing: written), seen.insert(tag.description).inserted else { return nil }
            return (tag.description, code)
        }.sorted { $0.tag < $1.tag }
    }

    /// The language codes of the installed espeak-ng voices (`en-us`, `en-gb`, `pt-br`, `fr-fr`, …).
    public static func availableVoices() throws -> [String] {
        try engine.withLock { (state: inout Engine) throws -> [String] in
            Set(try voiceTable(&state).flatMap { $0.languages.map(\.code) }).sorted()
        }
    }

    /// Throws ``SpeechError/unknownVoice(_:)`` unless `voice` is a name or language code espeak-ng
    /// can select (the project's `voice`, checked when the job is read).
    public static func checkVoice(_ voice: String) throws {
        try engine.withLock { (state: inout Engine) throws in
            _ = try initialize(&state)
            try select(voice: voice, state: &state)
        }
    }

    /// Selects a voice by espeak-ng name or file (`en-us`, `en+f3`, `gmw/en`), or by language code
    /// (`en-gb`, `fr-fr`: espeak-ng's by-name lookup misses codes whose voice file is named otherwise).
    private static func select(voice: String, state: inout Engine) throws {
        guard !voice.isEmpty, voice.utf8.count < 80 else { throw SpeechError.unknownVoice(voice) }
        if espeak_SetVoiceByName(voice) == EE_OK { return }
        let parts = voice.split(separator: "+", maxSplits: 1)
        let code = String(parts[0]).lowercased()
        let variant = parts.count > 1 ? "+" + parts[1] : ""
        let match = try voiceTable(&state)
            .compactMap { entry in entry.languages.first { $0.code == code }.map { (entry.identifier, $0.priority) } }
            .min { $0.1 < $1.1 }
        guard let match, espeak_SetVoiceByName(match.0 + variant) == EE_OK else {
            throw SpeechError.unknownVoice(voice)
        }
    }

    private static func voiceTable(_ state: inout Engine) throws -> [VoiceEntry] {
        if let voices = state.voices { return voices }
        _ = try initialize(&state)
        var entries: [VoiceEntry] = []
        if let list = espeak_ListVoices(nil) {
            var index = 0
            while let voice = list[index] {
                index += 1
                guard let identifier = voice.pointee.identifier.map({ String(cString: $0) }),
                      var cursor = voice.pointee.languages.map(UnsafeRawPointer.init) else { continue }
                // `languages` is a list of (priority byte, NUL-terminated code), ended by a zero byte.
                var languages: [(code: String, priority: Int)] = []
                while cursor.load(as: UInt8.self) != 0 {
                    let priority = Int(cursor.load(as: UInt8.self))
                    let code = String(cString: cursor.advanced(by: 1).assumingMemoryBound(to: CChar.self))
                    languages.append((code.lowercased(), priority))
                    cursor = cursor.advanced(by: 1 + code.utf8.count + 1)
                }
                entries.append(VoiceEntry(identifier: identifier, languages: languages))
            }
        }
        state.voices = entries
        return entries
    }

    /// Starts espeak-ng once: synchronous output (no audio device), never exiting the process on error.
    private static func initialize(_ state: inout Engine) throws -> Int {
        if let rate = state.sampleRate { return rate }
        if let failure = state.failure { throw SpeechError.engineUnavailable(failure) }
        // Phoneme events time the speech inside a word event that spans several words (Thai, whose
        // events come per space-separated run, and Japanese, per clause).
        let options = Int32(espeakINITIALIZE_DONT_EXIT) | Int32(espeakINITIALIZE_PHONEME_EVENTS)
        let rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nil, options)
        guard rate > 0 else {
            state.failure = "espeak_Initialize returned \(rate) (is espeak-ng-data installed?)"
            throw SpeechError.engineUnavailable(state.failure!)
        }
        espeak_SetSynthCallback { wave, count, events in
            // A C function pointer cannot capture: the capture object arrives through `user_data`,
            // which espeak-ng copies onto every event, the list terminator included.
            guard let events else { return 0 }
            var index = 0
            while events[index].type != espeakEVENT_LIST_TERMINATED { index += 1 }
            guard let context = events[index].user_data else { return 0 }
            let capture = Unmanaged<Capture>.fromOpaque(context).takeUnretainedValue()
            if capture.cancellation?.isCancelled == true {
                capture.cancelled = true
                return 1
            }
            if let wave, count > 0 {
                capture.samples.append(contentsOf: UnsafeBufferPointer(start: wave, count: Int(count)))
            }
            for item in 0..<index {
                let event = events[item]
                let kind: EngineEvent.Kind
                switch event.type {
                case espeakEVENT_WORD: kind = .word
                case espeakEVENT_END: kind = .clauseEnd
                case espeakEVENT_PHONEME:
                    // "_" and "_:" are pauses, not sounds.
                    let first = withUnsafeBytes(of: event.id.string) { $0.first ?? 0 }
                    guard first != 0, first != UInt8(ascii: "_") else { continue }
                    kind = .phoneme
                default: continue
                }
                capture.events.append(EngineEvent(kind: kind, position: Int(event.text_position), length: Int(event.length),
                                                  seconds: Double(event.audio_position) / 1000))
            }
            return 0
        }
        state.sampleRate = Int(rate)
        return Int(rate)
    }
}

/// What the synth callback collects for one `espeak_Synth` call. Touched only under the engine lock,
/// on the calling thread (synchronous mode).
final class Capture {
    var samples: [Int16] = []
    var events: [EngineEvent] = []
    var cancelled = false
    let cancellation: CancellationFlag?

    init(cancellation: CancellationFlag?) {
        self.cancellation = cancellation
        samples.reserveCapacity(22_050 * 10)
    }
}
