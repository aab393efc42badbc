@testable import HTTPServe

/// What a parser run produced: the requests, and the failure status if it ended in one.
struct ParseOutcome: Equatable, CustomStringConvertible {
    var requests: [ParsedRequest] = []
    /// Not part of equality: `100 Continue` is only announced when the body has not arrived yet, which
    /// depends on the split by design.
    var continues = 0
    var failure: Int?

    static func == (lhs: ParseOutcome, rhs: ParseOutcome) -> Bool {
        lhs.requests == rhs.requests && lhs.failure == rhs.failure
    }

    var description: String {
        "\(requests.map { "\($0.head.method) \($0.head.target) body=\($0.body.count)" }) continues=\(continues) "
            + "failure=\(failure.map(String.init) ?? "none")"
    }
}

/// Feeds a parser in pieces of the given sizes (the last piece takes the rest) and collects every step.
func parse(
    _ bytes: [UInt8], pieces: [Int]? = nil, limits: HTTPRequestParser.Limits = HTTPRequestParser.Limits()
) -> ParseOutcome {
    var parser = HTTPRequestParser(limits: limits)
    var outcome = ParseOutcome()
    var offset = 0
    var sizes = pieces ?? [bytes.count]
    if sizes.reduce(0, +) < bytes.count { sizes.append(bytes.count - sizes.reduce(0, +)) }
    for size in sizes where offset < bytes.count {
        let end = min(bytes.count, offset + size)
        parser.append(contentsOf: bytes[offset..<end])
        offset = end
        loop: while true {
            switch parser.next() {
            case .needMoreData: break loop
            case .expectContinue: outcome.continues += 1
            case .request(let request): outcome.requests.append(request)
            case .failure(let error):
                outcome.failure = error.status
                return outcome
            }
        }
    }
    return outcome
}

func parse(_ text: String, pieces: [Int]? = nil, limits: HTTPRequestParser.Limits = HTTPRequestParser.Limits())
    -> ParseOutcome
{
    parse(Array(text.utf8), pieces: pieces, limits: limits)
}

/// A deterministic generator (SplitMix64), so a failing random split can be reproduced from its seed.
/// HTTPServe depends on nothing, so it keeps this small copy of what QueueCoreTestSupport's
/// `SplitFeeding.randomPieces` does with Autopilot's `SeededGenerator` for the packages that depend on QueueCore.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random piece sizes (1…max) covering `count` bytes.
func randomPieces(count: Int, seed: UInt64, max: Int = 17) -> [Int] {
    var generator = SplitMix(state: seed)
    var pieces: [Int] = []
    var remaining = count
    while remaining > 0 {
        let piece = Int.random(in: 1...max, using: &generator)
        pieces.append(min(piece, remaining))
        remaining -= piece
    }
    return pieces
}
