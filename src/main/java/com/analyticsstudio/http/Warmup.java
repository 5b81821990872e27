package com.analyticsstudio.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the first screen's requests to the server itself once it listens (the sign-in page, its
 * assets, health), so class loading, the router's first matches and the JIT's first passes are paid
 * at startup rather than by the first person who opens the app. Failures are logged and ignored:
 * warming is an optimisation, never a reason not to start.
 */
public final class Warmup {
  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
  private static final int ROUNDS = 3;

  private Warmup() {}

  public static Future<Void> run(Vertx vertx, int port, WebAssets assets) {
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setConnectTimeout(2_000));
    List<RequestOptions> requests = new ArrayList<>();
    requests.add(page("/login"));
    requests.add(page("/"));
    requests.add(get("/health"));
    for (String path : assets.paths()) {
      requests.add(get(path).putHeader(HttpHeaders.ACCEPT_ENCODING, "br, gzip"));
    }
    long started = System.nanoTime();
    Future<Void> chain = Future.succeededFuture();
    for (int round = 0; round < ROUNDS; round++) {
      for (RequestOptions request : requests) {
        chain = chain.compose(v -> send(client, request));
      }
    }
    return chain
        .onSuccess(
            v ->
                LOG.info(
                    "warmed {} first-screen requests in {} ms",
                    requests.size() * ROUNDS,
                    (System.nanoTime() - started) / 1_000_000))
        .recover(
            e -> {
              LOG.warn("warm-up skipped: {}", e.toString());
              return Future.succeededFuture();
            })
        .eventually(client::close);
  }

  private static RequestOptions page(String path) {
    return get(path)
        .putHeader(HttpHeaders.ACCEPT, "text/html")
        .putHeader(HttpHeaders.ACCEPT_ENCODING, "br, gzip");
  }

  private static RequestOptions get(String path) {
    return new RequestOptions().setMethod(HttpMethod.GET).setURI(path).setTimeout(5_000);
  }

  private static Future<Void> send(HttpClient client, RequestOptions options) {
    return client
        .request(options)
        .compose(request -> request.send())
        .compose(response -> response.body())
        .mapEmpty();
  }
}
