import JobDocuments
import Providers

/// Turns espeak-ng's word events and samples into word timings.
///
/// An event gives a word's start; its end is where the voice actually stops before the next word
/// starts, found by scanning the sample energy in 10 ms frames, so a pause after a comma or a full
/// stop is not counted as part of the word (captions then clear on time). Several events inside one
/// token (`1,000`, `U.S.A.`, `well-known`, each character of `章鱼`) count once.
///
/// Words espeak-ng gave no event of their own are spread over the time between their neighbours'
/// starts in proportion to their length, along the phoneme events in that time rather than the clock,
/// so a pause is not handed to a word: this is how Thai (one event per space-separated run of words)
/// and Japanese (one per clause) get a time for every word the segmenter found.
enum SpeechTiming {
    /// Seconds of audio kept after the last voiced frame.
    static let tailSeconds = 0.1
    /// A word never ends sooner than this after it starts (unless the next word starts first).
    static let minimumWordSeconds = 0.04

    static func assemble(tokens: [SpeechText.Token], normalized: String, events: [EngineEvent],
                         samples: [Int16], sampleRate: Int) -> Speech {
        let rate = Double(sampleRate)
        let energy = FrameEnergy(samples: samples, sampleRate: sampleRate)
        let total = Double(samples.count) / rate

        // First word event inside each token, keeping tokens and times monotonic. Positions count
        // Unicode scalars from 1.
        var starts = [Double?](repeating: nil, count: tokens.count)
        var tokenIndex = 0
        var lastTime = -1.0
        for event in events where event.kind == .word && event.length > 0 {
            let position = event.position - 1
            while tokenIndex < tokens.count && tokens[tokenIndex].scalarOffset + tokens[tokenIndex].scalarCount <= position {
                tokenIndex += 1
            }
            guard tokenIndex < tokens.count else { break }
            guard position >= tokens[tokenIndex].scalarOffset else { continue }
            if starts[tokenIndex] == nil && event.seconds > lastTime {
                starts[tokenIndex] = event.seconds
                lastTime = event.seconds
            }
        }

        let voicedEnd = energy.lastVoicedEnd(from: 0, before: total) ?? total
        let phonemes = events.filter { $0.kind == .phoneme }.map(\.seconds)
        fillMissing(&starts, tokens: tokens.map(\.text), end: voicedEnd, phonemes: phonemes)
        var resolved = starts.map { $0 ?? 0 }
        // Strictly increasing starts, even if the engine reported two words at the same instant.
        for index in resolved.indices.dropFirst() where resolved[index] <= resolved[index - 1] {
            resolved[index] = resolved[index - 1] + 0.001
        }

        var words: [SpokenWord] = []
        words.reserveCapacity(tokens.count)
        for (index, token) in tokens.enumerated() {
            let start = resolved[index]
            let limit = index + 1 < resolved.count ? resolved[index + 1] : max(total, start + minimumWordSeconds)
            var end = energy.lastVoicedEnd(from: start, before: limit) ?? limit
            end = min(max(end, start + minimumWordSeconds), limit)
            words.append(SpokenWord(text: token.text, start: start, end: end))
        }

        let keep = min(samples.count, Int(((words.last?.end ?? total) + tailSeconds) * rate))
        let trimmed = keep < samples.count ? Array(samples[..<keep]) : samples
        return Speech(samples: trimmed, sampleRate: sampleRate, words: words, text: normalized, events: events)
    }

    /// Gives tokens without an event a start between their neighbours', in proportion to length:
    /// the span from the previous known start to the next (or the voice's end) is shared among the
    /// previous token and the missing run by character count, counted along `phonemes` (sorted
    /// phoneme start times) when the span holds at least two, else along the clock.
    static func fillMissing(_ starts: inout [Double?], tokens: [String], end: Double, phonemes: [Double] = []) {
        var index = 0
        while index < starts.count {
            guard starts[index] == nil else { index += 1; continue }
            var runEnd = index
            while runEnd < starts.count && starts[runEnd] == nil { runEnd += 1 }
            let first = index > 0 ? index - 1 : index
            let from = index > 0 ? starts[index - 1]! : 0
            let to = runEnd < starts.count ? starts[runEnd]! : max(end, from)
            let weights = (first..<runEnd).map { Double(max(tokens[$0].count, 1)) }
            let sum = weights.reduce(0, +)
            let sounds = phonemes.filter { $0 >= from && $0 < to }
            var share = 0.0
            for (offset, token) in (first..<runEnd).enumerated() {
                if starts[token] == nil {
                    let fraction = share / sum
                    starts[token] = sounds.count >= 2
                        ? sounds[min(sounds.count - 1, Int((fraction * Double(sounds.count)).rounded(.down)))]
                        : from + (to - from) * fraction
                }
                share += weights[offset]
            }
            index = runEnd
        }
    }
}

/// Mean absolute amplitude per 10 ms frame, to tell voice from silence.
struct FrameEnergy {
    let levels: [Float]
    let frameSeconds: Double
    let threshold: Float

    init(samples: [Int16], sampleRate: Int) {
        let frame = max(sampleRate / 100, 1)
        frameSeconds = Double(frame) / Double(sampleRate)
        var levels: [Float] = []
        levels.reserveCapacity(samples.count / frame + 1)
        samples.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                let end = min(start + frame, buffer.count)
                var sum = 0
                for index in start..<end { sum += abs(Int(buffer[index])) }
                levels.append(Float(sum) / Float(end - start))
                start = end
            }
        }
        self.levels = levels
        // espeak-ng's silence is digital silence or close to it; 2 % of the loudest frame separates
        // quiet consonants (s, f, h) from the gaps between words.
        threshold = max((levels.max() ?? 0) * 0.02, 30)
    }

    /// The end (seconds) of the last voiced frame starting in [from, before), or nil if none is voiced.
    func lastVoicedEnd(from: Double, before: Double) -> Double? {
        let first = max(Int(from / frameSeconds), 0)
        let last = min(Int((before / frameSeconds).rounded(.up)), levels.count) - 1
        guard last >= first else { return nil }
        var frame = last
        while frame >= first {
            if levels[frame] > threshold { return min(Double(frame + 1) * frameSeconds, before) }
            frame -= 1
        }
        return nil
    }
}
