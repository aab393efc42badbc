/// maxctl's version (SemVer), the same as its `VERSION` file.
enum MaxctlVersion {
    /// The version string, e.g. `0.1.0`.
    static let string = "0.1.0"
}
