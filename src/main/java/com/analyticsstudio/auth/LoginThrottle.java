package com.analyticsstudio.auth;

import com.analyticsstudio.common.ApiException;
import com.analyticsstudio.common.AppConfig;
import com.analyticsstudio.ratelimit.RateLimiter;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;

/**
 * Slows password guessing without letting anyone lock the owner out:
 *
 * <ul>
 *   <li><b>per address</b> — every attempt from a client address takes a token from its bucket
 *       ({@code LOGIN_ATTEMPTS_PER_ADDRESS} per window), and from the bucket of that address and
 *       account ({@code LOGIN_ATTEMPTS_PER_ACCOUNT}); an attacker's address runs dry, the owner's
 *       does not;
 *   <li><b>per account</b> — consecutive failures (stored on the user, so every instance agrees)
 *       after {@code LOGIN_FREE_FAILURES} impose a delay that doubles per failure up to {@code
 *       LOGIN_MAX_DELAY_SECONDS}; while it runs, attempts from addresses the account never signed
 *       in from are refused with 429 before the password is checked, but an address it signed in
 *       from before is let through to try its password. A right password resets the count.
 * </ul>
 *
 * A captcha-free scheme: the cost of the attack grows with its size, the owner at a known address
 * is never delayed, and an owner on a new network waits at most the ceiling.
 */
public final class LoginThrottle {
  private final RateLimiter limiter;
  private final int perAccountAndAddress;
  private final int perAddress;
  private final int window;
  private final int freeFailures;
  private final int maxDelaySeconds;

  public LoginThrottle(RateLimiter limiter, AppConfig config) {
    this.limiter = limiter;
    this.perAccountAndAddress = config.loginAttemptsPerAccount();
    this.perAddress = config.loginAttemptsPerAddress();
    this.window = config.loginWindowSeconds();
    this.freeFailures = config.security().loginFreeFailures();
    this.maxDelaySeconds = config.security().loginMaxDelaySeconds();
  }

  /** Takes one attempt from the address's buckets, or fails with 429. */
  public Future<Void> checkAddress(String email, String address) {
    return limiter
        .acquire("login:addr:" + address, perAddress, window)
        .compose(
            byAddress -> {
              if (!byAddress.allowed()) {
                return Future.failedFuture(
                    ApiException.tooManyRequests(
                        "too many sign-in attempts from this address; try again in "
                            + byAddress.retryAfterSeconds()
                            + " s",
                        byAddress.retryAfterSeconds()));
              }
              return limiter.acquire(
                  "login:acct-addr:" + email + ":" + address, perAccountAndAddress, window);
            })
        .compose(
            pair ->
                pair.allowed()
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        ApiException.tooManyRequests(
                            "too many sign-in attempts for this account from this address; try again in "
                                + pair.retryAfterSeconds()
                                + " s",
                            pair.retryAfterSeconds())));
  }

  /**
   * Seconds an attempt on an account must still wait, or 0: never for a known address, otherwise
   * while {@code lastFailure + delay(failures)} lies ahead.
   */
  public long accountWaitSeconds(
      int failures, Instant lastFailure, boolean knownAddress, Instant now) {
    if (knownAddress || lastFailure == null) {
      return 0;
    }
    long delay = delaySeconds(failures);
    Instant until = lastFailure.plusSeconds(delay);
    if (!until.isAfter(now)) {
      return 0;
    }
    return Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
  }

  /**
   * The delay after {@code failures} consecutive failures: 0 while free, then 1, 2, 4 … s, capped.
   */
  long delaySeconds(int failures) {
    if (failures < freeFailures) {
      return 0;
    }
    int doublings = failures - freeFailures;
    return doublings >= 30 ? maxDelaySeconds : Math.min(maxDelaySeconds, 1L << doublings);
  }

  /** The refusal for an account still in its delay. */
  public static ApiException accountDelayed(long seconds) {
    return ApiException.tooManyRequests(
        "too many failed sign-ins for this account; try again in "
            + seconds
            + " s, or from a device that has signed in before",
        (int) Math.min(Integer.MAX_VALUE, seconds));
  }
}
