// libFuzzer entry point for HTTPRequestParser; built by scripts/fuzz-http.sh together with the parser
// sources (Sources/HTTPServe/Parser/*.swift and Message/HTTPHeaders.swift), outside SwiftPM.
//
// Beyond "no crash, no sanitizer report", it checks the parser's central property: the same input fed
// at once and fed in pieces (split points derived from the input) yields the same steps.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Small limits reach the 413/414/431 paths with short inputs.
    let limits = HTTPRequestParser.Limits(
        maxRequestLineBytes: 256, maxHeaderBytes: 512, maxHeaderCount: 16, maxBodyBytes: 1024)
    let whole = FuzzRun.steps(bytes, pieces: [bytes.count], limits: limits)
    var pieces: [Int] = []
    var seed = bytes.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
    var remaining = bytes.count
    while remaining > 0 {
        seed = seed &* 1_103_515_245 &+ 12345
        let piece = min(remaining, Int(seed >> 16) % 7 + 1)
        pieces.append(piece)
        remaining -= piece
    }
    let split = FuzzRun.steps(bytes, pieces: pieces, limits: limits)
    if whole != split { fatalError("parser result depends on how the input is split") }
    return 0
}

enum FuzzRun {
    /// Feeds `bytes` in the given piece sizes and collects every request and the final outcome.
    static func steps(_ bytes: [UInt8], pieces: [Int], limits: HTTPRequestParser.Limits) -> [String] {
        var parser = HTTPRequestParser(limits: limits)
        var results: [String] = []
        var offset = 0
        for piece in pieces {
            parser.append(contentsOf: bytes[offset..<(offset + piece)])
            offset += piece
            drain: while true {
                switch parser.next() {
                case .needMoreData: break drain
                case .expectContinue: continue
                case .request(let request):
                    results.append("\(request.head.method) \(request.head.target) \(request.body.count)")
                case .failure(let error):
                    results.append("failure \(error.status)")
                    return results
                }
            }
        }
        return results
    }
}
