package com.analyticsstudio.common;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.List;
import java.util.Set;

/**
 * Who the client is and whether it came over TLS, believing {@code X-Forwarded-For} and {@code
 * X-Forwarded-Proto} only from the peers listed in {@code TRUSTED_PROXIES}. Without trusted proxies
 * the TCP peer is the client, so no one can pick their own address to dodge the login throttle. A
 * root handler: it runs once per request and later handlers read the result.
 */
public final class Forwarded implements PlatformHandler {
  private static final String ADDRESS = "forwarded.clientAddress";
  private static final String SECURE = "forwarded.secure";

  private final Set<String> trusted;

  public Forwarded(List<String> trustedProxies) {
    this.trusted = Set.copyOf(trustedProxies);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String peer = peer(ctx);
    String address = peer;
    boolean secure = ctx.request().isSSL();
    if (trusted.contains(peer)) {
      address = clientFrom(ctx.request().getHeader("X-Forwarded-For"), peer);
      String proto = ctx.request().getHeader("X-Forwarded-Proto");
      if (proto != null) {
        secure = proto.trim().equalsIgnoreCase("https");
      }
    }
    ctx.put(ADDRESS, address);
    ctx.put(SECURE, secure);
    ctx.next();
  }

  /** The client's address: the right-most entry of X-Forwarded-For that is not a trusted proxy. */
  String clientFrom(String header, String peer) {
    if (header == null || header.isBlank()) {
      return peer;
    }
    String[] hops = header.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!hop.isEmpty() && !trusted.contains(hop)) {
        return hop.length() > 64 ? hop.substring(0, 64) : hop;
      }
    }
    return peer;
  }

  /** The client's address as resolved for this request. */
  public static String clientAddress(RoutingContext ctx) {
    String a = ctx.get(ADDRESS);
    return a != null ? a : peer(ctx);
  }

  /** Whether the request reached us over TLS, directly or through a trusted proxy. */
  public static boolean secure(RoutingContext ctx) {
    Boolean s = ctx.get(SECURE);
    return s != null ? s : ctx.request().isSSL();
  }

  private static String peer(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
  }
}
