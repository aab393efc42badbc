/// A result column: its name and PostgreSQL type.
public struct PostgresColumn: Hashable, Sendable {
    /// The column name as the server reports it (an alias if the query gave one).
    public let name: String
    /// The column's PostgreSQL type.
    public let type: PostgresDataType
}

/// The rows of a query, copied out of libpq into Swift values (no C memory is held).
public struct PostgresRows: Sendable, RandomAccessCollection {
    /// The result columns, in order; empty for statements that return no rows.
    public let columns: [PostgresColumn]
    /// The rows, in the order the server sent them.
    public let rows: [PostgresRow]
    /// The rows the statement inserted, updated, deleted or selected, as the server reported it.
    public let affectedRows: Int

    init(columns: [PostgresColumn], values: [[[UInt8]?]], affectedRows: Int) {
        self.columns = columns
        self.rows = values.map { PostgresRow(columns: columns, values: $0) }
        self.affectedRows = affectedRows
    }

    /// The first row's index (0).
    public var startIndex: Int { rows.startIndex }
    /// One past the last row's index.
    public var endIndex: Int { rows.endIndex }
    /// The row at `position`.
    public subscript(position: Int) -> PostgresRow { rows[position] }
}
