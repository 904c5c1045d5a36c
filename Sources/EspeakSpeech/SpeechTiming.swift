import JobDocuments
import Providers

/// Turns espeak-ng's word events and samples into word timings.
///
/// An event gives a word's start; its end is where the voice actually stops before the next word
/// starts, found by scanning the sample energy in 10 ms frames, so a pause after a comma or a full
/// stop is not counted as part of the word (captions then clear on time). Several events inside one
/// token (`1,000`, `U.S.A.`, `well-known`) count once; a token espeak-ng gave no event for gets a
/// share of its neighbours' time in proportion to its length.
enum SpeechTiming {
    /// Seconds of audio kept after the last voiced frame.
    static let tailSeconds = 0.1
    /// A word never ends sooner than this after it starts (unless the next word starts first).
    static let minimumWordSeconds = 0.04

    static func assemble(tokens: [String], normalized: String, events: [Capture.WordEvent],
                         samples: [Int16], sampleRate: Int) -> Speech {
        let rate = Double(sampleRate)
        let energy = FrameEnergy(samples: samples, sampleRate: sampleRate)
        let total = Double(samples.count) / rate

        // Scalar ranges of the tokens: espeak-ng counts characters as Unicode scalars, from 1.
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(tokens.count)
        var offset = 0
        for token in tokens {
            let count = token.unicodeScalars.count
            ranges.append(offset..<(offset + count))
            offset += count + 1
        }

        // First event inside each token, keeping tokens and times monotonic.
        var starts = [Double?](repeating: nil, count: tokens.count)
        var tokenIndex = 0
        var lastTime = -1.0
        for event in events where event.length > 0 {
            let position = event.position - 1
            while tokenIndex < ranges.count && ranges[tokenIndex].upperBound <= position { tokenIndex += 1 }
            guard tokenIndex < ranges.count else { break }
            let time = Double(event.milliseconds) / 1000
            if starts[tokenIndex] == nil && time > lastTime {
                starts[tokenIndex] = time
                lastTime = time
            }
        }

        let voicedEnd = energy.lastVoicedEnd(from: 0, before: total) ?? total
        fillMissing(&starts, tokens: tokens, end: voicedEnd)
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
            words.append(SpokenWord(text: token, start: start, end: end))
        }

        let keep = min(samples.count, Int(((words.last?.end ?? total) + tailSeconds) * rate))
        let trimmed = keep < samples.count ? Array(samples[..<keep]) : samples
        return Speech(samples: trimmed, sampleRate: sampleRate, words: words, text: normalized)
    }

    /// Gives tokens without an event a start between their neighbours', in proportion to length.
    private static func fillMissing(_ starts: inout [Double?], tokens: [String], end: Double) {
        var index = 0
        while index < starts.count {
            guard starts[index] == nil else { index += 1; continue }
            var runEnd = index
            while runEnd < starts.count && starts[runEnd] == nil { runEnd += 1 }
            // The span runs from the previous known start to the next known start (or the voice's end),
            // shared among the previous token and the missing run by character count.
            let first = index > 0 ? index - 1 : index
            let from = index > 0 ? starts[index - 1]! : 0
            let to = runEnd < starts.count ? starts[runEnd]! : max(end, from)
            let weights = (first..<runEnd).map { Double(max(tokens[$0].count, 1)) }
            let sum = weights.reduce(0, +)
            var cursor = from
            for (offset, token) in (first..<runEnd).enumerated() {
                if starts[token] == nil { starts[token] = cursor }
                cursor += (to - from) * weights[offset] / sum
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
