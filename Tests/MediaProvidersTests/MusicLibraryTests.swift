import Foundation
import Providers
import Testing
@testable import MediaProviders

@Suite struct MusicLibraryTests {
    @Test func picksDeterministicallyFromTheMoodFolder() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "library-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let calm = directory.appendingPathComponent("Calm", isDirectory: true)
        try FileManager.default.createDirectory(at: calm, withIntermediateDirectories: true)
        for name in ["b.mp3", "a.ogg", "c.m4a", "d.wav", "notes.txt", ".hidden.mp3"] {
            try Data("x".utf8).write(to: calm.appendingPathComponent(name))
        }
        #expect(MusicLibrary.tracks(in: directory, mood: "calm").map(\.lastPathComponent) == ["a.ogg", "b.mp3", "c.m4a", "d.wav"])
        #expect(MusicLibrary.tracks(in: directory, mood: "dark").isEmpty)
        #expect(MusicLibrary.pick(in: directory, mood: "epic", key: "job") == nil)
        let first = MusicLibrary.pick(in: directory, mood: "calm", key: "octopus-0001")
        #expect(first != nil && MusicLibrary.pick(in: directory, mood: "CALM", key: "octopus-0001") == first)
        let picks = Set((1...40).compactMap { MusicLibrary.pick(in: directory, mood: "calm", key: "batch-\($0)")?.lastPathComponent })
        #expect(picks.count == 4, "a batch spreads over the folder: \(picks)")
        #expect(StableRandom.hash(["abc"]) == 0xe71fa2190541574b, "FNV-1a: the same pick on every machine")
    }
}
