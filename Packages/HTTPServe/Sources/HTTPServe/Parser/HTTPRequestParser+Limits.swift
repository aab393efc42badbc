extension HTTPRequestParser {
    /// Size limits; each has the status a request over it receives.
    public struct Limits: Sendable, Equatable {
        /// The longest request line in bytes, without CRLF (default 8 KiB); longer → 414.
        public var maxRequestLineBytes: Int
        /// The most bytes in all header (and trailer) lines together (default 16 KiB); more → 431.
        public var maxHeaderBytes: Int
        /// The most header fields (default 100); more → 431.
        public var maxHeaderCount: Int
        /// The largest body in bytes after de-chunking (default 1 MiB); larger → 413.
        public var maxBodyBytes: Int

        /// Creates limits; every parameter has the documented default.
        public init(
            maxRequestLineBytes: Int = 8 * 1024, maxHeaderBytes: Int = 16 * 1024, maxHeaderCount: Int = 100,
            maxBodyBytes: Int = 1024 * 1024
        ) {
            self.maxRequestLineBytes = maxRequestLineBytes
            self.maxHeaderBytes = maxHeaderBytes
            self.maxHeaderCount = maxHeaderCount
            self.maxBodyBytes = maxBodyBytes
        }
    }
}
