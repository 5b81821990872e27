package com.analyticsstudio.ratelimit;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.List;

/**
 * Token buckets in Redis, shared by every instance. One Lua script refills and takes atomically,
 * so concurrent instances never over-admit.
 */
public final class RedisRateLimiter implements RateLimiter {
  // KEYS[1] bucket; ARGV: capacity, window seconds, now millis. Returns {allowed, remaining, retry, reset}.
  private static final String SCRIPT = """
      local capacity = tonumber(ARGV[1])
      local window = tonumber(ARGV[2]) * 1000
      local now = tonumber(ARGV[3])
      local rate = capacity / window
      local state = redis.call('HMGET', KEYS[1], 't', 'u')
      local tokens = tonumber(state[1]) or capacity
      local updated = tonumber(state[2]) or now
      tokens = math.min(capacity, tokens + math.max(0, now - updated) * rate)
      local allowed = 0
      local retry = 0
      if tokens >= 1 then
        tokens = tokens - 1
        allowed = 1
      else
        retry = math.ceil((1 - tokens) / rate / 1000)
      end
      redis.call('HSET', KEYS[1], 't', tostring(tokens), 'u', tostring(now))
      redis.call('PEXPIRE', KEYS[1], window * 2)
      local reset = math.ceil((capacity - tokens) / rate / 1000)
      return {allowed, math.floor(tokens), retry, reset}
      """;

  private final RedisAPI redis;
  private final String prefix;

  public RedisRateLimiter(RedisAPI redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @Override
  public Future<Decision> acquire(String key, int capacity, int windowSeconds) {
    List<String> args = List.of(SCRIPT, "1", prefix + key, String.valueOf(capacity),
        String.valueOf(windowSeconds), String.valueOf(System.currentTimeMillis()));
    return redis.eval(args).map(r -> decision(r, capacity));
  }

  private static Decision decision(Response r, int capacity) {
    boolean allowed = r.get(0).toInteger() == 1;
    return new Decision(allowed, capacity, r.get(1).toInteger(),
        allowed ? 0 : Math.max(1, r.get(2).toInteger()), r.get(3).toInteger());
  }
}
