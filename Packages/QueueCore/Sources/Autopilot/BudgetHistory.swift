import Foundation

/// One day of a user's advertising: the budget spent and the conversions it brought.
public struct BudgetSample: Sendable, Hashable {
    /// Budget spent that day (currency units).
    public var budget: Double
    /// Conversions observed.
    public var conversions: Double

    /// Creates a sample.
    public init(budget: Double, conversions: Double) {
        self.budget = budget
        self.conversions = conversions
    }
}

/// A user's budget history, real or generated from a seed.
public struct BudgetHistory: Sendable {
    /// The days, oldest first.
    public var samples: [BudgetSample]

    /// A history made of `samples`.
    public init(samples: [BudgetSample]) { self.samples = samples }

    /// A reproducible history for `userID`: `days` budgets between 10 and 3,000 and conversions from a
    /// user-specific saturating curve `a·(1 − e^(−budget/b))` with 5 % noise.
    public static func generate(userID: String, days: Int = 90, seed: UInt64 = 0) -> BudgetHistory {
        var random = SeededGenerator(key: "ads:" + userID, seed: seed)
        let saturation = Double.random(in: 50...500, using: &random)
        let scale = Double.random(in: 100...2000, using: &random)
        let samples = (0..<max(days, 1)).map { _ -> BudgetSample in
            let budget = Double.random(in: 10...3000, using: &random)
            let expected = saturation * (1 - exp(-budget / scale))
            return BudgetSample(budget: budget, conversions: max(0, expected * (1 + random.normal(deviation: 0.05))))
        }
        return BudgetHistory(samples: samples)
    }
}
