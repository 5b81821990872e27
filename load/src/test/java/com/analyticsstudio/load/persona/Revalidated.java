package com.analyticsstudio.load.persona;

import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * A GET of a resource the studio answers with an ETag. Gatling keeps the ETag and sends it back in
 * {@code If-None-Match}, as a browser does, so an unchanged resource is a 304 without a body: a
 * good answer. Checks of the body apply to a 200; on a 304 what they saved stays as it was (the
 * client's copy is still current).
 */
final class Revalidated {
  private Revalidated() {}

  static HttpRequestActionBuilder get(HttpRequestActionBuilder request, CheckBuilder... bodyChecks) {
    HttpRequestActionBuilder checked = request.check(status().in(200, 304));
    return bodyChecks.length == 0
        ? checked
        : checked.checkIf((response, session) -> response.status().code() == 200).then(bodyChecks);
  }
}
