/// One HTTP POST a delivery sink queues: the exact body bytes and the headers to send with them.
public struct DeliveryRequest: Sendable, Equatable {
    /// The body, sent as is (a signature covers exactly these bytes).
    public var body: [UInt8]
    /// Header fields besides `Content-Type: application/json` (which every request has).
    public var headers: [(name: String, value: String)]
    /// The notification's idempotency key (also sent as a header by the webhook sink), for logs.
    public var idempotencyKey: String

    /// Creates a request.
    public init(body: [UInt8], headers: [(name: String, value: String)] = [], idempotencyKey: String) {
        self.body = body
        self.headers = headers
        self.idempotencyKey = idempotencyKey
    }

    /// Same body, headers (in order) and key.
    public static func == (lhs: DeliveryRequest, rhs: DeliveryRequest) -> Bool {
        lhs.body == rhs.body && lhs.idempotencyKey == rhs.idempotencyKey
            && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}
