import RedisClient

/// The Lua scripts that make every queue transition atomic; each is run with EVALSHA.
///
/// Each script receives the queue's key prefix (`<prefix>:<queue>:`) as its only key and the arguments
/// documented beside it. Return conventions follow BullMQ's where one exists (-1 missing job, -2 missing
/// lock, -3 not in the expected state, -6 lock held by another token).
enum QueueScript {
    /// Builds a script from a body, prepended with the shared helpers of `LuaPrelude`.
    static func make(_ body: String) -> RedisScript {
        RedisScript(LuaPrelude.source + LuaPrelude.deduplication + LuaPrelude.schedulers + LuaPrelude.flows + body)
    }
}
