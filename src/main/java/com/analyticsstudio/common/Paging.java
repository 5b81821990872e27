package com.analyticsstudio.common;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

/**
 * The one way lists page: query parameters {@code limit} (1..{@value #MAX_LIMIT}, default {@value
 * #DEFAULT_LIMIT}) and an opaque {@code cursor}; answers {@code {items, next, limit, total}} where
 * {@code next} is the cursor of the following page or null on the last one.
 *
 * <p>A cursor is the position after the last item of a page (a keyset: the sort key and id of that
 * item, so inserts before it do not shift the next page), as JSON, base64url-encoded and prefixed
 * with a version. Clients must treat it as opaque; a cursor that does not decode is a 400 {@code
 * validation_failed} at {@code query.cursor}.
 */
public final class Paging {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** The version prefix of the cursors this server writes. */
  static final String PREFIX = "c1.";

  private Paging() {}

  /**
   * One page request.
   *
   * @param limit items per page, 1..{@value #MAX_LIMIT}
   * @param after the position after which the page starts (decoded cursor), or null for the first
   *     page
   */
  public record Page(int limit, JsonObject after) {
    /**
     * The page the caller asked for: {@code limit} + 1 rows are fetched to know whether more
     * follow.
     */
    public int fetch() {
      return limit + 1;
    }

    /** A string of the cursor position, or null on the first page or when it is not a string. */
    public String afterString(String key) {
      return after == null || !(after.getValue(key) instanceof String s) ? null : s;
    }
  }

  /** The page in the request's {@code limit} and {@code cursor} query parameters. */
  public static Page page(RoutingContext ctx) {
    return page(ctx.request().getParam("limit"), ctx.request().getParam("cursor"));
  }

  /** {@link #page(RoutingContext)} of the raw parameter values (null when absent). */
  public static Page page(String limit, String cursor) {
    int n = DEFAULT_LIMIT;
    if (limit != null && !limit.isBlank()) {
      try {
        n = Integer.parseInt(limit.trim());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > MAX_LIMIT) {
        throw ApiException.invalidValue(
            "query parameter 'limit' must be a whole number between 1 and " + MAX_LIMIT,
            "query.limit");
      }
    }
    return new Page(n, cursor == null || cursor.isEmpty() ? null : decode(cursor));
  }

  /** The opaque cursor of a position. */
  public static String encode(JsonObject position) {
    return PREFIX
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(position.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** The position in a cursor this server wrote; anything else is a 400. */
  public static JsonObject decode(String cursor) {
    if (cursor.startsWith(PREFIX) && cursor.length() <= 2048) {
      try {
        byte[] raw = Base64.getUrlDecoder().decode(cursor.substring(PREFIX.length()));
        return new JsonObject(new String(raw, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
        // falls through to the refusal
      }
    }
    throw ApiException.invalidValue(
        "query parameter 'cursor' is not a cursor this server returned (pass the 'next' of the"
            + " previous page as it is)",
        "query.cursor");
  }

  /**
   * The answer for a page: {@code rows} are the fetched items (up to {@link Page#fetch()}); when
   * there is one more than the limit it is dropped and {@code next} points after the last kept
   * item, at the position {@code positionOf} gives.
   */
  public static JsonObject answer(
      Page page, JsonArray rows, long total, Function<JsonObject, JsonObject> positionOf) {
    JsonArray items = rows;
    String next = null;
    if (rows.size() > page.limit()) {
      items = new JsonArray(rows.getList().subList(0, page.limit()));
      next = encode(positionOf.apply(items.getJsonObject(page.limit() - 1)));
    }
    return new JsonObject()
        .put("items", items)
        .put("next", next)
        .put("limit", page.limit())
        .put("total", total);
  }
}
