/// The Chaos package's version (SemVer), the same as its `VERSION` file.
public enum ChaosVersion {
    /// The version string, e.g. `0.1.0`.
    public static let string = "0.1.0"
}
