/// The version of the HTTPServe package, kept equal to the `VERSION` file.
public enum HTTPServeVersion {
    /// The SemVer string, for example in a `Server` header or `maxctl --version`.
    public static let string = "0.1.0"
}
