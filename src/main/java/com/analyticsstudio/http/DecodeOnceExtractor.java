package com.analyticsstudio.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.ValidatableRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Hands the contract validator the values handlers read: query values decoded once, header values
 * as sent. vertx-openapi 5.0's {@link RequestUtils} URL-decodes {@code request.params()} (already
 * decoded by Vert.x) and header values again, so {@code ?q=%25} reached it as {@code %} and was
 * refused ("Can't decode URL value"), {@code %2541} was validated as {@code A} and a {@code +} in
 * an {@code Idempotency-Key} as a space. The request it reads is a view whose query values and
 * header values are percent-encoded once more, so its second decoding yields the once-decoded
 * value. Requests with no {@code %} or {@code +} to decode take the standard extractor unchanged.
 */
final class DecodeOnceExtractor implements RequestExtractor {
  private static final RequestExtractor STANDARD = RequestExtractor.withBodyHandler();

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(
      RoutingContext ctx, Operation operation) {
    HttpServerRequest request = ctx.request();
    if (!decodesDifferently(request, operation)) {
      return STANDARD.extractValidatableRequest(ctx, operation);
    }
    return RequestUtils.extract(
        encodedView(request), operation, () -> Future.succeededFuture(ctx.body().buffer()));
  }

  /** Whether decoding a second time could change a value the validator reads. */
  static boolean decodesDifferently(HttpServerRequest request, Operation operation) {
    String query = request.query();
    if (query != null && (query.indexOf('%') >= 0 || query.indexOf('+') >= 0)) return true;
    for (Parameter p : operation.getParameters()) {
      if (p.getIn() == Location.HEADER && needsEncoding(request.getHeader(p.getName()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean needsEncoding(String value) {
    return value != null && (value.indexOf('%') >= 0 || value.indexOf('+') >= 0);
  }

  /**
   * The request with {@code params()} and {@code getHeader(name)} encoded once more; everything
   * else (the raw path the validator decodes once, the headers' content type) as it is.
   */
  static HttpServerRequest encodedView(HttpServerRequest request) {
    MultiMap encoded = MultiMap.caseInsensitiveMultiMap();
    for (Map.Entry<String, String> e : request.params()) {
      encoded.add(e.getKey(), encode(e.getValue()));
    }
    return (HttpServerRequest)
        Proxy.newProxyInstance(
            HttpServerRequest.class.getClassLoader(),
            new Class<?>[] {HttpServerRequest.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if (name.equals("params")) return encoded;
              if (name.equals("getHeader") && args != null && args.length == 1) {
                String value = (String) invoke(request, method, args);
                return value == null ? null : encode(value);
              }
              return invoke(request, method, args);
            });
  }

  private static Object invoke(HttpServerRequest target, Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
