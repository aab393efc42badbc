import Foundation
import XCTest

@testable import Autopilot

final class AdvertisingBudgetModelTests: XCTestCase {
    func testFitRecoversTheCurveThatGeneratedTheHistory() throws {
        var random = SeededGenerator(seed: 11)
        let samples = (0..<120).map { _ -> BudgetSample in
            let budget = Double.random(in: 10...3000, using: &random)
            let conversions = 300 * (1 - exp(-budget / 800)) * (1 + random.normal(deviation: 0.03))
            return BudgetSample(budget: budget, conversions: conversions)
        }
        let model = try AdvertisingBudgetModel.fit(userID: "u", history: BudgetHistory(samples: samples))
        XCTAssertEqual(model.saturation, 300, accuracy: 15)
        XCTAssertEqual(model.scale, 800, accuracy: 80)
        XCTAssertEqual(model.sampleCount, 120)
        // Spend while a conversion worth 10 costs less: b·ln(a·v/b) = 800·ln(3.75) ≈ 1057.
        XCTAssertEqual(model.recommendedBudget(valuePerConversion: 10), 1057, accuracy: 120)
    }

    func testRecommendationIsZeroWhenConversionsAreWorthTooLittleAndCappedAtTheMaximum() throws {
        let model = try AdvertisingBudgetModel(userID: "u", saturation: 100, scale: 500)
        XCTAssertEqual(model.recommendedBudget(valuePerConversion: 4), 0)  // 100·4/500 < 1
        XCTAssertEqual(model.recommendedBudget(valuePerConversion: 1_000_000, maxBudget: 2000), 2000)
        XCTAssertEqual(model.conversions(budget: -5), 0)
        XCTAssertEqual(model.conversions(budget: 500), 100 * (1 - exp(-1)), accuracy: 1e-9)
    }

    func testEncodingRoundTripsAndRejectsInvalidParameters() throws {
        let model = try AdvertisingBudgetModel.fit(userID: "u", history: BudgetHistory.generate(userID: "u"))
        let decoded = try AdvertisingBudgetModel(userID: "u", encoded: model.encoded())
        XCTAssertEqual(decoded.saturation, model.saturation)
        XCTAssertEqual(decoded.scale, model.scale)
        XCTAssertThrowsError(try AdvertisingBudgetModel(userID: "u", encoded: Array(model.encoded().dropLast())))
        XCTAssertThrowsError(try AdvertisingBudgetModel(userID: "u", saturation: 0, scale: 1))
        XCTAssertThrowsError(try AdvertisingBudgetModel(userID: "u", saturation: 1, scale: .nan))
        XCTAssertThrowsError(try AdvertisingBudgetModel.fit(userID: "u", history: BudgetHistory(samples: []))) {
            XCTAssertEqual(($0 as? AutopilotError)?.code, .insufficientData)
        }
    }
}
