/**
 * The LLM path: a question plus ONE project's schema becomes structured output (SQL, chart,
 * explanation) from OpenAI or any OpenAI-compatible server; a failed SQL is repaired once; a result
 * becomes an answer sentence. A slow or failing model never starves the rest: every call has a
 * deadline, a bounded number run at once, and a circuit breaker stops calling a model that keeps
 * failing. Every failure is an {@link com.analyticsstudio.llm.LlmException} with a typed reason, so
 * the Ask service falls back to the built-in planner and can say why.
 *
 * <h2>Java API</h2>
 *
 * <ul>
 *   <li>{@link com.analyticsstudio.llm.LlmBus} — from any verticle, over the event bus: {@code
 *       plan(PlanRequest)}, {@code repair(RepairRequest)} → {@code Future<LlmPlan>}; {@code
 *       summarize(SummarizeRequest)} → {@code Future<LlmSummary>}; {@code status()}.
 *   <li>{@link com.analyticsstudio.llm.LlmClient} — the same calls in-process (what the verticle
 *       uses).
 *   <li>{@link com.analyticsstudio.llm.PromptBuilder} — pure prompt building, and the JSON schema
 *       of the structured answer; {@link com.analyticsstudio.llm.OutputParser} — lenient,
 *       validating parsing.
 *   <li>Inputs: {@link com.analyticsstudio.llm.SchemaContext} (projectId + that project's {@link
 *       com.analyticsstudio.llm.DatasetSchema}s, filled by the caller from dataset metadata and the
 *       profile: tableName, displayName, rowCount, columns with name, label, type, sampleValues,
 *       topValues, min, max), {@link com.analyticsstudio.llm.ThreadTurn} (earlier question/SQL
 *       pairs).
 * </ul>
 *
 * <h2>Event bus ({@link com.analyticsstudio.llm.LlmAddresses})</h2>
 *
 * <pre>
 * llm.plan       request  {"question": str,
 *                          "schema": {"projectId": uuid, "datasets": [{"tableName", "displayName", "rowCount",
 *                                     "columns": [{"name", "label", "type", "sampleValues": [str],
 *                                                  "topValues": [{"value", "count"}], "min", "max"}]}]},
 *                          "thread": [{"question", "sql"}]}                     (oldest first; last 5 used)
 *                reply    {"sql": str ("" when not answerable), "answerable": bool,
 *                          "chart": {"type": "line|bar|pie|kpi|scatter|table", "x", "y", "series"},
 *                          "explanation": str,
 *                          "usage": {"model", "promptTokens", "completionTokens", "totalTokens", "costUsd", "latencyMs"}}
 * llm.repair     request  llm.plan's request + {"previousSql": str, "databaseError": str}
 *                reply    as llm.plan
 * llm.summarize  request  {"question", "sql", "columns": [name | {"name", "type"}], "rows": [[…]],
 *                          "rowCount", "truncated"}                          (first 50 rows used)
 *                reply    {"text": str, "usage": {…}}
 * llm.status     request  {}
 *                reply    {"configured", "model", "breaker": "closed|open|half_open", "inFlight", "queued"}
 * </pre>
 *
 * Failures come through {@link com.analyticsstudio.common.Replies} (status + error JSON):
 *
 * <table>
 *   <caption>Failure codes</caption>
 *   <tr><th>status</th><th>code</th><th>when</th></tr>
 *   <tr><td>503</td><td>llm_not_configured</td><td>no OPENAI_API_KEY; nothing is called</td></tr>
 *   <tr><td>503</td><td>llm_unavailable</td><td>HTTP error after the SDK's retries ({@code details.status}),
 *       connection refused or reset, or a body that is not a chat completion</td></tr>
 *   <tr><td>504</td><td>llm_timeout</td><td>no answer within LLM_TIMEOUT_SECONDS, waiting for a slot included;
 *       the HTTP call is cancelled</td></tr>
 *   <tr><td>502</td><td>llm_invalid_output</td><td>the answer is not the structure asked for, or a refusal;
 *       {@code details.usage} keeps the tokens spent, {@code details.content} the first 500 characters</td></tr>
 *   <tr><td>503</td><td>llm_circuit_open</td><td>the breaker is open; nothing is called; {@code retryAfter} set</td></tr>
 *   <tr><td>503</td><td>llm_busy</td><td>LLM_MAX_CONCURRENCY calls running and LLM_MAX_QUEUE waiting</td></tr>
 *   <tr><td>400</td><td>invalid_request</td><td>a malformed message; nothing is called</td></tr>
 * </table>
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li>The SQL is not validated here beyond cleaning (fences, trailing semicolons): the guarded
 *       query path is the one place SQL is checked, and its error feeds {@code llm.repair}.
 *   <li>The breaker counts timeouts and server/connection failures; invalid output does not trip it
 *       (the server works, the answer was poor) and neither do busy refusals.
 *   <li>Neither {@code temperature} nor a token cap is sent: reasoning models refuse custom
 *       temperatures and servers disagree on the token-cap parameter; the deadline bounds a runaway
 *       call.
 *   <li>Above {@link com.analyticsstudio.llm.PromptBuilder#MAX_SCHEMA_CHARS} characters the schema
 *       is sent without sample and top values (names, labels and types stay).
 * </ul>
 */
package com.analyticsstudio.llm;
