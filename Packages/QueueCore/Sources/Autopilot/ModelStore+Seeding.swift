import Foundation

extension ModelStore {
    /// What `seed(users:sizeKB:)` stored.
    public struct SeedReport: Sendable, Hashable {
        /// The users seeded, `user-1`…`user-n`.
        public var userIDs: [String]
        /// Bytes of one social model's weights.
        public var socialModelBytes: Int
        /// Each seeded user's best hour of the week according to its fitted social model.
        public var bestHours: [String: HourOfWeek]
    }

    /// Fits and stores a social and an advertising model for each of `users` users (`user-1`…`user-n`) from
    /// histories generated with `seed`; a social model holds about `sizeKB` KB of weights. Re-seeding bumps
    /// the stored versions. Fitting runs on the calling task (a few milliseconds per user at 64 KB).
    public func seed(
        users: Int, sizeKB: Int = 64, seed: UInt64 = 0, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> SeedReport {
        guard (1...100_000).contains(users) else {
            throw AutopilotError(.invalidParameter, "users must be in 1…100000, got \(users)")
        }
        guard (1...65_536).contains(sizeKB) else {
            throw AutopilotError(.invalidParameter, "sizeKB must be in 1…65536 (64 MB), got \(sizeKB)")
        }
        let dimension = SocialEngagementModel.dimension(sizeKB: sizeKB)
        var report = SeedReport(userIDs: [], socialModelBytes: 0, bestHours: [:])
        for number in 1...users {
            let userID = "user-\(number)"
            let history = EngagementHistory.generate(userID: userID, dimension: dimension, seed: seed)
            let social = try SocialEngagementModel.fit(userID: userID, history: history, dimension: dimension)
            let advertising = try AdvertisingBudgetModel.fit(
                userID: userID, history: BudgetHistory.generate(userID: userID, seed: seed))
            let weights = social.encoded()
            try await save(userID: userID, kind: .social, weights: weights)
            try await save(userID: userID, kind: .advertising, weights: advertising.encoded())
            report.userIDs.append(userID)
            report.socialModelBytes = weights.count
            report.bestHours[userID] = social.bestHour()
            progress?(number)
        }
        return report
    }
}
