import QueueCore
import XCTest

final class JobOptionsTests: XCTestCase {
    func testLenientParsingAcceptsEscapedSlashesExponentsAndShortKeys() throws {
        let text = #"{"jobId":"a\/b","timestamp":1.7959252688360e+12,"attempts":3,"de":{"id":"x"},"fpof":true,"kl":5}"#
        let options = try JobOptions(json: text)
        XCTAssertEqual(options.jobId, "a/b")
        XCTAssertEqual(options.timestamp, 1_795_925_268_836)
        XCTAssertEqual(options.attempts, 3)
        XCTAssertEqual(options.deduplication, Deduplication(id: "x"))
        XCTAssertNil(options.other["de"])
        XCTAssertEqual(options.other["fpof"], .bool(true))
        XCTAssertEqual(options.keepLogs, 5, "`kl` is BullMQ's keepLogs")
        XCTAssertNil(options.other["kl"])
    }

    func testDeduplicationIsStoredAsBullMQsDeAndReadBack() throws {
        let options = JobOptions(deduplication: Deduplication(id: "post-7", ttl: 5000, extend: true, replace: true))
        XCTAssertEqual(
            options.json, #"{"attempts":0,"de":{"extend":true,"id":"post-7","replace":true,"ttl":5000},"delay":0}"#)
        XCTAssertEqual(try JobOptions(json: options.json), options)
        let kept = JobOptions(deduplication: Deduplication(id: "a", keepLastIfActive: true))
        XCTAssertEqual(try JobOptions(json: kept.json).deduplication?.keepLastIfActive, true)
    }

    func testBadDeduplicationIsRefusedNamingTheField() {
        let cases: [(Deduplication, String)] = [
            (Deduplication(id: ""), "deduplication.id must not be empty"),
            (Deduplication(id: String(repeating: "x", count: 513)), "deduplication.id is 513 bytes long"),
            (Deduplication(id: "a", ttl: -1), "deduplication.ttl must be >= 0 ms"),
        ]
        for (deduplication, message) in cases {
            XCTAssertThrowsError(try JobOptions(deduplication: deduplication).validate()) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)")
            }
        }
    }

    func testUnknownKeysSurviveARoundTrip() throws {
        let options = try JobOptions(json: #"{"attempts":2,"somethingNew":{"a":[1,"b",null]}}"#)
        let again = try JobOptions(json: options.json)
        XCTAssertEqual(again, options)
        XCTAssertTrue(options.json.contains(#""somethingNew":{"a":[1,"b",null]}"#))
    }

    func testStoredOptionsAlwaysCarryAttemptsAndDelayLikePythonBullMQ() {
        XCTAssertEqual(JobOptions().json, #"{"attempts":0,"delay":0}"#)
        let options = JobOptions(
            delay: 5, priority: 3, attempts: 4, backoff: .exponential(100), lifo: true, removeOnComplete: KeepJobs.none)
        XCTAssertEqual(
            options.json,
            #"{"attempts":4,"backoff":{"delay":100,"type":"exponential"},"delay":5,"lifo":true,"priority":3,"removeOnComplete":true}"#
        )
    }

    func testValidationRejectsOutOfRangePriorityAndBadCustomIds() {
        XCTAssertThrowsError(try JobOptions(priority: 2_097_152).validate())
        XCTAssertThrowsError(try JobOptions(delay: -1).validate())
        XCTAssertThrowsError(try JobOptions(jobId: "42").validate())
        XCTAssertThrowsError(try JobOptions(jobId: "0:abc").validate())
        XCTAssertThrowsError(try JobOptions(jobId: "post:42").validate())
        XCTAssertNoThrow(try JobOptions(jobId: "post-42-v1").validate())
        XCTAssertNoThrow(try JobOptions(jobId: "a:b:c").validate())
    }

    func testDefaultsFillOnlyWhatTheJobLeavesUnset() {
        let merged = JobOptions(attempts: 5).merged(
            over: JobOptions(attempts: 2, backoff: .fixed(10), removeOnFail: .last(3)))
        XCTAssertEqual(merged.attempts, 5)
        XCTAssertEqual(merged.backoff, .fixed(10))
        XCTAssertEqual(merged.removeOnFail, .last(3))
    }
}
