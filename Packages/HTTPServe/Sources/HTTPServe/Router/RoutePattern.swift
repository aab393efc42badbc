/// A path pattern such as `/api/queues/:name` or `/static/*`.
///
/// Segments are literals, `:name` parameters (one segment each), or a final `*` that captures the
/// rest of the path (zero or more segments, joined with `/`, each decoded safely).
public struct RoutePattern: Sendable, Hashable, CustomStringConvertible {
    enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
        case rest
    }

    let segments: [Segment]
    /// The pattern as written.
    public let description: String

    /// Parses `pattern`; it must start with `/`, and `*` may only be the last segment.
    public init(_ pattern: String) {
        precondition(pattern.first == "/", "route pattern \(pattern) must start with /")
        let parts = pattern.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        var segments: [Segment] = []
        for (index, part) in parts.enumerated() {
            if part == "*" {
                precondition(index == parts.count - 1, "* must be the last segment of \(pattern)")
                segments.append(.rest)
            } else if part.first == ":" {
                segments.append(.parameter(String(part.dropFirst())))
            } else {
                segments.append(.literal(String(part)))
            }
        }
        self.segments = segments
        self.description = pattern
    }

    /// Whether the pattern has no parameters, so a dictionary lookup can match it.
    var isStatic: Bool { segments.allSatisfy { if case .literal = $0 { true } else { false } } }

    /// Matches decoded path segments; returns the parameters, or `nil` when the path does not match.
    func match(_ path: [String]) -> [String: String]? {
        var parameters: [String: String] = [:]
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .rest:
                parameters["*"] = path[index...].joined(separator: "/")
                return parameters
            case .literal(let literal):
                guard index < path.count, path[index] == literal else { return nil }
            case .parameter(let name):
                guard index < path.count, !path[index].isEmpty else { return nil }
                parameters[name] = path[index]
            }
        }
        return path.count == segments.count ? parameters : nil
    }
}
