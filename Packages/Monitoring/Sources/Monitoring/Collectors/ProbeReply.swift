import RedisClient

/// A reply as the probes read it: RedisClient's value (`int`, `double`, `string`, `array`, `isNull`);
/// a failed command of a pipeline becomes `.error(message)`.
typealias ProbeReply = RedisValue
