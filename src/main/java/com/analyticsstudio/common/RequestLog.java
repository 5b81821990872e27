package com.analyticsstudio.common;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives each request an id ({@code X-Request-Id} honoured when sane, echoed always) and writes one
 * access log line when the response ends.
 */
public final class RequestLog implements PlatformHandler {
  private static final Logger LOG = LoggerFactory.getLogger("access");
  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "requestId";
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @Override
  public void handle(RoutingContext ctx) {
    String incoming = ctx.request().getHeader(HEADER);
    String id = incoming != null && SAFE_ID.matcher(incoming).matches() ? incoming : newId();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    long start = System.nanoTime();
    ctx.addBodyEndHandler(
        v -> {
          long ms = (System.nanoTime() - start) / 1_000_000;
          MDC.put(KEY, id);
          try {
            if (LOG.isInfoEnabled()) {
              LOG.info(
                  "{} {} {} {} ms",
                  ctx.request().method(),
                  ctx.request().path(),
                  ctx.response().getStatusCode(),
                  ms);
            }
          } finally {
            MDC.remove(KEY);
          }
        });
    ctx.next();
  }

  /**
   * A random version-4 UUID for correlating log lines. Not a secret, so it comes from the thread's
   * fast random generator rather than {@link UUID#randomUUID()} (SecureRandom, which serialises
   * every event loop on one lock).
   */
  static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  public static String requestId(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id == null ? "-" : id;
  }
}
