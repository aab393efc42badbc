/// Decoded `application/x-www-form-urlencoded` query parameters, in order, repeats kept.
public struct QueryParameters: Sendable, Equatable {
    /// The name-value pairs in order.
    public let pairs: [(name: String, value: String)]

    /// Parses a query string (without `?`): `&`-separated, `+` as space, percent-decoded.
    ///
    /// Throws a 400 `HTTPServeError.response` for a malformed escape or invalid UTF-8.
    public init(parsing query: Substring) throws {
        var pairs: [(name: String, value: String)] = []
        for item in query.split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try PercentDecoding.decodeQueryComponent(parts[0])
            let value = parts.count > 1 ? try PercentDecoding.decodeQueryComponent(parts[1]) : ""
            pairs.append((name: name, value: value))
        }
        self.pairs = pairs
    }

    /// The first value of `name`, or `nil`.
    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value of `name`, in order.
    public func values(for name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    /// Whether there are no parameters.
    public var isEmpty: Bool { pairs.isEmpty }

    /// Equal when the same pairs appear in the same order.
    public static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.pairs.count == rhs.pairs.count && zip(lhs.pairs, rhs.pairs).allSatisfy { $0 == $1 }
    }
}
