import _FoundationICU

/// Cuts text written without spaces (Chinese, Japanese, Thai, Khmer, Lao, Burmese) into words.
///
/// It is ICU's word break iterator, the one Foundation itself carries: dictionary-based for these
/// scripts ("章鱼|有|三颗|心脏", "ปลาหมึก|มี|หัวใจ"). Punctuation stays on the word before it, so a
/// caption still sees where a clause ends ("心脏，"). Text in spaced scripts passes through whole.
public enum WordSegmenter {
    /// The words of `text`, in order, as ranges of its Unicode scalars. Joined back together they are
    /// `text` minus any leading or trailing spaces.
    public static func words(in text: String, locale: String = "") -> [Range<Int>] {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return [] }
        let utf16 = Array(text.utf16)
        // UTF-16 offsets (what ICU counts) to scalar offsets (what espeak-ng counts).
        var scalarAt = [Int](repeating: 0, count: utf16.count + 1)
        var unit = 0
        for (index, scalar) in scalars.enumerated() {
            let width = scalar.utf16.count
            for step in 0..<width { scalarAt[unit + step] = index }
            unit += width
        }
        scalarAt[utf16.count] = scalars.count

        var status = U_ZERO_ERROR
        let breaks: [(end: Int, isWord: Bool)] = utf16.withUnsafeBufferPointer { buffer in
            guard let iterator = swift_ubrk_open(UBRK_WORD, locale, buffer.baseAddress, Int32(buffer.count), &status),
                  status.rawValue <= U_ZERO_ERROR.rawValue else { return [(utf16.count, true)] }
            defer { swift_ubrk_close(iterator) }
            var result: [(end: Int, isWord: Bool)] = []
            _ = swift_ubrk_first(iterator)
            var end = swift_ubrk_next(iterator)
            while end != UBRK_DONE {
                // Rule status 0 is UBRK_WORD_NONE: spaces and punctuation, not a word.
                result.append((Int(end), swift_ubrk_getRuleStatus(iterator) != 0))
                end = swift_ubrk_next(iterator)
            }
            return result
        }

        var words: [Range<Int>] = []
        var start = 0
        // Punctuation before any word ("「", "“") waits for the word it opens.
        var opening: Int?
        var lastWasSpace = true
        for piece in breaks {
            let range = scalarAt[start]..<scalarAt[piece.end]
            start = piece.end
            guard !range.isEmpty else { continue }
            if scalars[range].allSatisfy({ $0.properties.isWhitespace }) {
                lastWasSpace = true
                continue
            }
            if piece.isWord {
                words.append((opening ?? range.lowerBound)..<range.upperBound)
                opening = nil
            } else if !lastWasSpace, opening == nil, let last = words.last, last.upperBound == range.lowerBound {
                // Punctuation right after a word belongs to it ("心脏，").
                words[words.count - 1] = last.lowerBound..<range.upperBound
            } else if opening == nil {
                opening = range.lowerBound
            }
            lastWasSpace = false
        }
        if let opening {
            if let last = words.last, last.upperBound <= opening { words[words.count - 1] = last.lowerBound..<scalars.count }
            else { words.append(opening..<scalars.count) }
        }
        return words
    }

    /// The words of `text` with where each starts, in Unicode scalars: its space-separated words,
    /// and within one of a script written without spaces the words ``words(in:locale:)`` finds.
    public static func spacedWords(in text: String) -> [(text: String, scalarOffset: Int)] {
        var result: [(text: String, scalarOffset: Int)] = []
        var offset = 0
        for piece in text.split(separator: " ", omittingEmptySubsequences: false) {
            defer { offset += piece.unicodeScalars.count + 1 }
            guard !piece.isEmpty else { continue }
            let word = String(piece)
            guard needsSegmenting(word) else {
                result.append((word, offset))
                continue
            }
            let scalars = Array(word.unicodeScalars)
            for range in words(in: word) {
                result.append((String(String.UnicodeScalarView(scalars[range])), offset + range.lowerBound))
            }
        }
        return result
    }

    /// Whether `text` holds any letter of a script written without spaces (then it needs ``words(in:locale:)``).
    public static func needsSegmenting(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value >= 0x0E00 && Script.of($0)?.writesWithoutSpaces == true }
    }
}
