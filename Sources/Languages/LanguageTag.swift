import Foundation

/// A BCP 47 language tag as a project names its language: `de`, `pt-BR`, `zh-Hant-TW`, `sr-Latn`.
///
/// Parsing checks the form (RFC 5646: a language subtag, then an optional script, region and
/// variants) and that the language is one ISO 639 knows; the tag is kept in its canonical case
/// (`pt-BR`, `zh-Hant`). Whether this machine can *speak* it is a separate question, answered by the
/// voice (`tiktok-ai languages` lists espeak-ng's). The script, when the tag does not name it, is the
/// one ICU's likely-subtags data gives (`ar` → Arab, `zh` → Hans, `ja` → Jpan).
public struct LanguageTag: Sendable, Hashable, CustomStringConvertible {
    /// The primary language subtag, lower case (`pt`).
    public let language: String
    /// The script subtag as written (`Hant`), or nil.
    public let scriptCode: String?
    /// The region subtag, upper case (`BR`, `419`), or nil.
    public let region: String?
    public let variants: [String]

    /// Parses `text` (`_` is accepted for `-`); throws ``LanguageTagError`` naming what is wrong.
    public init(parsing text: String) throws(LanguageTagError) {
        let parts = text.replacingOccurrences(of: "_", with: "-").split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty else { throw LanguageTagError(tag: text, "is empty") }
        func letters(_ part: String) -> Bool { part.allSatisfy { $0.isASCII && $0.isLetter } }
        func alphanumeric(_ part: String) -> Bool { part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        guard (2...3).contains(first.count), letters(first) else {
            throw LanguageTagError(tag: text, "does not start with a two- or three-letter language code such as de, pt or yue")
        }
        var script: String?
        var region: String?
        var variants: [String] = []
        for part in parts.dropFirst() {
            if script == nil, region == nil, variants.isEmpty, part.count == 4, letters(part) {
                script = part.prefix(1).uppercased() + part.dropFirst().lowercased()
            } else if region == nil, variants.isEmpty,
                      (part.count == 2 && letters(part)) || (part.count == 3 && part.allSatisfy { $0.isASCII && $0.isNumber }) {
                region = part.uppercased()
            } else if (5...8).contains(part.count) && alphanumeric(part)
                        || (part.count == 4 && alphanumeric(part) && part.first!.isNumber) {
                variants.append(part.lowercased())
            } else {
                throw LanguageTagError(tag: text, "has a subtag '\(part)' that is not a script (Hant), a region (BR, 419) or a variant")
            }
        }
        let language = first.lowercased()
        guard Locale.LanguageCode(language).isISOLanguage else {
            throw LanguageTagError(tag: text, "names no known language ('\(language)' is not an ISO 639 code)")
        }
        if let script, Locale.Script(script).isISOScript == false {
            throw LanguageTagError(tag: text, "names no known script ('\(script)' is not an ISO 15924 code)")
        }
        self.language = language
        self.scriptCode = script
        self.region = region
        self.variants = variants
    }

    /// The canonical tag: `pt-BR`, `zh-Hant-TW`.
    public var description: String {
        ([language] + [scriptCode, region].compactMap { $0 } + variants).joined(separator: "-")
    }

    /// The tag's script code, written or likely (`Latn`, `Hans`, `Jpan`, `Arab`).
    public var likelyScriptCode: String? {
        if let scriptCode { return scriptCode }
        return Locale.Language(identifier: description).maximalIdentifier
            .split(separator: "-").dropFirst().first { $0.count == 4 }.map(String.init)
    }

    /// The script its text is written in; nil for a script captions know nothing special about.
    public var script: Script? { likelyScriptCode.flatMap(Script.init(code:)) }

    /// The language's name in English (`German`, `Chinese (Taiwan)`).
    public var englishName: String {
        Locale(identifier: "en").localizedString(forIdentifier: description) ?? description
    }

    /// The language's name in itself (`Deutsch`, `中文`).
    public var nativeName: String {
        Locale(identifier: description).localizedString(forIdentifier: description) ?? englishName
    }

    /// `en`, the default language.
    public static let english = try! LanguageTag(parsing: "en")

    /// English, which the offline planner writes.
    public var isEnglish: Bool { language == "en" }

    /// The locale whose case rules apply (Turkish `i` → `İ`, German `ß` → `SS`).
    public var locale: Locale { Locale(identifier: description) }
}

/// Why a language tag was refused; the message names the tag.
public struct LanguageTagError: Error, Sendable, Hashable, CustomStringConvertible {
    public var tag: String
    public var reason: String

    public init(tag: String, _ reason: String) {
        self.tag = tag
        self.reason = reason
    }

    public var description: String { "'\(tag)' \(reason)" }
}
