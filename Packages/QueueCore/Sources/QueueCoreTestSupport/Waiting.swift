import XCTest

/// Polls `condition` every `interval` until it holds or `timeout` passes; returns whether it held. The
/// condition is checked once more at the deadline, so a slow last step still counts.
public func eventually(
    timeout: Duration = .seconds(15), interval: Duration = .milliseconds(20), _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return try await condition()
}

/// Like `eventually`, and fails the calling test naming `description` when the condition never held.
@discardableResult
public func expectEventually(
    _ description: String, timeout: Duration = .seconds(15), interval: Duration = .milliseconds(20),
    file: StaticString = #filePath, line: UInt = #line, _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let held = try await eventually(timeout: timeout, interval: interval, condition)
    if !held { XCTFail("timed out after \(timeout) waiting until \(description)", file: file, line: line) }
    return held
}

/// Like `expectEventually`, and also throws (a `CancellationError`) on timeout, so the test stops there
/// instead of running on against a state it did not reach.
public func waitUntil(
    _ description: String, timeout: Duration = .seconds(15), interval: Duration = .milliseconds(20),
    file: StaticString = #filePath, line: UInt = #line, _ condition: () async throws -> Bool
) async throws {
    guard
        try await expectEventually(
            description, timeout: timeout, interval: interval, file: file, line: line, condition)
    else { throw CancellationError() }
}
