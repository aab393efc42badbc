import Foundation
import ScheduledPosts
import XCTest

/// Input validation and job ids: pure logic, no servers.
final class ValidationTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)
    private var valid: NewPost {
        NewPost(userID: "user-1", platform: "instagram", content: "hello", scheduledAt: now.addingTimeInterval(60))
    }

    private func assertInvalid(_ post: NewPost, field: String, mentions fragment: String, line: UInt = #line) {
        XCTAssertThrowsError(try post.validate(now: now), line: line) { error in
            let error = error as? ScheduledPostsError
            XCTAssertEqual(error?.code, .invalidPost, line: line)
            XCTAssertEqual(error?.field, field, line: line)
            XCTAssertTrue(error?.message.contains(fragment) ?? false, error?.message ?? "", line: line)
            XCTAssertTrue(error?.description.contains("(\(field))") ?? false, line: line)
        }
    }

    func testValidationErrorsNameTheFieldAndSayWhatIsExpected() {
        XCTAssertNoThrow(try valid.validate(now: now))
        var post = valid
        post.userID = "  "
        assertInvalid(post, field: "userId", mentions: "not blank")
        post = valid
        post.userID = String(repeating: "u", count: 129)
        assertInvalid(post, field: "userId", mentions: "1…128")
        for platform in ["", "Instagram", "x y", String(repeating: "p", count: 33)] {
            post = valid
            post.platform = platform
            assertInvalid(post, field: "platform", mentions: "lowercase")
        }
        for content in ["", " \n", String(repeating: "c", count: 10_001), "a\0b"] {
            post = valid
            post.content = content
            assertInvalid(post, field: "content", mentions: "10000")
        }
        post = valid
        post.scheduledAt = now.addingTimeInterval(-30)
        XCTAssertNoThrow(try post.validate(now: now), "a post for 'now' sent 30 s late is accepted")
        post.scheduledAt = now.addingTimeInterval(-61)
        assertInvalid(post, field: "scheduledAt", mentions: "must not be in the past")
    }

    func testTheSecretContentNeverAppearsInAnError() {
        var post = valid
        post.platform = "BAD"
        post.content = "secret launch plans"
        XCTAssertThrowsError(try post.validate(now: now)) { XCTAssertFalse("\($0)".contains("secret")) }
    }

    func testJobIdsRoundTripAndOtherIdsAreNotPostJobs() {
        XCTAssertEqual(PostJobID.make(postID: 42, version: 3), "post-42-v3")
        XCTAssertEqual(PostJobID.parse("post-42-v3")?.postID, 42)
        XCTAssertEqual(PostJobID.parse("post-42-v3")?.version, 3)
        for other in ["post-42", "post-x-v1", "post-1-v0", "post-1-3", "42", "post-1-v1-x", "post--1-v1"] {
            XCTAssertNil(PostJobID.parse(other), other)
        }
    }

    func testSchedulerConfigurationRejectsImpossibleValues() {
        XCTAssertNoThrow(try PostScheduler.Configuration().validate())
        for configuration in [
            PostScheduler.Configuration(queueName: ""), PostScheduler.Configuration(attempts: 0),
            PostScheduler.Configuration(initialBackoff: .zero),
            PostScheduler.Configuration(initialBackoff: .seconds(7200)),
        ] {
            XCTAssertThrowsError(try configuration.validate()) {
                XCTAssertEqual(($0 as? ScheduledPostsError)?.code, .invalidConfiguration)
            }
        }
    }
}

/// The posts API body: every bad input names its field.
final class NewPostJSONTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z

    private func decode(_ text: String) throws -> NewPost { try NewPost(json: Array(text.utf8), now: now) }

    private func assertField(_ text: String, _ field: String, _ fragment: String, line: UInt = #line) {
        XCTAssertThrowsError(try decode(text), line: line) { error in
            let error = error as? ScheduledPostsError
            XCTAssertEqual(error?.code, .invalidPost, line: line)
            XCTAssertEqual(error?.field, field, line: line)
            XCTAssertTrue(error?.message.contains(fragment) ?? false, error?.message ?? "", line: line)
        }
    }

    func testAValidBodyWithAnOffsetDecodesToTheSameInstant() throws {
        let post = try decode(
            #"{"userId":"user-1","platform":"instagram","content":"hi","scheduledAt":"2027-01-15T11:00:00.5+02:00"}"#)
        XCTAssertEqual(post.userID, "user-1")
        XCTAssertEqual(post.scheduledAt, now.addingTimeInterval(3600.5))
    }

    func testBadJSONMissingFieldsWrongTypesAndBadDatesNameTheField() {
        assertField("not json", "body", "JSON object")
        assertField("[1]", "body", "JSON object")
        assertField(#"{"platform":"x","content":"c","scheduledAt":"2030-01-01T00:00:00Z"}"#, "userId", "required")
        assertField(#"{"userId":"u","content":"c","scheduledAt":"2030-01-01T00:00:00Z"}"#, "platform", "required")
        assertField(#"{"userId":"u","platform":"x","scheduledAt":"2030-01-01T00:00:00Z"}"#, "content", "required")
        assertField(#"{"userId":"u","platform":"x","content":"c"}"#, "scheduledAt", "required")
        assertField(
            #"{"userId":7,"platform":"x","content":"c","scheduledAt":"2030-01-01T00:00:00Z"}"#, "userId", "string")
        assertField(
            #"{"userId":"u","platform":"x","content":"c","scheduledAt":"2030-01-01T00:00:00"}"#, "scheduledAt", "offset"
        )
        assertField(#"{"userId":"u","platform":"x","content":"c","scheduledAt":"tomorrow"}"#, "scheduledAt", "ISO 8601")
        assertField(
            #"{"userId":"u","platform":"x","content":"c","scheduledAt":"2020-01-01T00:00:00Z"}"#, "scheduledAt", "past")
        assertField(
            #"{"userId":"u","platform":"X!","content":"c","scheduledAt":"2030-01-01T00:00:00Z"}"#, "platform",
            "lowercase")
    }
}
