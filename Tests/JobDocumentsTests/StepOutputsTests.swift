import Foundation
import JobDocuments
import Testing

@Suite("What each step leaves in a job folder, declared once")
struct StepOutputsTests {
    let files = JobFiles(folder: FileManager.default.temporaryDirectory.appending(path: "outputs-\(UUID().uuidString.prefix(8))", directoryHint: .isDirectory))

    private func touch(_ urls: URL...) throws {
        for url in urls {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
    }

    @Test("a step is complete only when every declared output is there: each scene's picture record, a bed or the no-music note")
    func completeness() throws {
        defer { try? FileManager.default.removeItem(at: files.folder) }
        try FileManager.default.createDirectory(at: files.folder, withIntermediateDirectories: true)
        #expect(!PipelineStep.music.outputs(in: files, sceneIndices: nil).isComplete(in: files))
        try touch(files.musicNone)
        #expect(PipelineStep.music.outputs(in: files, sceneIndices: nil).isComplete(in: files))
        try touch(files.sceneImage(0), files.sceneVisual(0), files.sceneImage(1))
        #expect(!PipelineStep.images.outputs(in: files, sceneIndices: [0, 1]).isComplete(in: files), "a picture without its record is unfinished")
        #expect(!PipelineStep.images.outputs(in: files, sceneIndices: nil).isComplete(in: files), "no plan, no images step")
        try touch(files.sceneVisual(1))
        #expect(PipelineStep.images.outputs(in: files, sceneIndices: [0, 1]).isComplete(in: files))
        try touch(files.thumbnail, files.export)
        #expect(!PipelineStep.finalize.outputs(in: files, sceneIndices: nil).isComplete(in: files), "all three stills are finalize's")
    }

    @Test("removing from a step removes its outputs and every later step's, and nothing before it")
    func removalFromAStep() throws {
        defer { try? FileManager.default.removeItem(at: files.folder) }
        try touch(files.plan, files.voiceover, files.speech, files.timings, files.sceneImage(0), files.captions, files.music,
                  files.video, files.thumbnail, files.firstFrame, files.middleFrame, files.export)
        let removed = try PipelineStep.images.removeOutputs(fromHereOn: files)
        #expect(removed == ["images", "captions.ass", "music.m4a", "video.mp4", "thumb.jpg", "thumb_0.jpg", "thumb_mid.jpg", "export.json"])
        #expect([files.plan, files.voiceover, files.timings].allSatisfy(files.exists))
        var status = JobStatus(id: "j", source: "j.json")
        status.fillArtifacts(from: files)
        #expect(status.artifacts.plan == "plan.json" && status.artifacts.video == nil && status.artifacts.captions == nil)
    }

    @Test("status.json writes every field, null when unset, so scripts read .error the same way for every job")
    func statusWritesNulls() throws {
        let data = try JobStatus.makeEncoder().encode(JobStatus(id: "j", source: "j.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["error", "step", "startedAt", "finishedAt"] { #expect(object[key] is NSNull, "\(key)") }
        #expect(object["attempts"] == nil, "attempts appear once there is one")
        let decoded = try JobStatus.makeDecoder().decode(JobStatus.self, from: data)
        #expect(decoded.id == "j" && decoded.error == nil && decoded.schemaVersion == 1)
    }
}
