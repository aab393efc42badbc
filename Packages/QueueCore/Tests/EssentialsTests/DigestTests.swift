import Essentials
import XCTest

/// SHA-256 against the FIPS 180 examples and HMAC-SHA-256 against every RFC 4231 test case.
final class DigestTests: XCTestCase {
    func testSHA256MatchesTheFIPS180Examples() {
        XCTAssertEqual(
            SHA256.hash([]).lowercaseHex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            SHA256.hash(Array("abc".utf8)).lowercaseHex,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)).lowercaseHex,
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testSHA256OfOneMillionAsFedInUnevenPiecesMatchesFIPS180() {
        var hash = SHA256()
        var remaining = 1_000_000
        var piece = 1
        while remaining > 0 {
            let count = min(piece, remaining)
            hash.update([UInt8](repeating: UInt8(ascii: "a"), count: count))
            remaining -= count
            piece = piece % 997 + 13
        }
        XCTAssertEqual(
            hash.finalize().lowercaseHex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testSHA256HandlesMessagesAroundThePaddingBoundary() {
        // 55 bytes fit the length in one block, 56 need a second: both must differ from each other and be stable.
        let at55 = SHA256.hash([UInt8](repeating: 0x61, count: 55)).lowercaseHex
        let at56 = SHA256.hash([UInt8](repeating: 0x61, count: 56)).lowercaseHex
        XCTAssertEqual(at55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        XCTAssertEqual(at56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }

    func testHMACSHA256MatchesRFC4231() {
        let cases: [(key: [UInt8], data: [UInt8], mac: String)] = [
            (
                [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
            ),
            (
                Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
            ),
            (
                [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
            ),
            (
                Array(1...25), [UInt8](repeating: 0xcd, count: 50),
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
            ),
            (
                [UInt8](repeating: 0xaa, count: 131),
                Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
            ),
            (
                [UInt8](repeating: 0xaa, count: 131),
                Array(
                    ("This is a test using a larger than block-size key and a larger than block-size data. "
                        + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
            ),
        ]
        for (number, testCase) in zip([1, 2, 3, 4, 6, 7], cases) {
            XCTAssertEqual(
                HMACSHA256.authenticationCode(for: testCase.data, key: testCase.key).lowercaseHex, testCase.mac,
                "RFC 4231 test case \(number)")
        }
    }

    func testHMACSHA256TruncatedTo128BitsMatchesRFC4231Case5() {
        let mac = HMACSHA256.authenticationCode(
            for: Array("Test With Truncation".utf8), key: [UInt8](repeating: 0x0c, count: 20))
        XCTAssertEqual(mac.prefix(16).lowercaseHex, "a3b6167473100ee06e0c796c2955552b")
    }

    func testCodesCompareEqualOnlyWhenEveryByteMatches() {
        let mac = HMACSHA256.authenticationCode(for: Array("body".utf8), key: Array("secret".utf8))
        XCTAssertTrue(HMACSHA256.isEqual(mac, mac))
        var changed = mac
        changed[31] ^= 1
        XCTAssertFalse(HMACSHA256.isEqual(mac, changed))
        XCTAssertFalse(HMACSHA256.isEqual(mac, Array(mac.prefix(16))))
    }
}
