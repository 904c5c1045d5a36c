import Foundation
import GRDB
import Testing
@testable import JobIndex

@Suite("Stored dates")
struct StoredDateTests {
    @Test("StoredDate writes exactly the text GRDB writes for a Date")
    func matchesGRDB() {
        var generator = SystemRandomNumberGenerator()
        var dates = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -0.001), Date(timeIntervalSince1970: 0.0005),
            // Exact half milliseconds, both sides of 1970, and a rounding carry into the next day.
            Date(timeIntervalSince1970: 0.0625), Date(timeIntervalSince1970: -0.0625),
            Date(timeIntervalSince1970: -1_790_000_000.0625), Date(timeIntervalSince1970: 86_399.9995),
            Date(timeIntervalSince1970: 951_782_400), // 2000-02-29
            Date(timeIntervalSince1970: 4_107_542_399.999), // 2100-02-28 23:59:59.999
            Date(timeIntervalSince1970: 1_790_000_000.123), referenceDate, Date(),
            Date(timeIntervalSinceReferenceDate: -63_113_904_000), // year 1: the Julian calendar, left to GRDB
        ]
        for _ in 0..<2000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: -2_000_000_000...8_000_000_000, using: &generator)))
        }
        for date in dates {
            #expect(StoredDate.string(from: date) == String.fromDatabaseValue(date.databaseValue),
                    "\(date.timeIntervalSince1970)")
        }
        #expect(StoredDate.databaseValue(nil) == .null)
    }
}
