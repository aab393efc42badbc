import Foundation

/// Parses numeric environment variables with errors that name the variable, the value and the range.
struct EnvironmentReader {
    let environment: [String: String]

    private func text(_ name: String) -> String? {
        guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        return raw
    }

    private func invalid(_ name: String, _ raw: String, _ expected: String) -> ModelCacheError {
        ModelCacheError(
            .invalidConfiguration,
            "environment variable \(name)='\(raw)' is invalid: expected \(expected); "
                + "fix or unset it")
    }

    /// The integer value of `name` within `range`, `nil` when unset or empty.
    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let raw = text(name) else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            throw invalid(name, raw, "an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
