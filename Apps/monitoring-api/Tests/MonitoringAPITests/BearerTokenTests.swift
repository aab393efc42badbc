import XCTest

@testable import monitoring_api

final class BearerTokenTests: XCTestCase {
    func testTheExactTokenIsAcceptedWithAnyCaseOfTheScheme() {
        let token = BearerToken("s3cret-token")
        XCTAssertTrue(token.accepts("Bearer s3cret-token"))
        XCTAssertTrue(token.accepts("bearer s3cret-token"))
        XCTAssertTrue(token.accepts("BEARER s3cret-token"))
    }

    func testWrongMissingOrMalformedCredentialsAreRefused() {
        let token = BearerToken("s3cret-token")
        for header in [
            nil, "", "Bearer", "Bearer ", "Bearer s3cret-toke", "Bearer s3cret-token2", "Basic s3cret-token",
            "s3cret-token", "Bearer  s3cret-token", "Bearer S3CRET-TOKEN",
        ] {
            XCTAssertFalse(token.accepts(header), header ?? "nil")
        }
    }

    func testConstantTimeComparisonComparesLengthsAsWellAsBytes() {
        XCTAssertTrue(BearerToken.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        XCTAssertFalse(BearerToken.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        XCTAssertFalse(BearerToken.constantTimeEqual(Array("abc".utf8), Array("abc\0".utf8)))
        // Lengths whose XOR is a multiple of 256 must not look equal.
        XCTAssertFalse(BearerToken.constantTimeEqual([], [UInt8](repeating: 0, count: 256)))
    }
}
