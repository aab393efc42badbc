/// One result row, read column by column as Swift values.
///
/// `try row.decode(String.self, "name")`, `try row.decode(Int?.self, at: 2)`. Reading a NULL as a non-optional
/// throws `.unexpectedNull`; a type that does not fit throws `.typeMismatch`; an unknown column throws
/// `.columnNotFound`. Errors name the column and the types, never the value.
public struct PostgresRow: Sendable {
    /// The result columns, shared with every row of the result.
    public let columns: [PostgresColumn]
    // The text form of each value as the server sent it, nil for NULL.
    private let values: [[UInt8]?]

    init(columns: [PostgresColumn], values: [[UInt8]?]) {
        self.columns = columns
        self.values = values
    }

    /// Whether the column at `index` is NULL.
    public func isNull(at index: Int) throws(PostgresError) -> Bool {
        try checked(index)
        return values[index] == nil
    }

    /// The value of column `name` (the first with that name) as `T`; throws if NULL or if the type does not fit.
    public func decode<T: PostgresDecodable>(_ type: T.Type, _ name: String) throws(PostgresError) -> T {
        try decode(type, at: index(of: name))
    }

    /// The value of column `name` as `T`, or nil when it is NULL.
    public func decode<T: PostgresDecodable>(_ type: T?.Type, _ name: String) throws(PostgresError) -> T? {
        try decode(type, at: index(of: name))
    }

    /// The value of the column at `index` (from 0) as `T`; throws if NULL or if the type does not fit.
    public func decode<T: PostgresDecodable>(_ type: T.Type, at index: Int) throws(PostgresError) -> T {
        guard let value = try decode(T?.self, at: index) else {
            throw columnError(
                .unexpectedNull, index, "is NULL; read it as \(T.self)? to accept NULL")
        }
        return value
    }

    /// The value of the column at `index` (from 0) as `T`, or nil when it is NULL.
    public func decode<T: PostgresDecodable>(_ type: T?.Type, at index: Int) throws(PostgresError) -> T? {
        try checked(index)
        guard let text = values[index] else { return nil }
        guard let value = T.decode(text: text, type: columns[index].type) else {
            throw columnError(
                .typeMismatch, index, "of type \(columns[index].type) cannot be read as \(T.self)")
        }
        return value
    }

    private func index(of name: String) throws(PostgresError) -> Int {
        guard let index = columns.firstIndex(where: { $0.name == name }) else {
            let known = columns.map(\.name).joined(separator: ", ")
            throw PostgresError(
                .columnNotFound, "no column named \"\(name)\"; the result has: \(known)", operation: "read row")
        }
        return index
    }

    private func checked(_ index: Int) throws(PostgresError) {
        guard columns.indices.contains(index) else {
            throw PostgresError(
                .columnNotFound, "no column at index \(index); the result has \(columns.count) columns",
                operation: "read row")
        }
    }

    private func columnError(_ code: PostgresError.Code, _ index: Int, _ problem: String) -> PostgresError {
        PostgresError(code, "column \(index) \"\(columns[index].name)\" \(problem)", operation: "read row")
    }
}
