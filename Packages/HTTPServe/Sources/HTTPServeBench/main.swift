// The server `make bench-http` (scripts/bench-http.sh) measures with wrk.
//
//   HTTPServeBench [--port N] [--loops N] [--body-file PATH]
//
// Routes: GET /json (the ordinary `async` handler path) and GET /json-onloop (the synchronous on-loop
// path), both answering the same fixed JSON body (the bytes of --body-file, default a built-in ~600-byte
// document), plus GET /rss (resident memory in KiB). Prints "listening on <port>" and serves until
// SIGINT or SIGTERM, then shuts down gracefully.
import Dispatch
import Foundation
import Glibc
import HTTPServe

func argument(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

let defaultBody = """
    {"status":"healthy","healthy":true,"timestamp":"2026-01-01T00:00:00Z","components":{"queues":{"status":\
    "healthy","queues":[{"name":"social-posts","waiting":12,"active":3,"completed":48211,"failed":17,\
    "delayed":240,"failedRate":0.0004,"stalled":0},{"name":"ad-campaigns","waiting":4,"active":1,\
    "completed":9120,"failed":2,"delayed":31,"failedRate":0.0002,"stalled":0}]},\
    "aiModels":{"status":"healthy","social":{"loaded":42,"capacity":100,"hitRate":0.93,"memoryMB":812},\
    "advertising":{"loaded":17,"capacity":50,"hitRate":0.88,"memoryMB":402}}},"alerts":[],"version":"0.1.0"}
    """
let body: [UInt8] =
    argument("--body-file").flatMap { FileManager.default.contents(atPath: $0) }.map { Array($0) }
    ?? Array(defaultBody.utf8)

var router = Router()
router.get("/json") { _ in
    Response(status: 200, headers: ["Content-Type": "application/json"], body: body)
}
router.onLoop("GET", "/json-onloop") { _ in
    Response(status: 200, headers: ["Content-Type": "application/json"], body: body)
}
router.get("/rss") { _ in
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? "VmRSS: 0 kB"
    return .text(String(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
}

var configuration = HTTPServer.Configuration(port: Int(argument("--port") ?? "8080") ?? 8080)
if let loops = argument("--loops").flatMap(Int.init) { configuration.loopCount = loops }
let server = try HTTPServer(configuration: configuration, router: router)
let port = try server.start()
FileHandle.standardOutput.write(Data("listening on \(port)\n".utf8))

// Not QueueCore's StopSignals: HTTPServe depends on nothing by design (docs/architecture.md).
signal(SIGINT, SIG_IGN)
signal(SIGTERM, SIG_IGN)
let stopRequested = DispatchSemaphore(value: 0)
let sources = [SIGINT, SIGTERM].map { number in
    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
    source.setEventHandler { stopRequested.signal() }
    source.resume()
    return source
}
stopRequested.wait()
let finished = DispatchSemaphore(value: 0)
Task {
    await server.shutdown(deadline: .seconds(5))
    finished.signal()
}
finished.wait()
_ = sources
