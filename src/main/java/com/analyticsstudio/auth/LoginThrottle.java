package com.analyticsstudio.auth;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.ratelimit.RateLimiter;
import io.vertx.core.Future;

/**
 * Bounds login attempts per account and per client address, so password guessing is slow
 * whichever of the two an attacker varies. Each attempt takes a token from both buckets.
 */
public final class LoginThrottle {
  private final RateLimiter limiter;
  private final int perAccount;
  private final int perAddress;
  private final int window;

  public LoginThrottle(RateLimiter limiter, AppConfig config) {
    this.limiter = limiter;
    this.perAccount = config.loginAttemptsPerAccount();
    this.perAddress = config.loginAttemptsPerAddress();
    this.window = config.loginWindowSeconds();
  }

  public Future<Void> check(String email, String address) {
    return limiter.acquire("login:addr:" + address, perAddress, window)
        .compose(byAddress -> {
          if (!byAddress.allowed()) {
            return Future.failedFuture(ApiException.tooManyRequests(
                "too many sign-in attempts from this address; try again in " + byAddress.retryAfterSeconds() + " s",
                byAddress.retryAfterSeconds()));
          }
          return limiter.acquire("login:acct:" + email, perAccount, window);
        })
        .compose(byAccount -> byAccount.allowed() ? Future.succeededFuture()
            : Future.failedFuture(ApiException.tooManyRequests(
                "too many sign-in attempts for this account; try again in " + byAccount.retryAfterSeconds() + " s",
                byAccount.retryAfterSeconds())));
  }
}
