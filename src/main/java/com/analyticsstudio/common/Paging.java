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

  /**
   * The offset an offset cursor ({@link #slice}, {@link #answerAt}) stands for: 0 on the first
   * page; a cursor of another list is a 400.
   */
  public static long offset(Page page) {
    if (page.after() == null) return 0;
    if (page.after().getValue("o") instanceof Number n && n.longValue() >= 0) return n.longValue();
    throw ApiException.invalidValue(
        "query parameter 'cursor' is not a cursor of this list", "query.cursor");
  }

  /**
   * A page of a list the service read whole, in its order ({@code answer.items}); other fields of
   * the answer stay. For lists that are small by construction (a user's keys, a project's members,
   * a dataset's versions): the cursor is the offset of the next item, so an item added or removed
   * between two requests shifts the following pages by one.
   */
  public static JsonObject slice(Page page, JsonObject answer) {
    JsonArray all = answer.getJsonArray("items", new JsonArray());
    long from = Math.min(offset(page), all.size());
    long to = Math.min(from + page.limit(), all.size());
    JsonObject out = answer.copy();
    out.put("items", new JsonArray(all.getList().subList((int) from, (int) to)));
    return withPage(out, page, to < all.size() ? to : -1, all.size());
  }

  /**
   * The answer for a page read with {@code LIMIT limit + 1 OFFSET offset(page)}: the extra row, if
   * any, is dropped and {@code next} is an offset cursor.
   */
  public static JsonObject answerAt(Page page, JsonArray rows, long total) {
    long from = offset(page);
    JsonArray items =
        rows.size() > page.limit() ? new JsonArray(rows.getList().subList(0, page.limit())) : rows;
    JsonObject out = new JsonObject().put("items", items);
    return withPage(out, page, rows.size() > page.limit() ? from + page.limit() : -1, total);
  }

  private static JsonObject withPage(JsonObject out, Page page, long nextOffset, long total) {
    return out.put("next", nextOffset < 0 ? null : encode(new JsonObject().put("o", nextOffset)))
        .put("limit", page.limit())
        .put("total", total);
  }

  /**
   * The offset of a list that also takes the older {@code offset} parameter (deprecated, kept for
   * one version): the cursor's when given, else {@code offset}.
   */
  public static int offset(RoutingContext ctx, Page page) {
    if (page.after() != null) return (int) Math.min(Integer.MAX_VALUE, offset(page));
    return Http.intQuery(ctx, "offset", 0, 0, Integer.MAX_VALUE);
  }

  /**
   * Adds {@code next} to an answer that already has {@code items, offset, limit, total}: the offset
   * cursor of the following page, null on the last.
   */
  public static JsonObject withNext(JsonObject answer) {
    long offset = answer.getLong("offset", 0L);
    long nextOffset = offset + answer.getJsonArray("items").size();
    boolean more =
        answer.getJsonArray("items").size() == answer.getInteger("limit")
            && nextOffset < answer.getLong("total");
    return answer.put("next", more ? encode(new JsonObject().put("o", nextOffset)) : null);
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
