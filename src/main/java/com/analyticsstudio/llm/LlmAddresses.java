package com.analyticsstudio.llm;

/**
 * Event-bus addresses of the LLM verticle. Request and reply shapes are documented in {@code
 * package-info.java}; failures arrive through {@link com.analyticsstudio.common.Replies} with the
 * codes of {@link LlmException.Reason}. Send with {@link LlmBus} (or a send timeout longer than
 * {@code LLM_TIMEOUT_SECONDS}), never with the event bus's 30 s default.
 */
public final class LlmAddresses {
  /**
   * Question + one project's schema + thread → structured answer (sql, chart, explanation) and
   * usage.
   */
  public static final String PLAN = "llm.plan";

  /**
   * Like {@link #PLAN} plus the failed SQL and the database's error → a corrected answer and usage.
   */
  public static final String REPAIR = "llm.repair";

  /** Question, SQL and (bounded) result rows → a one- or two-sentence answer and usage. */
  public static final String SUMMARIZE = "llm.summarize";

  /**
   * Empty body → whether a model is configured, its name, breaker state, calls in flight and
   * queued.
   */
  public static final String STATUS = "llm.status";

  private LlmAddresses() {}
}
