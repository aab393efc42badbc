import Chaos
import Synchronization

/// What the simulated users saw during one step, shared by all of them: each request's latency by route, the
/// errors by route and status, the acknowledged posts, the posts in doubt, and the order of the suggested-time
/// requests (the cache check replays it through an LRU of the cache's size).
final class LoadRecorder: Sendable {
    /// The routes as the report names them.
    enum Route: String, CaseIterable, Sendable {
        case schedulePost = "POST /api/posts"
        case suggestedTime = "GET /api/users/{userId}/suggested-time"
        case optimizeAds = "POST /api/ads/optimize"
        case readPost = "GET /api/posts/{id}"
    }

    private struct State {
        var latencies: [Route: [Double]] = [:]
        var errors: [String: Int] = [:]
        var acknowledged: [AcknowledgedPost] = []
        var inDoubt: [String] = []
        var suggestedOrder: [String] = []
    }

    private let state = Mutex(State())
    /// Told each post's content before its request is sent, then each acknowledged post: a burn-in's journal,
    /// so that after a crash every post that may exist is known (nil: not journaled).
    private let journal: (any PostJournal)?

    /// A recorder; `journal` gets every post before and after its request.
    init(journal: (any PostJournal)? = nil) {
        self.journal = journal
    }

    /// A post with `content` is about to be requested.
    func sending(_ content: String) async {
        await journal?.sending(content)
    }

    /// A request of `route` answered in `milliseconds` with `status`; an unexpected status counts as an error.
    func answered(_ route: Route, milliseconds: Double, status: Int, expected: Int) {
        state.withLock { state in
            state.latencies[route, default: []].append(milliseconds)
            if status != expected { state.errors["\(route.rawValue) → \(status)", default: 0] += 1 }
        }
    }

    /// A request of `route` that got no answer (refused, reset, timed out).
    func unanswered(_ route: Route) {
        state.withLock { $0.errors["\(route.rawValue) → no answer", default: 0] += 1 }
    }

    /// A post the API acknowledged.
    func acknowledged(_ post: AcknowledgedPost) async {
        await journal?.acknowledged(post)
        state.withLock { $0.acknowledged.append(post) }
    }

    /// A post whose request got a 5xx or no answer: it may exist.
    func inDoubt(_ content: String) {
        state.withLock { $0.inDoubt.append(content) }
    }

    /// A suggested-time request for `userID` was sent.
    func suggested(_ userID: String) {
        state.withLock { $0.suggestedOrder.append(userID) }
    }

    /// Everything recorded so far.
    var snapshot:
        (
            latencies: [Route: [Double]], errors: [String: Int], acknowledged: [AcknowledgedPost], inDoubt: [String],
            suggestedOrder: [String]
        )
    {
        state.withLock { ($0.latencies, $0.errors, $0.acknowledged, $0.inDoubt, $0.suggestedOrder) }
    }

    /// What was recorded since the previous call, and a fresh start (a burn-in's interval): every route's
    /// latencies together, the errors, the acknowledged posts and the posts in doubt.
    func takeInterval() -> (latencies: [Double], errors: Int, acknowledged: [AcknowledgedPost], inDoubt: [String]) {
        state.withLock { state in
            let taken = state
            state = State()
            return (
                taken.latencies.values.flatMap { $0 }, taken.errors.values.reduce(0, +), taken.acknowledged,
                taken.inDoubt
            )
        }
    }

    /// Requests recorded so far (answered or not) and errors among them.
    var counts: (requests: Int, errors: Int, acknowledged: Int) {
        state.withLock { state in
            let answered = state.latencies.values.reduce(0) { $0 + $1.count }
            let unanswered = state.errors.filter { $0.key.hasSuffix("no answer") }.values.reduce(0, +)
            return (answered + unanswered, state.errors.values.reduce(0, +), state.acknowledged.count)
        }
    }
}

/// Where a recorder writes each post before its request and after its acknowledgement.
protocol PostJournal: Sendable {
    func sending(_ content: String) async
    func acknowledged(_ post: AcknowledgedPost) async
}
