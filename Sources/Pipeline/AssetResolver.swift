import Foundation
import ProjectModel

/// Finds the files a project names (images, a voice-over, music) in the folders it may use: the
/// project file's own folder and the configured asset roots. A path may not leave those folders,
/// even through a symbolic link.
public struct AssetResolver: Sendable {
    public let roots: [URL]

    public init(roots: [URL]) { self.roots = roots }

    public func resolve(_ relativePath: String, field: String) throws -> URL {
        for root in roots {
            let rootReal = root.resolvingSymlinksInPath().standardizedFileURL.path
            let candidate = root.appending(path: relativePath).resolvingSymlinksInPath().standardizedFileURL
            guard candidate.path.hasPrefix(rootReal + "/") else {
                throw ProjectFileError(field: field, "'\(relativePath)' leads outside \(root.path)")
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        let places = roots.map(\.path).joined(separator: ", ")
        throw ProjectFileError(field: field, "file '\(relativePath)' not found in \(places.isEmpty ? "any asset folder" : places)")
    }
}
