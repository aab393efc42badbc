// Placeholder until the RedisClient module lands.
