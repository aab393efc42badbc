import Foundation
import XCTest

@testable import Autopilot

final class SocialEngagementModelTests: XCTestCase {
    func testPredictionForASeededUserMatchesTheBestHourOfItsHistory() throws {
        let dimension = SocialEngagementModel.dimension(sizeKB: 16)
        var peaks = Set<Int>()
        for user in ["user-1", "user-2", "user-3", "user-4", "user-5", "artist-42"] {
            let history = EngagementHistory.generate(userID: user, dimension: dimension, seed: 7)
            let model = try SocialEngagementModel.fit(userID: user, history: history, dimension: dimension)
            let expected = try XCTUnwrap(history.bestHour())
            XCTAssertEqual(model.bestHour(), expected, "best hour of \(user)")
            // A typical post of the user's own history agrees too.
            let meanFeatures = (0..<dimension).map { index in
                history.samples.reduce(Float(0)) { $0 + $1.features[index] } / Float(history.samples.count)
            }
            XCTAssertEqual(model.bestHour(features: meanFeatures), expected, "best hour of \(user), mean post")
            peaks.insert(expected.index)
        }
        XCTAssertGreaterThan(peaks.count, 3, "users should differ in their best hour")
    }

    func testFittedWeightsExplainMoreOfTheEngagementThanTheHourAlone() throws {
        let dimension = SocialEngagementModel.dimension(sizeKB: 4)
        let history = EngagementHistory.generate(userID: "user-9", dimension: dimension)
        let model = try SocialEngagementModel.fit(userID: "user-9", history: history, dimension: dimension)
        var withFeatures = 0.0
        var hourOnly = 0.0
        for sample in history.samples {
            withFeatures += pow(sample.engagement - model.predict(hour: sample.hour, features: sample.features), 2)
            hourOnly += pow(sample.engagement - model.predict(hour: sample.hour), 2)
        }
        XCTAssertLessThan(withFeatures, hourOnly * 0.9)
    }

    func testModelSizeFollowsTheRequestedKilobytes() {
        for sizeKB in [1, 16, 64, 256] {
            let model = SocialEngagementModel.untrained(
                userID: "u", dimension: SocialEngagementModel.dimension(sizeKB: sizeKB))
            let bytes = model.encoded().count
            XCTAssertLessThanOrEqual(bytes, sizeKB * 1024 + 12 + 168 * 4, "size \(sizeKB) KB")
            XCTAssertGreaterThan(bytes, sizeKB * 1024 - 2 * 168 * 4, "size \(sizeKB) KB")
            XCTAssertEqual(model.estimatedBytes, bytes - 12 + 128)
        }
    }

    func testEncodedModelDecodesToTheSamePredictions() throws {
        let dimension = SocialEngagementModel.dimension(sizeKB: 8)
        let history = EngagementHistory.generate(userID: "user-3", dimension: dimension)
        let model = try SocialEngagementModel.fit(userID: "user-3", history: history, dimension: dimension)
        let decoded = try SocialEngagementModel(userID: "user-3", encoded: model.encoded())
        XCTAssertEqual(decoded.dimension, dimension)
        for sample in history.samples.prefix(50) {
            XCTAssertEqual(
                decoded.predict(hour: sample.hour, features: sample.features),
                model.predict(hour: sample.hour, features: sample.features))
        }
    }

    func testCorruptWeightsAreRefusedWithAnErrorThatSaysToReseed() {
        let encoded = SocialEngagementModel.untrained(userID: "u", dimension: 4).encoded()
        for bad in [[], Array(encoded.dropLast()), [UInt8](repeating: 0, count: 40), Array("MBAD".utf8) + encoded] {
            XCTAssertThrowsError(try SocialEngagementModel(userID: "u", encoded: bad)) { error in
                XCTAssertEqual((error as? AutopilotError)?.code, .corruptModel)
                XCTAssertTrue("\(error)".contains("re-seed"), "\(error)")
            }
        }
    }

    func testFittingWithoutHistoryOrWithTheWrongDimensionFails() {
        XCTAssertThrowsError(
            try SocialEngagementModel.fit(userID: "u", history: EngagementHistory(samples: []), dimension: 4)
        ) { XCTAssertEqual(($0 as? AutopilotError)?.code, .insufficientData) }
        let history = EngagementHistory.generate(userID: "u", dimension: 4, postsPerHour: 1)
        XCTAssertThrowsError(try SocialEngagementModel.fit(userID: "u", history: history, dimension: 5)) {
            XCTAssertEqual(($0 as? AutopilotError)?.code, .invalidParameter)
        }
    }

    func testTheSameSeedGivesTheSameHistoryAndAnotherSeedDoesNot() {
        let first = EngagementHistory.generate(userID: "u", dimension: 8, postsPerHour: 2, seed: 1)
        XCTAssertEqual(
            first.samples, EngagementHistory.generate(userID: "u", dimension: 8, postsPerHour: 2, seed: 1).samples)
        XCTAssertNotEqual(
            first.samples, EngagementHistory.generate(userID: "u", dimension: 8, postsPerHour: 2, seed: 2).samples)
    }

    func testPostFeaturesAreStableUnitVectors() {
        let vector = PostFeatures.vector(for: "New single out today! #music", dimension: 32)
        XCTAssertEqual(vector, PostFeatures.vector(for: "new SINGLE out today! #MUSIC", dimension: 32))
        XCTAssertEqual(vector.reduce(0) { $0 + $1 * $1 }, 1, accuracy: 1e-5)
        XCTAssertEqual(PostFeatures.vector(for: "", dimension: 0).count, 1)
    }
}
