import Foundation

/// How often systemd wants `WATCHDOG=1` (sd_watchdog_enabled(3)): `WATCHDOG_USEC` microseconds, for this
/// process only when `WATCHDOG_PID` is unset or names it. The daemon pings at half of it, as systemd
/// recommends, so one late ping is not a restart.
public enum WatchdogInterval {
    /// The ping interval (half of `WATCHDOG_USEC`); nil when no watchdog is asked of this process.
    public static func pingInterval(environment: [String: String] = ProcessInfo.processInfo.environment,
                                    pid: Int32 = getpid()) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = UInt64(text), microseconds > 0 else { return nil }
        if let owner = environment["WATCHDOG_PID"], !owner.isEmpty, Int32(owner) != pid { return nil }
        return .microseconds(Int64(clamping: microseconds / 2))
    }
}
