import Essentials
import XCTest

/// Codes of a made-up error type, as a package declares its own.
private enum SampleCode: String, ErrorCode {
    case first, second
    static let errorType = "SampleError"
}

private typealias SampleError = CodedError<SampleCode>

final class CodedErrorTests: XCTestCase {
    func testDescriptionNamesTypeCodeAndMessage() {
        XCTAssertEqual(SampleError(.second, "do this").description, "SampleError.second: do this")
        XCTAssertEqual(SampleCode.first.description, "first")
    }

    func testCodeAndMessageAreComparedAndCaught() {
        XCTAssertEqual(SampleError(.first, "a"), SampleError(.first, "a"))
        XCTAssertNotEqual(SampleError(.first, "a"), SampleError(.second, "a"))
        do {
            throw SampleError(.first, "a")
        } catch let error as SampleError {
            XCTAssertEqual(error.code, SampleError.Code.first)
            XCTAssertEqual(error.message, "a")
        } catch {
            XCTFail("not caught as SampleError: \(error)")
        }
    }
}
