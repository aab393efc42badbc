import Essentials
import Foundation
import HTTPServe
import Synchronization

@testable import Monitoring

/// A real HTTP receiver for the delivery tests (HTTPServe on a free loopback port): records every POST, answers with
/// the statuses queued by the test (then 200), and can hold every answer until ``release()``.
final class AlertReceiver: Sendable {
    struct Received: Sendable {
        let path: String
        let headers: HTTPHeaders
        let body: [UInt8]

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:]
        }
    }

    private let server: HTTPServer
    private let state = Mutex<(received: [Received], statuses: [Int])>(([], []))
    private let gate: Mutex<Latch?>
    /// The port the receiver listens on.
    let port: Int

    /// Starts the receiver; with `holding`, every answer waits for ``release()``.
    init(holding: Bool = false) throws {
        gate = Mutex<Latch?>(holding ? Latch() : nil)
        var router = Router()
        let recorder = Recorder()
        router.post("/*") { request in
            let status = recorder.record(request)
            if let latch = recorder.latch() { await latch.wait() }
            return Response(status: status)
        }
        server = try HTTPServer(configuration: .init(host: "127.0.0.1", port: 0, loopCount: 1), router: router)
        port = try server.start()
        recorder.owner.withLock { $0 = self }
    }

    /// `http://127.0.0.1:<port>`.
    var url: String { "http://127.0.0.1:\(port)" }

    /// The requests received so far, in order.
    var received: [Received] { state.withLock { $0.received } }

    /// Answers the next requests with `statuses`, in order (then 200).
    func answer(_ statuses: Int...) { state.withLock { $0.statuses += statuses } }

    /// Lets every held and future answer go.
    func release() { gate.withLock { $0?.open() } }

    func stop() async { await server.shutdown(deadline: .seconds(2)) }

    fileprivate func record(_ request: Request) -> Int {
        state.withLock { state in
            state.received.append(Received(path: request.path, headers: request.headers, body: request.body))
            return state.statuses.isEmpty ? 200 : state.statuses.removeFirst()
        }
    }

    fileprivate var latch: Latch? { gate.withLock { $0 } }
}

/// The route's link back to its receiver (the router is built before the receiver exists).
private final class Recorder: Sendable {
    let owner = Mutex<AlertReceiver?>(nil)

    func record(_ request: Request) -> Int { owner.withLock { $0 }?.record(request) ?? 503 }
    func latch() -> Latch? { owner.withLock { $0 }?.latch }
}

extension AlertReceiver.Received {
    /// True when the `X-MaxBooster-Signature` header is the HMAC-SHA-256 of the body under `secret`.
    func signatureVerifies(secret: String) -> Bool {
        guard let header = headers[WebhookFormat.signatureHeader], header.hasPrefix("sha256=") else { return false }
        let expected = HMACSHA256.authenticationCode(for: body, key: Array(secret.utf8)).lowercaseHex
        return HMACSHA256.isEqual(Array(header.dropFirst(7).utf8), Array(expected.utf8))
    }
}
