import XCTest

@testable import HTTPServe

final class ResponseSerializerTests: XCTestCase {
    private func text(_ response: Response, _ context: ResponseSerializer.Context = .init()) -> String {
        String(decoding: ResponseSerializer.serialize(response, context: context), as: UTF8.self)
    }

    func testFramingFieldsAreOursNotTheHandlers() {
        let response = Response(
            status: 200,
            headers: ["Content-Length": "999", "Transfer-Encoding": "chunked", "Connection": "keep-alive"],
            body: Array("hi".utf8))
        let output = text(response, .init(close: true))
        XCTAssertTrue(output.hasPrefix("HTTP/1.1 200 OK\r\n"))
        XCTAssertTrue(output.contains("Content-Length: 2\r\n"))
        XCTAssertFalse(output.contains("999"))
        XCTAssertFalse(output.contains("chunked"))
        XCTAssertTrue(output.contains("Connection: close\r\n"))
        XCTAssertTrue(output.hasSuffix("\r\n\r\nhi"))
        XCTAssertNotNil(
            output.range(
                of: #"Date: [A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT\r\n"#,
                options: .regularExpression))
    }

    func testHeaderValuesWithLineBreaksAreDropped() {
        let response = Response(headers: ["X-Echo": "a\r\nSet-Cookie: evil=1", "X-Ok": "fine"])
        let output = text(response)
        XCTAssertFalse(output.contains("evil"))
        XCTAssertTrue(output.contains("X-Ok: fine\r\n"))
    }

    func testHeadGetsTheLengthButNoBody() {
        let output = text(Response(body: Array("hello".utf8)), .init(isHead: true))
        XCTAssertTrue(output.contains("Content-Length: 5\r\n"))
        XCTAssertTrue(output.hasSuffix("\r\n\r\n"))
    }

    func testNoContentHasNoLengthOrBody() {
        let output = text(Response(status: 204, body: Array("x".utf8)))
        XCTAssertFalse(output.contains("Content-Length"))
        XCTAssertTrue(output.hasSuffix("\r\n\r\n"))
    }

    func testErrorBodiesAreEscapedJSON() throws {
        let response = Response.error(status: 400, message: "bad \"quote\" \\ and\nnewline\u{1}")
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: [String: String]]
        XCTAssertEqual(object?["error"]?["code"], "bad_request")
        XCTAssertEqual(object?["error"]?["message"], "bad \"quote\" \\ and\nnewline\u{1}")
    }

    func testDateIsIMFFixdate() {
        XCTAssertEqual(HTTPDate.format(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    func testHTTP10KeepAliveIsAnnounced() {
        XCTAssertTrue(text(Response(), .init(http10KeepAlive: true)).contains("Connection: keep-alive\r\n"))
    }
}
