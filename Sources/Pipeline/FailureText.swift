import FileSafety
import Foundation
import Media
import Spool
#if canImport(Glibc)
import Glibc
#endif

/// Recognises a full disk in any error a step can raise — ours, Foundation's, ffmpeg's — so the job's
/// message starts with "no space left on device" whichever layer noticed it.
enum FailureText {
    /// What failed, without the "no space" prefix, or nil when the error is not a full disk.
    static func noSpaceDetail(_ error: any Error) -> String? {
        switch error {
        case let failure as FileSystemError where failure.isNoSpace: return failure.what
        case let failure as SpoolError where failure.isNoSpace: return failure.description
        case let failure as MediaError:
            if case .noSpace(let tool, _) = failure { return "\(tool) could not write its output; free disk space (`tiktok-ai cleanup`) and retry" }
        case let failure as CocoaError where failure.code == .fileWriteOutOfSpace:
            return failure.localizedDescription
        case let failure as POSIXError where failure.code == .ENOSPC || failure.code == .EDQUOT:
            return failure.localizedDescription
        default: break
        }
        let bridged = error as NSError
        if bridged.domain == NSPOSIXErrorDomain, bridged.code == Int(ENOSPC) || bridged.code == Int(EDQUOT) { return bridged.localizedDescription }
        if let underlying = bridged.userInfo[NSUnderlyingErrorKey] as? any Error, noSpaceDetail(underlying) != nil {
            return bridged.localizedDescription
        }
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("no space left on device") { return text }
        return nil
    }
}
