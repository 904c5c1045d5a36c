import Languages
import Testing

@Suite struct LanguageTagTests {
    @Test func canonicalFormAndLikelyScript() throws {
        #expect(try LanguageTag(parsing: "pt_br").description == "pt-BR")
        #expect(try LanguageTag(parsing: "ZH-hant-tw").description == "zh-Hant-TW")
        #expect(try LanguageTag(parsing: "es-419").region == "419")
        #expect(try LanguageTag(parsing: "de").script == .latin)
        #expect(try LanguageTag(parsing: "ar").script == .arabic)
        #expect(try LanguageTag(parsing: "he").script == .hebrew)
        #expect(try LanguageTag(parsing: "hi").script == .devanagari)
        #expect(try LanguageTag(parsing: "th").script == .thai)
        #expect(try LanguageTag(parsing: "zh").script == .han)
        #expect(try LanguageTag(parsing: "ja").script == .han)
        #expect(try LanguageTag(parsing: "ko").script == .hangul)
        #expect(try LanguageTag(parsing: "ru").script == .cyrillic)
        #expect(try LanguageTag(parsing: "sr-Latn").script == .latin)
        #expect(try LanguageTag(parsing: "de").englishName == "German")
        #expect(try LanguageTag(parsing: "de").nativeName == "Deutsch")
    }

    @Test func malformedOrUnknownTagsAreRefusedByName() {
        for bad in ["", "x", "german", "de-", "de-Latn-Latn", "de-B@", "qqq"] {
            #expect(throws: LanguageTagError.self) { try LanguageTag(parsing: bad) }
        }
        do {
            _ = try LanguageTag(parsing: "xx")
            Issue.record("xx parsed")
        } catch {
            #expect(error.description.contains("'xx'"))
            #expect(error.description.contains("ISO 639"))
        }
    }

    @Test func capitalsFollowTheLanguage() throws {
        #expect(TextCasing.uppercased("istanbul", language: try LanguageTag(parsing: "tr")) == "İSTANBUL")
        #expect(TextCasing.uppercased("straße", language: try LanguageTag(parsing: "de")) == "STRASSE")
        #expect(TextCasing.uppercased("istanbul", language: try LanguageTag(parsing: "en")) == "ISTANBUL")
        #expect(TextCasing.uppercased("ثلاثة", language: try LanguageTag(parsing: "ar")) == "ثلاثة")
    }
}
