import Foundation
import PrivateServices
import QueueCore
import XCTest

/// Our cron next run times against Python bullmq's, live: `Tests/python/cron_next.py` calls bullmq's own
/// `default_repeat_strategy` (croniter 2.0.7) for a table of patterns × zones × base times, stepping every
/// 15 minutes across the 2026 and 2027 offset changes, and every answer must be equal. Patterns bullmq
/// refuses we must refuse, and the other way round.
final class CronInteropTests: XCTestCase {
    static let patterns = [
        "* * * * *", "0 * * * *", "*/15 * * * *", "30 2 * * *", "0 2 * * *", "0 3 * * *", "30 1 * * *", "0 1 * * *",
        "45 0 * * *", "0 0 * * *", "15 2,3 * * *", "0 1-3 * * *", "0 */2 * * *", "0 9 * * 1-5", "0 9 * * mon-fri",
        "0 0 1 * *", "0 0 L * *", "0 0 5-L * *", "0 0 13 * 5", "0 0 * * 0", "0 0 * * 7", "0 0 * * fri-sun",
        "0 12 * * 5#2", "0 2 * * L0", "0 2 * * sun#1", "0 2 * * mon-fri#1", "0 0 29 2 *", "0 0 30 2 *",
        "0 0 15 * 1#2", "59 23 31 12 *", "0 0 * jan-mar *", "0 4 * 3,4,10,11 sun", "5/20 * * * *", "*,5 * * * *",
        "0 0 ? * 3", "@hourly", "@daily", "@weekly", "@monthly", "* * * * * *", "0 * * * * *", "30 30 2 * * *",
        "*/20 * 1-3 * * *", "0 0 0 * * 7", "0 0 0 0 * *", "0 0 0 * * 1-7", "0 0 * * 0,1,2,3,4,5,6#2",
        "0 0 * * *,1#2",
    ]

    /// Both sides refuse these.
    static let refused = [
        "61 * * * *", "0 24 * * *", "0 0 0 * *", "0 0 32 * *", "0 0 * 0 *", "0 0 * 13 *", "0 0 * * 8",
        "60 * * * * *", "0 0 0 * 0 *", "*/0 * * * *", "-5 * * * *", "5- * * * *", "1,,2 * * * *", "? * * * *",
        "0 0 ?? * *", "0 0 L-5 * *", "0 0 * mar-jan *", "0 0 * * 5L", "0 0 * * L", "0 0 * * 5#0", "0 0 * * 5#6",
        "0 0 * * 1-5#2", "0 0 * * 1#2,3", "0 0 * * jan#2", "H * * * *", "H/5 * * * *", "0 0 1 1 * 2027 *",
        "0 0 * *", "@reboot", " @hourly", "0 0 * * 5-00", "x * * * *", "1/2/3 * * * *",
    ]

    /// The zones and the offset changes of 2026 and 2027 (UTC instants) whose hours are stepped across.
    static let zones: [(name: String?, changes: [String])] = {
        let newYork = ["2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z", "2027-03-14T07:00:00Z", "2027-11-07T06:00:00Z"]
        let london = ["2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z", "2027-03-28T01:00:00Z", "2027-10-31T01:00:00Z"]
        let sydney = ["2026-04-04T16:00:00Z", "2026-10-03T16:00:00Z", "2027-04-03T16:00:00Z", "2027-10-02T16:00:00Z"]
        return [
            (nil, newYork + london), ("America/New_York", newYork), ("Europe/London", london),
            ("Australia/Sydney", sydney), ("Asia/Kolkata", newYork + london),
        ]
    }()

    /// Instants with milliseconds, spread over the two years, added to every zone's bases.
    static let spread: [Int64] = [
        1_767_225_600_000, 1_769_904_123_456, 1_775_001_599_999, 1_780_272_000_001, 1_785_542_399_500,
        1_790_812_800_250, 1_796_083_199_999, 1_798_761_600_000, 1_804_032_000_777, 1_809_302_400_123,
        1_814_572_799_001, 1_819_843_200_600,
    ]

    static func bases(around changes: [String]) throws -> [Int64] {
        let formatter = ISO8601DateFormatter()
        var bases = spread
        for change in changes {
            let instant = try XCTUnwrap(formatter.date(from: change), change)
            let milliseconds = Int64(instant.timeIntervalSince1970) * 1000
            for step in -16...16 { bases.append(milliseconds + Int64(step) * 15 * 60_000) }
        }
        return bases
    }

    private struct Case: Encodable {
        let pattern: String
        let tz: String?
        let bases: [Int64]

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(pattern, forKey: .pattern)
            try container.encode(tz, forKey: .tz)  // null, not absent, for no zone
            try container.encode(bases, forKey: .bases)
        }

        private enum CodingKeys: String, CodingKey { case pattern, tz, bases }
    }

    /// bullmq's answers, one per case: the next times (nil where there is none), or its refusal.
    private func bullmqAnswers(_ cases: [Case]) throws -> [(results: [Int64?]?, refused: String?)] {
        try PythonBullMQ.ensureVenv()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cron-cases-\(UUID()).json")
        try JSONEncoder().encode(cases).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let program = PythonBullMQ.repositoryRoot.appendingPathComponent("Tests/python/cron_next.py").path
        let run = try CommandRunner.run(PythonBullMQ.venvPython, [program, file.path], timeout: .seconds(600))
        XCTAssertEqual(run.status, 0, run.stderr)
        let decoded = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        let answers = try XCTUnwrap(decoded as? [[String: Any]], run.stdout.prefix(500) + run.stderr)
        XCTAssertEqual(answers.count, cases.count)
        return answers.map { answer in
            if let refused = answer["refused"] as? String { return (nil, refused) }
            let results = (answer["results"] as? [Any] ?? []).map { ($0 as? NSNumber)?.int64Value }
            return (results, nil)
        }
    }

    private static func iso(_ milliseconds: Int64?) -> String {
        guard let milliseconds else { return "none" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    func testNextRunTimesEqualBullMQs() throws {
        var cases: [Case] = []
        for zone in CronInteropTests.zones {
            let bases = try CronInteropTests.bases(around: zone.changes)
            cases += CronInteropTests.patterns.map { Case(pattern: $0, tz: zone.name, bases: bases) }
        }
        let answers = try bullmqAnswers(cases)
        var compared = 0
        var mismatches: [String] = []
        for (item, answer) in zip(cases, answers) {
            let timeZone = try XCTUnwrap(TimeZone(identifier: item.tz ?? "UTC"))
            guard let theirs = answer.results else {
                mismatches.append("'\(item.pattern)': bullmq refused it (\(answer.refused ?? "")), we accept it")
                continue
            }
            let pattern = try CronPattern(item.pattern)
            for (base, expected) in zip(item.bases, theirs) {
                compared += 1
                let ours = pattern.nextFireTime(after: base, timeZone: timeZone)
                if ours != expected {
                    mismatches.append(
                        "'\(item.pattern)' tz \(item.tz ?? "none") base \(CronInteropTests.iso(base)) (\(base)): "
                            + "ours \(CronInteropTests.iso(ours)), bullmq \(CronInteropTests.iso(expected))")
                }
            }
        }
        XCTAssertGreaterThan(compared, 40_000, "the table shrank")
        XCTAssertTrue(
            mismatches.isEmpty,
            "\(mismatches.count) of \(compared) differ; first ones:\n" + mismatches.prefix(20).joined(separator: "\n"))
    }

    func testPatternsBullMQRefusesAreRefused() throws {
        let cases = CronInteropTests.refused.map { Case(pattern: $0, tz: nil, bases: [1_780_272_000_000]) }
        let answers = try bullmqAnswers(cases)
        for (item, answer) in zip(cases, answers) {
            XCTAssertNotNil(answer.refused, "bullmq accepts '\(item.pattern)': move it to the compared table")
            XCTAssertThrowsError(try CronPattern(item.pattern), "we accept '\(item.pattern)'")
        }
    }

    /// croniter accepts `R` (a random value drawn at each computation); we refuse it on purpose.
    func testRandomValuesAreTheOneDeliberateRefusal() throws {
        let answers = try bullmqAnswers([Case(pattern: "R * * * *", tz: nil, bases: [1_780_272_000_000])])
        XCTAssertNil(answers.first?.refused, "bullmq now refuses R: CronPattern's doc and README should say so")
        XCTAssertThrowsError(try CronPattern("R * * * *")) { error in
            XCTAssertEqual((error as? CronPatternError)?.field, .minute)
        }
    }
}
