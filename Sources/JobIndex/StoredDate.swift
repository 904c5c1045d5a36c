import Foundation
import GRDB

/// Dates as the index stores them: SQLite's `YYYY-MM-DD HH:MM:SS.SSS` in UTC, exactly the text
/// GRDB writes for a `Date` (rounded to the nearest millisecond, halves up), so GRDB reads them back as `Date`s and SQL
/// compares them with `datetime(…)` directly.
///
/// Formatted by arithmetic rather than GRDB's `DateFormatter`, which costs a few microseconds a
/// date: a finished job has about twenty dates, and bulk records write tens of thousands of jobs.
enum StoredDate {
    /// The stored text for `date`. Dates outside years 1600–9999 are handed to GRDB's formatter
    /// (before the Gregorian reform of 1582 it follows the Julian calendar).
    static func string(from date: Date) -> String {
        // Rounded as ICU, behind GRDB's DateFormatter, rounds: floor(x + 0.5).
        let milliseconds = (date.timeIntervalSince1970 * 1000 + 0.5).rounded(.down)
        // ±250,000 years in milliseconds: far outside what is formatted here, and it keeps the
        // conversion to Int64 safe.
        guard milliseconds.magnitude < 8e18 else { return fallback(date) }
        let total = Int64(milliseconds)
        let (days, millisecondOfDay) = floorDivision(total, 86_400_000)
        let (year, month, day) = civilDate(daysSince1970: days)
        guard (1600...9999).contains(year) else { return fallback(date) }

        let hour = millisecondOfDay / 3_600_000
        let minute = millisecondOfDay / 60_000 % 60
        let second = millisecondOfDay / 1000 % 60
        let millisecond = millisecondOfDay % 1000
        return String(unsafeUninitializedCapacity: 23) { buffer in
            let zero = UInt8(ascii: "0")
            buffer[0] = zero + UInt8(truncatingIfNeeded: year / 1000)
            buffer[1] = zero + UInt8(truncatingIfNeeded: year / 100 % 10)
            buffer[2] = zero + UInt8(truncatingIfNeeded: year / 10 % 10)
            buffer[3] = zero + UInt8(truncatingIfNeeded: year % 10)
            buffer[4] = UInt8(ascii: "-")
            buffer[5] = zero + UInt8(truncatingIfNeeded: month / 10)
            buffer[6] = zero + UInt8(truncatingIfNeeded: month % 10)
            buffer[7] = UInt8(ascii: "-")
            buffer[8] = zero + UInt8(truncatingIfNeeded: day / 10)
            buffer[9] = zero + UInt8(truncatingIfNeeded: day % 10)
            buffer[10] = UInt8(ascii: " ")
            buffer[11] = zero + UInt8(truncatingIfNeeded: hour / 10)
            buffer[12] = zero + UInt8(truncatingIfNeeded: hour % 10)
            buffer[13] = UInt8(ascii: ":")
            buffer[14] = zero + UInt8(truncatingIfNeeded: minute / 10)
            buffer[15] = zero + UInt8(truncatingIfNeeded: minute % 10)
            buffer[16] = UInt8(ascii: ":")
            buffer[17] = zero + UInt8(truncatingIfNeeded: second / 10)
            buffer[18] = zero + UInt8(truncatingIfNeeded: second % 10)
            buffer[19] = UInt8(ascii: ".")
            buffer[20] = zero + UInt8(truncatingIfNeeded: millisecond / 100)
            buffer[21] = zero + UInt8(truncatingIfNeeded: millisecond / 10 % 10)
            buffer[22] = zero + UInt8(truncatingIfNeeded: millisecond % 10)
            return 23
        }
    }

    /// The stored value for an optional date: its text, or NULL.
    static func databaseValue(_ date: Date?) -> DatabaseValue {
        date.map { string(from: $0).databaseValue } ?? .null
    }

    private static func fallback(_ date: Date) -> String {
        String.fromDatabaseValue(date.databaseValue) ?? ""
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    /// The proleptic Gregorian date `days` days after 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`).
    private static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
