import FileSafety
import Foundation
import JobDocuments
import Media
import ProjectModel
import Providers
#if canImport(Glibc)
import Glibc
#endif

/// What a failed step's error says to the person reading `status.json`, and whether retrying unchanged
/// could help. A full disk always reads "no space left on device: …", whichever layer noticed it.
enum FailureDescription {
    static func describe(_ error: any Error, settings: PipelineSettings) -> (message: String, retryable: Bool) {
        if let detail = noSpaceDetail(error) { return ("no space left on device: \(detail)", true) }
        switch error {
        case let failure as StepFailure: return (failure.message, failure.retryable)
        case let failure as ProviderError: return (failure.message, failure.retryable)
        case let failure as any RetryClassifiedError: return (failure.description, failure.retryable)
        case let failure as ProjectFileError: return (failure.description, false)
        case let failure as MediaError:
            if case .timedOut = failure { return ("\(failure) (\(settings.ffmpegTimeoutSetting))", true) }
            return (failure.description, true)
        case let failure as StepTimeout: return (failure.description, true)
        case let failure as DiskSpaceShortage: return (failure.description, true)
        default: return (String(describing: error), true)
        }
    }

    /// What failed, without the "no space" prefix, or nil when the error is not a full disk.
    static func noSpaceDetail(_ error: any Error) -> String? {
        switch error {
        case let failure as FileSystemError where failure.isNoSpace: return failure.what
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

/// An error a step raises itself: a problem with the job's input or output, worded for a person,
/// with whether retrying unchanged could help.
public struct StepFailure: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var retryable: Bool

    public init(_ message: String, retryable: Bool = false) {
        self.message = message
        self.retryable = retryable
    }

    public var description: String { message }
}

/// Not enough free space to start a render: the job goes back to the queue until there is.
struct DiskSpaceShortage: Error, CustomStringConvertible, Sendable {
    var freeMB: Int64
    var minimumMB: Int64

    var description: String {
        "not enough free disk space to render: \(freeMB) MB free on the spool's filesystem, MIN_FREE_DISK_MB is \(minimumMB)"
    }
}
