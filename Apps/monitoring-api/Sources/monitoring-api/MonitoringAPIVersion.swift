/// monitoring-api's version (SemVer), the same as its `VERSION` file.
enum MonitoringAPIVersion {
    /// The version string, e.g. `0.1.0`.
    static let string = "0.1.0"
}
