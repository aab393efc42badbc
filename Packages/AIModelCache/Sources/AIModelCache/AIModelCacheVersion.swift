/// The version of the AIModelCache package; matches the `VERSION` file.
public enum AIModelCacheVersion {
    /// The SemVer string, e.g. `"0.1.0"`.
    public static let string = "0.1.0"
}
