package com.analyticsstudio.http;

import com.analyticsstudio.common.ApiException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a path or query string with a malformed percent-escape ({@code %zz}, {@code %%%}, a
 * trailing {@code %}) or escapes that are not UTF-8 with 400 {@code validation_failed} before any
 * handler decodes it: Netty's decoder throws on the first (a 500 it used to be) and silently writes
 * U+FFFD for the second. {@code details.location} is {@code query.<name>} when the parameter's name
 * itself decodes, else {@code query} ({@code path} for the path).
 */
final class PercentEncodingGuard implements SecurityPolicyHandler {

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path != null && path.indexOf('%') >= 0) {
      String problem = problem(path);
      if (problem != null) {
        ctx.fail(
            ApiException.invalidValue(
                "the path has " + problem + "; write a literal % as %25", "path"));
        return;
      }
    }
    String query = ctx.request().query();
    if (query != null && query.indexOf('%') >= 0) {
      ApiException refusal = check(query);
      if (refusal != null) {
        ctx.fail(refusal);
        return;
      }
    }
    ctx.next();
  }

  /** The refusal for a raw query string, or null when every name and value decodes. */
  static ApiException check(String query) {
    for (String part : query.split("&", -1)) {
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String nameProblem = problem(name);
      String valueProblem = eq < 0 ? null : problem(part.substring(eq + 1));
      if (nameProblem == null && valueProblem == null) continue;
      if (nameProblem != null) {
        return ApiException.invalidValue(
            "a query parameter's name has " + nameProblem + "; write a literal % as %25", "query");
      }
      String decoded = decode(name);
      return ApiException.invalidValue(
          "the query parameter " + decoded + " has " + valueProblem + "; write a literal % as %25",
          "query." + decoded);
    }
    return null;
  }

  /** What is wrong with one raw component, or null when it decodes to UTF-8 text. */
  static String problem(String raw) {
    if (raw.indexOf('%') < 0) return null;
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) != '%') continue;
      if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
        String escape = raw.substring(i, Math.min(raw.length(), i + 3));
        return "a malformed percent-escape \""
            + escape
            + "\" (% must be followed by two hex digits)";
      }
      i += 2;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes(raw)));
      return null;
    } catch (CharacterCodingException e) {
      return "percent-escapes that are not UTF-8 (encode text as UTF-8 before escaping it)";
    }
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0 && c < 128;
  }

  /** The bytes a well-formed component stands for ({@code +} is a space, as in forms). */
  private static byte[] bytes(String raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '%') {
        out.write(Integer.parseInt(raw, i + 1, i + 3, 16));
        i += 3;
      } else if (c == '+') {
        out.write(' ');
        i++;
      } else {
        int end = i;
        while (end < raw.length() && raw.charAt(end) != '%' && raw.charAt(end) != '+') end++;
        out.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
      }
    }
    return out.toByteArray();
  }

  private static String decode(String raw) {
    return new String(bytes(raw), StandardCharsets.UTF_8);
  }
}
