import Foundation
import XCTest

@testable import Monitoring

/// Percentiles, baseline documents and the comparison's verdicts and exit codes, in memory.
final class BaselineComparisonTests: XCTestCase {
    private func document(_ figures: [String: BaselineFigure]) -> BaselineDocument {
        BaselineDocument(
            capturedAt: 1_764_000_000_000, durationMs: 2000,
            source: .init(api: "http://127.0.0.1:5000", redis: "127.0.0.1:6379", prefix: "bull"), figures: figures)
    }

    private func figure(count: Int = 100, from low: Double = 1) -> BaselineFigure {
        BaselineFigure(samples: (0..<count).map { low + Double($0) })
    }

    func testPercentilesAreNearestRankValuesOfTheSample() {
        let values = Percentiles((1...100).map(Double.init).shuffled())
        XCTAssertEqual(values.value(at: 0.5), 50)
        XCTAssertEqual(values.value(at: 0.95), 95)
        XCTAssertEqual(values.value(at: 0.99), 99)
        XCTAssertEqual(values.value(at: 1), 100)
        XCTAssertEqual(values.value(at: 0), 1)
        XCTAssertEqual(Percentiles([7]).value(at: 0.99), 7)
        XCTAssertEqual(Percentiles([1, 2, 3]).value(at: 0.5), 2)
        XCTAssertNil(Percentiles([]).value(at: 0.5))
    }

    func testFigureWithoutSamplesHasCountZeroAndNoPercentiles() {
        let empty = BaselineFigure(samples: [])
        XCTAssertEqual(empty.count, 0)
        XCTAssertNil(empty.p95Ms)
        XCTAssertNil(BaselineFigure(count: 0, meanMs: 3, p95Ms: 4).p95Ms)
        XCTAssertEqual(BaselineFigure(count: 5, meanMs: 3, p95Ms: 4).p95Ms, 4)
    }

    func testComparingADocumentWithItselfIsWithinAndExitsZero() {
        let baseline = document(["redis/ping": figure(), "queue/q/wait": figure(count: 5)])
        let comparison = BaselineComparison(baseline: baseline, current: baseline, tolerancePercent: 20)
        XCTAssertEqual(comparison.rows.map(\.verdict), [.within, .within])
        XCTAssertEqual(comparison.rows.first?.p95DeltaPercent, 0)
        XCTAssertEqual(comparison.exitCode, 0)
    }

    func testSlowerBeyondToleranceIsWorseAndBeyondTwiceIsFarWorse() {
        let baseline = document(["api/metrics": figure(from: 10)])
        let slower = document(["api/metrics": figure(from: 10).scaled(by: 1.3)])
        XCTAssertEqual(BaselineComparison(baseline: baseline, current: slower, tolerancePercent: 20).verdict, .worse)
        XCTAssertEqual(BaselineComparison(baseline: baseline, current: slower, tolerancePercent: 20).exitCode, 1)
        let muchSlower = document(["api/metrics": figure(from: 10).scaled(by: 3)])
        let far = BaselineComparison(baseline: baseline, current: muchSlower, tolerancePercent: 20)
        XCTAssertEqual(far.verdict, .farWorse)
        XCTAssertEqual(far.exitCode, 2)
        XCTAssertEqual(far.rows[0].p95DeltaPercent ?? 0, 200, accuracy: 1e-9)
    }

    func testFasterIsNeverWorse() {
        let baseline = document(["api/metrics": figure(from: 10)])
        let faster = document(["api/metrics": figure(from: 10).scaled(by: 0.2)])
        XCTAssertEqual(BaselineComparison(baseline: baseline, current: faster, tolerancePercent: 20).exitCode, 0)
    }

    func testAFigureMissingNowIsCriticalAndOneEmptyOnBothSidesIsSkipped() {
        let baseline = document(["queue/q/wait": figure(), "queue/r/wait": BaselineFigure(samples: [])])
        let current = document(["queue/r/wait": BaselineFigure(samples: []), "queue/s/wait": figure()])
        let comparison = BaselineComparison(baseline: baseline, current: current, tolerancePercent: 20)
        XCTAssertEqual(comparison.rows.map(\.name), ["queue/q/wait", "queue/r/wait", "queue/s/wait"])
        XCTAssertEqual(comparison.rows.map(\.verdict), [.missing, .skipped, .new])
        XCTAssertEqual(comparison.exitCode, 2)
        let mixed = BaselineComparison(
            baseline: document(["a": figure(), "b": BaselineFigure(samples: [])]),
            current: document(["a": figure(), "b": BaselineFigure(samples: [])]), tolerancePercent: 20)
        XCTAssertEqual(mixed.verdict, .within, "within and skipped figures: within overall")
        let emptied = document(["queue/q/wait": BaselineFigure(samples: [])])
        XCTAssertEqual(
            BaselineComparison(baseline: baseline, current: emptied, tolerancePercent: 20).rows[0].verdict, .missing)
    }

    func testP99DecidesOnlyWithEnoughSamplesOnBothSides() {
        // The p95 is the same; only the largest sample (the p99 of a small sample) is much slower.
        let few = (1...10).map(Double.init)
        let fewSlowTail = few.dropLast() + [100]
        let small = BaselineComparison(
            baseline: document(["f": BaselineFigure(samples: few)]),
            current: document(["f": BaselineFigure(samples: Array(fewSlowTail))]), tolerancePercent: 20)
        XCTAssertFalse(small.rows[0].p99Decides)
        XCTAssertEqual(small.rows[0].p95DeltaPercent, 900)  // p95 of ten samples is the tenth: here it does decide
        let many = (1...200).map(Double.init)
        var manySlowTail = many
        for index in manySlowTail.count - 3..<manySlowTail.count { manySlowTail[index] = 1000 }
        let large = BaselineComparison(
            baseline: document(["f": BaselineFigure(samples: many)]),
            current: document(["f": BaselineFigure(samples: manySlowTail)]), tolerancePercent: 20)
        XCTAssertTrue(large.rows[0].p99Decides)
        XCTAssertEqual(large.rows[0].p95DeltaPercent, 0)
        XCTAssertEqual(large.rows[0].verdict, .farWorse)
    }

    func testDeltasBelowOneMillisecondAreTakenRelativeToOneMillisecond() {
        let baseline = document(["redis/ping": BaselineFigure(samples: [0.1])])
        let current = document(["redis/ping": BaselineFigure(samples: [0.3])])
        let comparison = BaselineComparison(baseline: baseline, current: current, tolerancePercent: 50)
        XCTAssertEqual(comparison.rows[0].p95DeltaPercent ?? 0, 20, accuracy: 1e-9)
        XCTAssertEqual(comparison.exitCode, 0)
    }

    func testDocumentRoundTripsThroughJSONWithItsSchemaVersion() throws {
        let original = document([
            "redis/ping": figure(), "modelLoad/social": BaselineFigure(count: 3, meanMs: 2, p95Ms: 5),
        ])
        let data = try original.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"schemaVersion\" : 1"), text)
        XCTAssertTrue(text.contains("\"capturedAt\" : \"2025-11-24T"), text)
        XCTAssertEqual(try BaselineDocument.decode(data, origin: "test"), original)
    }

    func testDocumentOfAnotherSchemaVersionIsRefusedWithItsVersionNamed() throws {
        var object = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: document([:]).jsonData()) as? [String: Any])
        object["schemaVersion"] = 2
        let data = try JSONSerialization.data(withJSONObject: object)
        XCTAssertThrowsError(try BaselineDocument.decode(data, origin: "old.json")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("old.json has schemaVersion 2"), text)
            XCTAssertTrue(text.contains("maxctl baseline capture"), text)
        }
        XCTAssertThrowsError(try BaselineDocument.decode(Data("[1]".utf8), origin: "list.json")) { error in
            XCTAssertTrue("\(error)".contains("list.json is not a baseline document"), "\(error)")
        }
        XCTAssertThrowsError(try BaselineDocument.decode(Data("{}".utf8), origin: "empty.json")) { error in
            XCTAssertTrue("\(error)".contains("empty.json has no schemaVersion"), "\(error)")
        }
    }

    func testJobTimingsComeFromBullMQTimestampsAndDelay() {
        var samples = BaselineSamples()
        samples.declare("queue/idle/wait")
        samples.addJob(queue: "q", readyAt: 1000, processedOn: 1010, finishedOn: 1050)
        samples.addJob(queue: "q", readyAt: 2000, processedOn: nil, finishedOn: 2005)
        samples.addJob(queue: "q", readyAt: 3000, processedOn: 3001, finishedOn: nil)
        let figures = samples.figures
        XCTAssertEqual(figures["queue/q/wait"]?.count, 1)
        XCTAssertEqual(figures["queue/q/wait"]?.p50Ms, 10)
        XCTAssertEqual(figures["queue/q/processing"]?.p50Ms, 40)
        XCTAssertEqual(figures["queue/q/endToEnd"]?.count, 2)
        XCTAssertEqual(figures["queue/q/endToEnd"]?.maxMs, 50)
        XCTAssertEqual(figures["queue/idle/wait"]?.count, 0)
    }
}
