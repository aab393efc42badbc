import XCTest

@testable import Chaos

final class DeliveryScheduleTests: XCTestCase {
    func testLatencyDelaysEveryChunkAndKeepsOrderUnderJitter() {
        var schedule = DeliverySchedule()
        let fault = Fault.latency(.milliseconds(100), jitter: .milliseconds(50))
        let first = schedule.due(size: 10, now: 0, fault: fault, random: 0.99)  // +~150 ms
        let second = schedule.due(size: 10, now: 1_000_000, fault: fault, random: 0)  // +~50 ms, must not overtake
        XCTAssertEqual(Double(first), 149_000_000, accuracy: 1_000_000)
        XCTAssertGreaterThanOrEqual(second, first)
    }

    func testBandwidthPacesChunksBackToBack() {
        var schedule = DeliverySchedule()
        let fault = Fault.bandwidth(bytesPerSecond: 1_000)
        XCTAssertEqual(schedule.due(size: 500, now: 0, fault: fault, random: 0), 500_000_000)
        XCTAssertEqual(schedule.due(size: 500, now: 0, fault: fault, random: 0), 1_000_000_000)
        XCTAssertEqual(schedule.due(size: 100, now: 3_000_000_000, fault: fault, random: 0), 3_100_000_000)
    }

    func testNoFaultDeliversAtOnce() {
        var schedule = DeliverySchedule()
        XCTAssertEqual(schedule.due(size: 1, now: 42, fault: .none, random: 0.5), 42)
    }
}
