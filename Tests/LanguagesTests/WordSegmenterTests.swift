import Languages
import Testing

@Suite struct WordSegmenterTests {
    private func words(_ text: String, _ locale: String = "") -> [String] {
        let scalars = Array(text.unicodeScalars)
        return WordSegmenter.words(in: text, locale: locale).map { String(String.UnicodeScalarView(scalars[$0])) }
    }

    @Test func chineseIsCutByDictionaryAndKeepsItsPunctuation() {
        #expect(words("章鱼有三颗心脏，两颗负责给鳃供血。", "zh") == ["章鱼", "有", "三颗", "心脏，", "两", "颗", "负责", "给", "鳃", "供血。"])
    }

    @Test func thaiKhmerLaoAndJapaneseAreCut() {
        #expect(words("ปลาหมึกมีหัวใจสามดวง และเลือดสีฟ้า", "th") == ["ปลาหมึก", "มี", "หัวใจ", "สาม", "ดวง", "และ", "เลือด", "สี", "ฟ้า"])
        #expect(words("タコには心臓が三つあります。", "ja") == ["タコ", "に", "は", "心臓", "が", "三つ", "あり", "ます。"])
        #expect(words("ត្រីមឹកមានបេះដូងបី").count == 4)
        #expect(words("ປາມຶກມີຫົວໃຈສາມໜ່ວຍ").count == 6)
    }

    @Test func rangesAreUnicodeScalarsAndCoverTheText() {
        let text = "𠮷野家で食べた"
        let ranges = WordSegmenter.words(in: text, locale: "ja")
        #expect(ranges.first?.lowerBound == 0)
        #expect(ranges.last?.upperBound == text.unicodeScalars.count)
        #expect(WordSegmenter.needsSegmenting(text))
        #expect(!WordSegmenter.needsSegmenting("Oktopusse haben drei Herzen"))
        #expect(!WordSegmenter.needsSegmenting("للأخطبوط ثلاثة قلوب"))
    }

    @Test func scriptsOfCharacters() {
        #expect(Script.of("a") == .latin)
        #expect(Script.of("ж") == .cyrillic)
        #expect(Script.of("ق") == .arabic)
        #expect(Script.of("1") == nil)
        #expect(Script.of("，") == nil)
        #expect(Script.dominant(in: "Привет, мир 2") == .cyrillic)
        #expect(Script.dominant(in: "문어는 심장이 세 개 TikTok") == .hangul)
    }
}
