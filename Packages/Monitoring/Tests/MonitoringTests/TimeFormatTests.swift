import AIModelCache
import Foundation
import XCTest

@testable import Monitoring

/// One time format for instants in the JSON API: ISO 8601 UTC with milliseconds under names without a unit;
/// fields ending `Ms` hold durations only.
final class TimeFormatTests: XCTestCase {
    private let instantMs: Int64 = 1_763_603_817_776
    private let instantText = "2025-11-20T01:56:57.776Z"

    func testTheTimestampHelpersRoundTripAndReadOffsetsAndWholeSeconds() {
        XCTAssertEqual(MonitoringJSON.timestamp(milliseconds: instantMs), instantText)
        XCTAssertEqual(MonitoringJSON.timestamp(Date(timeIntervalSince1970: 1_763_603_817.776)), instantText)
        XCTAssertEqual(MonitoringJSON.milliseconds(fromTimestamp: instantText), instantMs)
        XCTAssertEqual(MonitoringJSON.milliseconds(fromTimestamp: "2025-11-20T02:56:57.776+01:00"), instantMs)
        XCTAssertEqual(MonitoringJSON.milliseconds(fromTimestamp: "2025-11-20T01:56:57Z"), instantMs - 776)
        for bad in ["", "1763603817776", "2025-11-20", "2025-11-20T01:56:57.776", "yesterday"] {
            XCTAssertNil(MonitoringJSON.milliseconds(fromTimestamp: bad), bad)
        }
    }

    func testADateInABodyIsEncodedAsAnIsoTimestampNotSecondsSince2001() throws {
        struct Body: Encodable { let at: Date }
        let object = try json(Body(at: Date(timeIntervalSince1970: 1_763_603_817.776)))
        XCTAssertEqual(object["at"] as? String, instantText)
    }

    func testEvictionsInTheReportAndTheTelemetryAreInstantsWhateverTheCoder() throws {
        let record = EvictionRecord(
            userId: "u1", modelType: "social", reason: .lru, idleTimeMs: 12.5,
            timestamp: Date(timeIntervalSince1970: 1_763_603_817.776))
        let memory = ProcessMemory(heapUsedMB: 1, residentMB: 2)
        let input = AIModelsInput(
            social: .fixture(current: 0, max: 1, hits: 0, misses: 0, loads: 0, memory: memory),
            advertising: .fixture(
                name: "advertising", current: 0, max: 1, hits: 0, misses: 0, loads: 0, memory: memory),
            memory: memory, recentEvictions: [record])
        let report = AIModelsReport(input: input, alerts: [], nowMs: instantMs)
        for data in [try JSONEncoder().encode(report), try MonitoringJSON.makeEncoder().encode(report)] {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
            let eviction = try XCTUnwrap((object["recentEvictions"] as? [[String: Any]])?.first)
            XCTAssertEqual(eviction["timestamp"] as? String, instantText)
            XCTAssertEqual(eviction["idleTimeMs"] as? Double, 12.5)
            let decoded = try JSONDecoder().decode(AIModelsReport.self, from: data)
            XCTAssertEqual(decoded.recentEvictions.first?.userId, "u1")
            XCTAssertEqual(
                try XCTUnwrap(decoded.recentEvictions.first).timestamp.timeIntervalSince1970, 1_763_603_817.776,
                accuracy: 0.0005)
        }
        let published = try JSONDecoder().decode(AIModelsInput.self, from: JSONEncoder().encode(input))
        XCTAssertEqual(
            try XCTUnwrap(published.recentEvictions.first).timestamp.timeIntervalSince1970, 1_763_603_817.776,
            accuracy: 0.0005)
        // What processes of an earlier version published (JSONEncoder's default for the Date) still reads.
        let legacy =
            #"{"userId":"u1","modelType":"social","reason":"lru","idleTimeMs":12.5,"timestamp":"#
            + "\(record.timestamp.timeIntervalSinceReferenceDate)}"
        let legacyRecord = try JSONDecoder().decode(EvictionJSON.self, from: Data(legacy.utf8)).record
        XCTAssertEqual(legacyRecord, record)
    }

    func testATimeThatIsNotIso8601IsRefusedNamingTheForm() {
        let body = #"{"userId":"u","modelType":"social","reason":"lru","idleTimeMs":1,"timestamp":"yesterday"}"#
        XCTAssertThrowsError(try JSONDecoder().decode(EvictionJSON.self, from: Data(body.utf8))) {
            XCTAssertTrue("\($0)".contains("ISO 8601"), "\($0)")
        }
    }

    func testAnAlertSaysSinceAsAnInstantAndReadsItBack() throws {
        let alert = Alert(
            alert: .maxWaitingJobs, subject: "email", severity: .warning, value: 3, threshold: 2, message: "m",
            sinceMs: instantMs)
        let object = try json(alert)
        XCTAssertEqual(object["since"] as? String, instantText)
        XCTAssertNil(object["sinceMs"])
        XCTAssertEqual(object["state"] as? String, "firing")
        XCTAssertEqual(object["stateChangedAt"] as? String, instantText)
        var unknown = alert
        unknown.state = .unknown
        unknown.stateChangedAtMs = instantMs + 1
        XCTAssertEqual(
            try JSONDecoder().decode(Alert.self, from: MonitoringJSON.makeEncoder().encode(unknown)), unknown)
        let older =
            #"{"alert":"maxWaitingJobs","subject":"email","severity":"warning","value":3,"threshold":2,"#
            + #""message":"m","since":"\#(instantText)"}"#
        XCTAssertEqual(try JSONDecoder().decode(Alert.self, from: Data(older.utf8)), alert, "without state: firing")
        XCTAssertEqual(try JSONDecoder().decode(Alert.self, from: MonitoringJSON.makeEncoder().encode(alert)), alert)
        let bad =
            #"{"alert":"maxWaitingJobs","subject":"e","severity":"warning","value":1,"threshold":0,"#
            + #""message":"m","since":1763603817776}"#
        XCTAssertThrowsError(try JSONDecoder().decode(Alert.self, from: Data(bad.utf8)))
    }

    func testASampleItsWindowAndAHistorySummaryUseInstantsNotEpochMilliseconds() throws {
        let samples = [
            Fixtures.sample(at: instantMs - 1000, completed: 1, failed: 0),
            Fixtures.sample(at: instantMs, completed: 3, failed: 1),
        ]
        let sample = try json(samples[1])
        XCTAssertEqual(sample["timestamp"] as? String, instantText)
        XCTAssertNil(sample["timestampMs"])
        let window = try XCTUnwrap(sample["window"] as? [String: Any])
        XCTAssertEqual(window["start"] as? String, "2025-11-20T01:55:57.776Z")
        XCTAssertEqual(window["end"] as? String, instantText)
        XCTAssertNil(window["startMs"])
        XCTAssertNil(window["endMs"])
        XCTAssertEqual(
            try JSONDecoder().decode(QueueSample.self, from: MonitoringJSON.makeEncoder().encode(samples[1])),
            samples[1])

        let summary = HistorySummary(samples)
        let summaryObject = try json(summary)
        XCTAssertEqual(summaryObject["from"] as? String, "2025-11-20T01:56:56.776Z")
        XCTAssertEqual(summaryObject["to"] as? String, instantText)
        XCTAssertNil(summaryObject["fromMs"])
        XCTAssertEqual(
            try JSONDecoder().decode(HistorySummary.self, from: MonitoringJSON.makeEncoder().encode(summary)), summary)
        let empty = try json(HistorySummary([]))
        XCTAssertNil(empty["from"])
        XCTAssertEqual(try JSONDecoder().decode(HistorySummary.self, from: Data(#"{"samples":0}"#.utf8)).samples, 0)
    }

    private func json(_ value: some Encodable) throws -> [String: Any] {
        try XCTUnwrap(
            JSONSerialization.jsonObject(with: MonitoringJSON.makeEncoder().encode(value)) as? [String: Any])
    }
}
