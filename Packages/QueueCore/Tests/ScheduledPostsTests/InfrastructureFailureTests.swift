import Foundation
import PostgresClient
import QueueCore
import ScheduledPosts
import XCTest

/// Which failures are the infrastructure's (pure).
final class InfrastructureFailureTests: XCTestCase {
    func testUnreachableServicesAreInfrastructureAndThePostsOwnFailuresAreNot() {
        let infrastructure: [any Error] = [
            PostgresError(.connectionFailed, "down", operation: "query"),
            PostgresError(.connectionLost, "lost", operation: "query"),
            PostgresError(.timeout, "slow", operation: "query"),
            PostgresError(.poolExhausted, "busy", operation: "query"),
            PostgresError(.server, "starting", operation: "query", sqlState: "57P03"),
            PostgresError(.server, "gone", operation: "query", sqlState: "08006"),
            ScheduledPostsError(.publisherUnavailable, "503"),
        ]
        for error in infrastructure { XCTAssertTrue(InfrastructureFailure.isInfrastructure(error), "\(error)") }
        let own: [any Error] = [
            PostgresError(.server, "unique", operation: "query", sqlState: "23505"),
            ScheduledPostsError(.publishFailed, "422"),
            UnrecoverableError("bad"), CancellationError(),
        ]
        for error in own { XCTAssertFalse(InfrastructureFailure.isInfrastructure(error), "\(error)") }
    }
}
