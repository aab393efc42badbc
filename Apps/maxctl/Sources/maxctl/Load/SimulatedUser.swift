import Autopilot
import Chaos
import Essentials
import Foundation
import HTTPServe

/// One simulated Max Booster customer: rounds of requests through the real API until its deadline, on a
/// kept-alive connection of its own — schedule a post due in a second, ask for the suggested time, every third
/// round ask for an ad optimisation, read the post back, then pause (``LoadPlan/thinkTime`` ±50 %).
struct SimulatedUser: Sendable {
    let userID: String
    /// The content prefix of this user's posts (the run's tag, so the checker finds them).
    let contentPrefix: String
    let api: String
    let token: String?
    let timeout: Duration
    let thinkTime: Duration
    let recorder: LoadRecorder
    let seed: UInt64

    /// Runs rounds until `deadline`; the first round starts after `delay` (users are staggered).
    func run(until deadline: ContinuousClock.Instant, startingAfter delay: Duration) async {
        guard
            let client = try? HTTPClient(
                configuration: .init(connectTimeout: timeout, requestTimeout: timeout, keepAlive: true))
        else {
            recorder.unanswered(.schedulePost)
            return
        }
        defer { client.shutdown() }
        var random = SeededGenerator(seed: seed)
        try? await Task.sleep(for: delay)
        var round = 0
        while ContinuousClock.now < deadline, !Task.isCancelled {
            await oneRound(round, client: client)
            round += 1
            let jitter = Double.random(in: 0.5...1.5, using: &random)
            let left = deadline - ContinuousClock.now
            guard left > .zero else { break }
            try? await Task.sleep(for: min(thinkTime * jitter, left))
        }
    }

    private func oneRound(_ round: Int, client: HTTPClient) async {
        let content = "\(contentPrefix)-\(round)"
        let due = ISO8601DateFormatter().string(from: Date().addingTimeInterval(1))
        let post =
            #"{"userId":\#(JSONString.quoted(userID)),"platform":"instagram","content":\#(JSONString.quoted(content)),"scheduledAt":"\#(due)"}"#
        var postID: Int?
        await recorder.sending(content)
        if let response = await send(client, .schedulePost, "POST", "/api/posts", body: post, expected: 201) {
            if response.status == 201, let id = Self.id(in: response.body) {
                postID = id
                await recorder.acknowledged(AcknowledgedPost(id: id, content: content))
            } else if response.status >= 500 {
                recorder.inDoubt(content)
            }
        } else {
            recorder.inDoubt(content)
        }
        recorder.suggested(userID)
        let escapedUser = PercentEscapes.encoded(userID)
        _ = await send(client, .suggestedTime, "GET", "/api/users/\(escapedUser)/suggested-time", expected: 200)
        if round % 3 == 0 {
            let request = #"{"userId":\#(JSONString.quoted(userID)),"valuePerConversion":2.5}"#
            _ = await send(client, .optimizeAds, "POST", "/api/ads/optimize", body: request, expected: 202)
        }
        if let postID {
            _ = await send(client, .readPost, "GET", "/api/posts/\(postID)", expected: 200)
        }
    }

    /// One request, timed and recorded; nil when it got no answer.
    private func send(
        _ client: HTTPClient, _ route: LoadRecorder.Route, _ method: String, _ path: String, body: String = "",
        expected: Int
    ) async -> HTTPClient.Response? {
        var headers = HTTPHeaders()
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        if !body.isEmpty { headers.add(name: "Content-Type", value: "application/json") }
        let started = ContinuousClock.now
        do {
            let response = try await client.send(
                method: method, url: api + path, headers: headers, body: Array(body.utf8))
            recorder.answered(
                route, milliseconds: (ContinuousClock.now - started).fractionalMilliseconds, status: response.status,
                expected: expected)
            return response
        } catch {
            recorder.unanswered(route)
            return nil
        }
    }

    /// The `id` of a JSON object body.
    static func id(in body: [UInt8]) -> Int? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        return (object["id"] as? NSNumber)?.intValue
    }
}
