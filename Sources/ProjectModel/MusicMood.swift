/// The moods the music bed knows.
public enum MusicMood {
    /// The moods with a generated bed; a music library may add its own (``isLibraryMoodName(_:)``).
    public static let all = ["dark", "curious", "uplifting", "upbeat", "warm", "energetic", "calm", "epic"]

    /// A name that can only be a library folder: lower-case letters, digits, `-` and `_`, at most 40.
    public static func isLibraryMoodName(_ name: String) -> Bool {
        (1...40).contains(name.count) && name.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}
