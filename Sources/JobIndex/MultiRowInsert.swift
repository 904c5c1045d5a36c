import GRDB

/// Writes many rows of one table with multi-row `INSERT … VALUES (…), (…), …` statements.
///
/// Bulk records write tens of thousands of rows in one transaction; one statement per row spends
/// most of its time in per-statement overhead. Rows go in chunks of at most 999 bound values
/// (SQLite's historical limit), the statement for a full chunk being prepared once and cached.
struct MultiRowInsert: Sendable {
    let columns: [String]
    let rowsPerStatement: Int
    private let prefix: String
    private let suffix: String
    private let fullChunkSQL: String

    /// - Parameters:
    ///   - table: the table written.
    ///   - columns: the columns each row gives, in order.
    ///   - suffix: SQL appended to the statement, e.g. an `ON CONFLICT … DO UPDATE` clause.
    init(table: String, columns: [String], suffix: String = "") {
        self.columns = columns
        self.rowsPerStatement = max(1, 999 / columns.count)
        self.prefix = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        self.suffix = suffix
        self.fullChunkSQL = Self.sql(prefix: prefix, suffix: suffix, columnCount: columns.count, rowCount: rowsPerStatement)
    }

    /// Inserts `rows` (each with one value per column, in column order), in order.
    func execute(_ db: Database, rows: [[DatabaseValue]]) throws {
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + rowsPerStatement, rows.endIndex)
            let chunk = rows[start..<end]
            // Cached whatever the row count: a daemon writes the same few shapes over and over.
            let statement = chunk.count == rowsPerStatement
                ? try db.cachedStatement(sql: fullChunkSQL)
                : try db.cachedStatement(sql: Self.sql(prefix: prefix, suffix: suffix, columnCount: columns.count, rowCount: chunk.count))
            var values: [DatabaseValue] = []
            values.reserveCapacity(chunk.count * columns.count)
            for row in chunk {
                values.append(contentsOf: row)
            }
            try statement.execute(arguments: StatementArguments(values))
            start = end
        }
    }

    private static func sql(prefix: String, suffix: String, columnCount: Int, rowCount: Int) -> String {
        let row = "(" + databaseQuestionMarks(count: columnCount) + ")"
        return prefix + Array(repeating: row, count: rowCount).joined(separator: ", ") + (suffix.isEmpty ? "" : " " + suffix)
    }
}

extension Database {
    /// Runs `DELETE FROM table WHERE column IN (…)` for `values`, in chunks of at most 999.
    func deleteRows(from table: String, where column: String, in values: [String]) throws {
        var start = values.startIndex
        while start < values.endIndex {
            let end = min(start + 999, values.endIndex)
            let chunk = values[start..<end]
            try cachedStatement(sql: "DELETE FROM \(table) WHERE \(column) IN (\(databaseQuestionMarks(count: chunk.count)))")
                .execute(arguments: StatementArguments(chunk))
            start = end
        }
    }
}
