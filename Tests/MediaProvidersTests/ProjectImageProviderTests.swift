import Foundation
import JobDocuments
import Media
import ProjectModel
import Providers
import Testing
@testable import MediaProviders

/// The project's own files: a still scaled to cover, a video copied as it is (never re-encoded).
@Suite struct ProjectImageProviderTests {
    private func scene(_ index: Int) -> Plan.Scene {
        Plan.Scene(index: index, narration: "A wave.", onScreenText: "", visual: "", image: nil, effect: .static, targetSeconds: 3)
    }

    private func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "project-images-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aVideoIsCopiedBesideTheStillsNameWithItsOwnExtension() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appending(path: "Waves.MOV")
        _ = try await ProcessRunner.run(try ToolLocator.ffmpeg(), [
            "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=1", "-c:v", "libx264", "-f", "mov", source.path,
        ], timeout: .seconds(30))
        let images = folder.appending(path: "images")
        var request = ImageRequest(scene: scene(2), project: ProjectFile(topic: "waves"), width: 216, height: 384)
        request.source = .video(source)
        let visual = try await ProjectImageProvider().image(request, to: images.appending(path: "scene_02.png"))
        #expect(visual == SceneVisual(kind: .video, file: "scene_02.mov", provider: "project"))
        #expect(try Data(contentsOf: images.appending(path: "scene_02.mov")) == Data(contentsOf: source), "the same bytes: no encode")
        #expect(try FileManager.default.contentsOfDirectory(atPath: images.path) == ["scene_02.mov"])
    }

    @Test func aFileThatIsNoVideoFailsNamingTheScene() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appending(path: "notes.mp4")
        try Data("not a video".utf8).write(to: source)
        var request = ImageRequest(scene: scene(1), project: ProjectFile(topic: "waves"), width: 216, height: 384)
        request.source = .video(source)
        let error = await #expect(throws: ProviderError.self) {
            try await ProjectImageProvider().image(request, to: folder.appending(path: "scene_01.png"))
        }
        #expect(error?.message.hasPrefix("scenes[1].video: 'notes.mp4' cannot be read as a video") == true, "\(error?.message ?? "")")
        #expect(error?.retryable == false)
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "scene_01.mp4").path))
    }
}
