/// A test service could not be found, started or reached. The message says what to do.
public struct PrivateServicesError: Error, CustomStringConvertible {
    /// What went wrong and how to fix it.
    public let description: String

    init(_ description: String) { self.description = description }
}
