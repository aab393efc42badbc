/// A PostgreSQL type, identified by its OID as the server reports it for each result column.
public struct PostgresDataType: Hashable, Sendable, CustomStringConvertible {
    /// The type's OID (`pg_type.oid`).
    public let oid: UInt32

    /// Wraps an OID.
    public init(oid: UInt32) { self.oid = oid }

    /// `bool`.
    public static let bool = PostgresDataType(oid: 16)
    /// `bytea`.
    public static let bytea = PostgresDataType(oid: 17)
    /// `int8` (`bigint`).
    public static let int8 = PostgresDataType(oid: 20)
    /// `int2` (`smallint`).
    public static let int2 = PostgresDataType(oid: 21)
    /// `int4` (`integer`).
    public static let int4 = PostgresDataType(oid: 23)
    /// `text`.
    public static let text = PostgresDataType(oid: 25)
    /// `float4` (`real`).
    public static let float4 = PostgresDataType(oid: 700)
    /// `float8` (`double precision`).
    public static let float8 = PostgresDataType(oid: 701)
    /// `varchar`.
    public static let varchar = PostgresDataType(oid: 1043)
    /// `timestamp` (without time zone).
    public static let timestamp = PostgresDataType(oid: 1114)
    /// `timestamptz`.
    public static let timestamptz = PostgresDataType(oid: 1184)
    /// `numeric`.
    public static let numeric = PostgresDataType(oid: 1700)

    private static let names: [UInt32: String] = [
        16: "bool", 17: "bytea", 18: "char", 19: "name", 20: "int8", 21: "int2", 23: "int4", 25: "text",
        26: "oid", 114: "json", 700: "float4", 701: "float8", 705: "unknown", 1042: "bpchar", 1043: "varchar",
        1082: "date", 1083: "time", 1114: "timestamp", 1184: "timestamptz", 1186: "interval", 1700: "numeric",
        2950: "uuid", 3802: "jsonb",
    ]

    /// The type's name for the common built-in types, else `oid <n>`.
    public var description: String { Self.names[oid] ?? "oid \(oid)" }
}
