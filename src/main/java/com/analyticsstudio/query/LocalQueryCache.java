package com.analyticsstudio.query;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The in-process cache: least-recently-used entries go first once there are more than
 * {@code maxEntries} or their values hold more than {@code maxBytes} together, so it fits a small
 * container whatever is queried. Shared by every verticle of the process; operations are short
 * and synchronized.
 */
public final class LocalQueryCache implements QueryCache {
  private final int maxEntries;
  private final long maxBytes;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;

  private record Entry(Buffer value, long expiresAtNanos) {}

  public LocalQueryCache(int maxEntries, long maxBytes) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  @Override
  public Future<Buffer> get(String key) {
    Buffer found = null;
    synchronized (this) {
      Entry e = entries.get(key);
      if (e != null) {
        if (e.expiresAtNanos - System.nanoTime() > 0) {
          found = e.value;
        } else {
          remove(key);
        }
      }
    }
    return Future.succeededFuture(found);
  }

  @Override
  public Future<Void> put(String key, Buffer value, int ttlSeconds) {
    long size = weight(key, value);
    if (ttlSeconds <= 0 || maxEntries == 0 || size > maxBytes) {
      return Future.succeededFuture();
    }
    synchronized (this) {
      remove(key);
      entries.put(key, new Entry(value, System.nanoTime() + ttlSeconds * 1_000_000_000L));
      bytes += size;
      Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
      while ((entries.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
        Map.Entry<String, Entry> e = eldest.next();
        bytes -= weight(e.getKey(), e.getValue().value);
        eldest.remove();
      }
    }
    return Future.succeededFuture();
  }

  /** Entries held now. */
  public synchronized int size() {
    return entries.size();
  }

  /** Bytes held now (values plus keys). */
  public synchronized long bytes() {
    return bytes;
  }

  private void remove(String key) {
    Entry old = entries.remove(key);
    if (old != null) {
      bytes -= weight(key, old.value);
    }
  }

  /** Value bytes, plus the key and a fixed overhead per entry so many tiny results are bounded too. */
  private static long weight(String key, Buffer value) {
    return value.length() + 2L * key.length() + 96;
  }
}
