import Foundation
import HTTPServe

/// Reads the social cache counters of the API tier from `/api/monitoring/ai-models`: the line of its own
/// process in `instanceDetail` when the tool started it (its pid is known), else the fleet's totals.
struct CacheReader: Sendable {
    /// One reading.
    struct Counters: Sendable {
        var hits: Int
        var misses: Int
        var size: Int
        var capacity: Int
        /// Whether these are the API tier's own (false: the fleet's totals, every process's lookups).
        var ownProcess: Bool
    }

    let plan: LoadPlan
    let api: String
    let apiPID: Int32?

    /// The counters now, or nil when the endpoint cannot be read.
    func read() async -> Counters? {
        guard let body = await Self.aiModels(api: api, plan: plan) else { return nil }
        if let apiPID, let lines = body["instanceDetail"] as? [[String: Any]],
            let own = lines.first(where: { ($0["instance"] as? String)?.hasSuffix("-\(apiPID)") == true }),
            let social = own["social"] as? [String: Any]
        {
            return Self.counters(social, ownProcess: true)
        }
        guard let social = body["social"] as? [String: Any] else { return nil }
        return Self.counters(social, ownProcess: false)
    }

    /// `GET /api/monitoring/ai-models` as a JSON object (with the token, bounded by the plan's timeout), or nil
    /// when it cannot be read: the one reader of the caches' figures for `load` and `burnin`.
    static func aiModels(api: String, plan: LoadPlan) async -> [String: Any]? {
        guard
            let client = try? HTTPClient(
                configuration: .init(connectTimeout: plan.timeout, requestTimeout: plan.timeout))
        else { return nil }
        defer { client.shutdown() }
        var headers = HTTPHeaders()
        if let token = plan.token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        guard let response = try? await client.get(api + "/api/monitoring/ai-models", headers: headers),
            response.status == 200
        else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
    }

    private static func counters(_ cache: [String: Any], ownProcess: Bool) -> Counters? {
        func number(_ key: String) -> Int? { (cache[key] as? NSNumber)?.intValue }
        guard let hits = number("hits"), let misses = number("misses"), let size = number("currentSize"),
            let capacity = number("maxSize")
        else { return nil }
        return Counters(hits: hits, misses: misses, size: size, capacity: capacity, ownProcess: ownProcess)
    }

    /// The check of one phase from the readings around it and the order of its requests.
    static func check(before: Counters?, after: Counters?, order: [String]) -> CacheCheck {
        var check = CacheCheck(
            capacity: after?.capacity ?? 0, users: Set(order).count, requests: order.count, lookups: 0)
        guard let before, let after else {
            check.note = "the cache counters could not be read from /api/monitoring/ai-models"
            return check
        }
        let hits = after.hits - before.hits
        let misses = after.misses - before.misses
        check.lookups = hits + misses
        check.measuredHitRate = check.lookups > 0 ? Double(hits) / Double(check.lookups) : nil
        check.evictions = max(0, misses - (after.size - before.size))
        if after.ownProcess {
            check.predictedHitRate = CacheCheck.lruHitRate(capacity: after.capacity, order: order)
        } else {
            check.note = "the figures are the fleet's totals (other processes' lookups included): no prediction"
        }
        return check
    }
}
