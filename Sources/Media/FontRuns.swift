import Languages

/// Text cut into runs that one face draws, and written for ASS with the face switched per run.
///
/// A caption in Arabic with "TikTok" in it, or in German with a Chinese name, needs two faces in one
/// line. libass would find the second by fontconfig fallback glyph by glyph; naming it with `\fn`
/// (and `\fs`, since faces differ in how tall they draw an em) keeps the choice ours and the log
/// free of "Glyph … not found". Bidirectional order is unaffected: libass reorders the whole line.
extension FontStack {
    /// `text` cut into runs of one face each, in logical order. Characters every script shares
    /// (digits, punctuation, spaces) stay in the run around them when its face has them.
    public func runs(of text: String) -> [(text: String, face: FontFace)] {
        var runs: [(text: String, face: FontFace)] = []
        for character in text {
            let piece = String(character)
            let script = character.unicodeScalars.lazy.compactMap(Script.of).first
            let face: FontFace
            if let script {
                face = self.face(for: script, text: piece)
            } else if let current = runs.last?.face, current.coverage?.covers(piece) ?? true {
                face = current
            } else {
                let first = primary
                face = first.coverage?.covers(piece) ?? true ? first : noto(for: nil)
            }
            if let last = runs.last, last.face == face {
                runs[runs.count - 1].text += piece
            } else {
                runs.append((piece, face))
            }
        }
        return runs
    }

    /// `text` as ASS event text drawn at `em` pixels in `base` (the style's face): escaped
    /// (``CaptionText/escape(_:)``), each run in another face wrapped in `{\fn…\fs…}` and a switch back.
    func assText(_ text: String, em: Double, base: FontFace) -> String {
        let runs = runs(of: text)
        guard runs.contains(where: { $0.face != base }) else { return CaptionText.escape(text) }
        let baseSize = Int((em * base.heightRatio).rounded())
        return runs.map { run in
            let escaped = CaptionText.escape(run.text)
            guard run.face != base else { return escaped }
            let size = Int((em * run.face.heightRatio).rounded())
            return "{\\fn\(CaptionText.fontName(run.face.family))\\fs\(size)}\(escaped){\\fn\(CaptionText.fontName(base.family))\\fs\(baseSize)}"
        }.joined()
    }
}
