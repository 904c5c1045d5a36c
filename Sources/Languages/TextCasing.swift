import Foundation

/// Capitals the way the language writes them, and only where its script has them.
///
/// Swift's `uppercased()` follows no language: it makes Turkish `istanbul` `ISTANBUL` where Turkish
/// wants `İSTANBUL`. Foundation's ICU case mapping with the language's locale gets that right, as well
/// as German `ß` → `SS` and Greek capitals without accents.
public enum TextCasing {
    /// `text` in capitals for `language`; unchanged when the language's script has no case.
    public static func uppercased(_ text: String, language: LanguageTag) -> String {
        guard language.script?.hasCase ?? true else { return text }
        return text.uppercased(with: language.locale)
    }
}
