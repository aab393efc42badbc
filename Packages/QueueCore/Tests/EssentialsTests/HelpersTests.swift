import Essentials
import XCTest

final class HelpersTests: XCTestCase {
    func testMilliseconds() {
        let duration = Duration.milliseconds(1500) + .nanoseconds(400_000)
        XCTAssertEqual(duration.wholeMilliseconds, 1500)
        XCTAssertEqual(duration.wholeMillisecondsRoundedUp, 1501)
        XCTAssertEqual(Duration.seconds(2).wholeMillisecondsRoundedUp, 2000)
        XCTAssertEqual(duration.fractionalMilliseconds, 1500.4, accuracy: 1e-9)
    }

    func testJSONQuoting() {
        XCTAssertEqual(JSONString.quoted("a\"b\\c\n\r\t/\u{1}é"), "\"a\\\"b\\\\c\\n\\r\\t/\\u0001é\"")
    }

    func testEncoderSortsKeysAndKeepsSlashes() throws {
        XCTAssertEqual(try JSONCoding.string(["b": "x/y", "a": "1"]), #"{"a":"1","b":"x/y"}"#)
    }

    func testPercentDecoding() {
        XCTAssertEqual(PercentEscapes.decoded("p%40ss%2Fw+rd"), "p@ss/w+rd")
        XCTAssertEqual(PercentEscapes.decoded("plain"), "plain")
        XCTAssertNil(PercentEscapes.decoded("bad%2"))
        XCTAssertNil(PercentEscapes.decoded("bad%zz"))
        XCTAssertNil(PercentEscapes.decoded("%ff"))
    }

    func testPercentEncodingKeepsOnlyUnreservedBytes() {
        XCTAssertEqual(PercentEscapes.encoded("user-1_a.b~c"), "user-1_a.b~c")
        XCTAssertEqual(PercentEscapes.encoded("a b/c?d=e&f+g:h"), "a%20b%2Fc%3Fd%3De%26f%2Bg%3Ah")
        XCTAssertEqual(PercentEscapes.encoded("é<"), "%C3%A9%3C")
        for text in ["2026-12-06T04:00:00+02:00", "<img src=x>", "ü ß/%"] {
            XCTAssertEqual(PercentEscapes.decoded(PercentEscapes.encoded(text)), text)
        }
    }
}
