package com.analyticsstudio.ratelimit;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Token buckets in Redis, shared by every instance. One Lua script refills and takes atomically
 * over all the buckets of a request, so concurrent instances never over-admit and a refused request
 * takes from none.
 */
public final class RedisRateLimiter implements RateLimiter {
  // KEYS: buckets; ARGV: now millis, then capacity and window seconds per key.
  // Returns {taken, then per key: had-a-token, remaining, retry, reset}.
  private static final String SCRIPT =
      """
      local now = tonumber(ARGV[1])
      local n = #KEYS
      local tokens, caps, windows = {}, {}, {}
      local all = 1
      for i = 1, n do
        local capacity = tonumber(ARGV[2 * i])
        local window = tonumber(ARGV[2 * i + 1]) * 1000
        local state = redis.call('HMGET', KEYS[i], 't', 'u')
        local t = tonumber(state[1]) or capacity
        local updated = tonumber(state[2]) or now
        t = math.min(capacity, t + math.max(0, now - updated) * capacity / window)
        tokens[i], caps[i], windows[i] = t, capacity, window
        if t < 1 then all = 0 end
      end
      local out = {all}
      for i = 1, n do
        local t, capacity, window = tokens[i], caps[i], windows[i]
        local rate = capacity / window
        local had = 0
        local retry = 0
        if t >= 1 then had = 1 else retry = math.ceil((1 - t) / rate / 1000) end
        if all == 1 then t = t - 1 end
        redis.call('HSET', KEYS[i], 't', tostring(t), 'u', tostring(now))
        redis.call('PEXPIRE', KEYS[i], window * 2)
        local reset = math.ceil((capacity - t) / rate / 1000)
        local remaining = 0
        if had == 1 then remaining = math.floor(t) end
        table.insert(out, had)
        table.insert(out, remaining)
        table.insert(out, retry)
        table.insert(out, reset)
      end
      return out
      """;

  private final RedisAPI redis;
  private final String prefix;

  public RedisRateLimiter(RedisAPI redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @Override
  public Future<Decision> acquire(String key, int capacity, int windowSeconds) {
    return acquireAll(List.of(new Limit(key, capacity, windowSeconds))).map(d -> d.get(0));
  }

  @Override
  public Future<List<Decision>> acquireAll(List<Limit> limits) {
    List<String> args = new ArrayList<>(3 + limits.size() * 3);
    args.add(SCRIPT);
    args.add(String.valueOf(limits.size()));
    for (Limit l : limits) {
      args.add(prefix + l.key());
    }
    args.add(String.valueOf(System.currentTimeMillis()));
    for (Limit l : limits) {
      args.add(String.valueOf(l.capacity()));
      args.add(String.valueOf(l.windowSeconds()));
    }
    return redis.eval(args).map(r -> decisions(r, limits));
  }

  private static List<Decision> decisions(Response r, List<Limit> limits) {
    List<Decision> out = new ArrayList<>(limits.size());
    for (int i = 0; i < limits.size(); i++) {
      int base = 1 + i * 4;
      boolean had = r.get(base).toInteger() == 1;
      out.add(
          new Decision(
              had,
              limits.get(i).capacity(),
              r.get(base + 1).toInteger(),
              had ? 0 : Math.max(1, r.get(base + 2).toInteger()),
              r.get(base + 3).toInteger()));
    }
    return out;
  }
}
