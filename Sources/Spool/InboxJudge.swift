import Foundation
import ProjectModel
#if canImport(Glibc)
import Glibc
#endif

/// Reads and judges an inbox file before it is claimed (SPEC rules 2 and 9): a regular file, no larger
/// than a project may be, that parses as a project.
public enum InboxJudge {
    public enum Verdict: Sendable {
        case good(ProjectFile)
        /// Refused, with the reason a person can act on; the file is still claimed (into `failed/`).
        case bad(String)

        /// The reason it was refused, nil for a good file.
        public var refusal: String? {
            if case .bad(let reason) = self { return reason }
            return nil
        }

        public var priority: Int? {
            if case .good(let project) = self { return project.priority }
            return nil
        }
    }

    public static func judge(fileAt url: URL) -> Verdict {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return .bad("cannot read the file: \(String(cString: strerror(errno)))") }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            return .bad("symbolic links are not accepted in the inbox; copy the file itself")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .bad("not a regular file") }
        if Int(info.st_size) > ProjectFileParser.maxFileBytes {
            return .bad("the file is \(info.st_size) bytes; a project file may be at most \(ProjectFileParser.maxFileBytes) bytes")
        }
        guard let data = try? Data(contentsOf: url) else { return .bad("cannot read the file") }
        return judge(data)
    }

    public static func judge(_ data: Data) -> Verdict {
        do {
            return .good(try ProjectFileParser.parse(data))
        } catch {
            return .bad(error.description)
        }
    }
}
