package com.analyticsstudio.http;

import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.common.Forwarded;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Security headers on every response (a root handler; written when the headers go out, so a route
 * can still adjust them):
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: scripts only from this origin plus the inline scripts of
 *       the pages we ship (the web app's theme bootstrap, Swagger UI's start-up), allowed by their
 *       SHA-256 read from those pages at startup; styles from this origin and inline (charts, the
 *       SQL editor and Swagger UI set styles at run time); images also as {@code data:}/{@code
 *       blob:}; no plugins; {@code frame-ancestors 'none'};
 *   <li>{@code X-Frame-Options: DENY} for browsers without CSP frame-ancestors;
 *   <li>{@code Referrer-Policy: no-referrer} (links may carry tokens, e.g. future public links);
 *   <li>{@code X-Content-Type-Options: nosniff};
 *   <li>{@code Strict-Transport-Security} when the request came over TLS — directly or per a
 *       trusted proxy's {@code X-Forwarded-Proto} — or always with {@code HSTS=always}.
 * </ul>
 *
 * Framing is a per-route option: a route that must be embeddable (public dashboard embeds) calls
 * {@link #allowFraming(RoutingContext, List)} or mounts {@link #framingAllowed(List)}, which
 * replaces {@code 'none'} with the given origins and drops {@code X-Frame-Options}.
 */
public final class SecurityHeaders implements SecurityPolicyHandler {
  private static final String FRAME_ANCESTORS = "security.frameAncestors";
  private static final Pattern INLINE_SCRIPT =
      Pattern.compile(
          "<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

  /** Pages whose inline scripts the policy allows. */
  static final List<String> PAGES = List.of("webroot/index.html", "docs/index.html");

  private final String policy;
  private final String hsts;
  private final String hstsValue;

  public SecurityHeaders(AppConfig.Security settings) {
    this.policy = policy(inlineScriptHashes());
    this.hsts = settings.hstsMaxAgeSeconds() == 0 ? "off" : settings.hsts();
    this.hstsValue = "max-age=" + settings.hstsMaxAgeSeconds();
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.addHeadersEndHandler(v -> apply(ctx));
    ctx.next();
  }

  private void apply(RoutingContext ctx) {
    MultiMap h = ctx.response().headers();
    String ancestors = ctx.get(FRAME_ANCESTORS);
    h.set(
        "Content-Security-Policy",
        policy + "; frame-ancestors " + (ancestors == null ? "'none'" : ancestors));
    if (ancestors == null) {
      h.set("X-Frame-Options", "DENY");
    } else {
      h.remove("X-Frame-Options");
    }
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Content-Type-Options", "nosniff");
    if (hsts.equals("always") || (hsts.equals("auto") && Forwarded.secure(ctx))) {
      h.set("Strict-Transport-Security", hstsValue);
    }
  }

  /** Lets {@code origins} (like {@code https://intranet.example.com}) frame this response. */
  public static void allowFraming(RoutingContext ctx, List<String> origins) {
    ctx.put(FRAME_ANCESTORS, origins.isEmpty() ? "'none'" : String.join(" ", origins));
  }

  /** A route handler for {@link #allowFraming(RoutingContext, List)}. */
  public static Handler<RoutingContext> framingAllowed(List<String> origins) {
    return ctx -> {
      allowFraming(ctx, origins);
      ctx.next();
    };
  }

  static String policy(Set<String> scriptHashes) {
    StringBuilder scripts = new StringBuilder("'self'");
    for (String hash : scriptHashes) {
      scripts.append(" 'sha256-").append(hash).append('\'');
    }
    return "default-src 'self'; script-src "
        + scripts
        + "; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'";
  }

  /** Base64 SHA-256 of each inline script of the shipped pages (those that exist in this build). */
  static Set<String> inlineScriptHashes() {
    Set<String> out = new LinkedHashSet<>();
    for (String page : PAGES) {
      out.addAll(inlineScriptHashes(read(page)));
    }
    return out;
  }

  static List<String> inlineScriptHashes(String html) {
    List<String> out = new ArrayList<>();
    if (html == null) return out;
    Matcher m = INLINE_SCRIPT.matcher(html);
    while (m.find()) {
      if (!m.group(1).isBlank()) {
        out.add(sha256Base64(m.group(1)));
      }
    }
    return out;
  }

  static String sha256Base64(String text) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(String resource) {
    try (InputStream in = SecurityHeaders.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }
}
