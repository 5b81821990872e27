/**
 * The guarded query core and the query engine built on it: every piece of user-, program- or
 * LLM-written SQL runs through here.
 *
 * <h2>The engine (issue #4)</h2>
 *
 * <ul>
 *   <li>{@link com.analyticsstudio.query.QueryService} — the one guarded path every caller uses:
 *       membership (any role; 404 for non-members), the project's queryable datasets and their live
 *       versions ({@link com.analyticsstudio.query.QueryCatalog}, remembered for a second), limits
 *       ({@code min(limit ?: QUERY_DEFAULT_LIMIT, MAX_QUERY_ROWS)}, {@code min(timeoutSeconds,
 *       QUERY_TIMEOUT_SECONDS)}), the guard (remembered per SQL text and table set), the result
 *       cache ({@link com.analyticsstudio.query.QueryCache}: Redis or in-process LRU) with
 *       single-flight, metrics and the {@code query took N ms} log line. One instance per process.
 *   <li>{@link com.analyticsstudio.query.QueryVerticle} serves it on the event bus ({@link
 *       com.analyticsstudio.query.QueryAddresses}; requests are JSON, failures travel with {@link
 *       com.analyticsstudio.common.Replies}). The Ask feature runs its SQL with {@code
 *       vertx.eventBus().request(QueryAddresses.RUN, new QueryCall(projectId, userId, sql, limit,
 *       null, false, "ask").toJson())} and reads the reply with {@code new JsonObject((Buffer)
 *       reply.body())}.
 *   <li>{@link com.analyticsstudio.query.QueryRoutes} — the HTTP operations; running SQL calls the
 *       service directly, exports ({@link com.analyticsstudio.query.Exports}) stream through {@link
 *       com.analyticsstudio.query.QueryExecutor#stream}.
 *   <li>{@link com.analyticsstudio.query.QueryJobs} — background jobs in {@code query_jobs}
 *       (migration V4).
 * </ul>
 *
 * User SQL runs on a pool of its own ({@code QUERY_POOL_SIZE}, statements prepared once per
 * connection under a project- and catalog-specific text, {@link
 * com.analyticsstudio.common.Db#queryPool}); when its wait queue is full the service answers 503
 * {@code overloaded} with {@code Retry-After: 1}. Further codes of the engine: 404 {@code
 * not_found} (project or job), 409 {@code job_not_finished}, 400 {@code validation_failed} (request
 * body), 429 {@code rate_limited} (see {@link com.analyticsstudio.auth.RateLimits}).
 *
 * <h2>API</h2>
 *
 * <ul>
 *   <li>{@link com.analyticsstudio.query.QueryExecutor#execute(QueryRequest)} → {@code
 *       Future<QueryResult>}: check, then run confined; rows are JSON-friendly ({@link
 *       com.analyticsstudio.query.QueryResult#toJson()}).
 *   <li>{@link com.analyticsstudio.query.QueryExecutor#explain(QueryRequest)} → {@code
 *       Future<JsonObject>}: the same, but returns PostgreSQL's JSON plan without running it.
 *   <li>{@link com.analyticsstudio.query.SqlGuard#check(String, java.util.Set)} → {@link
 *       GuardedSql}: the parser filter on its own (blocking, CPU-bound), e.g. to validate a saved
 *       query or build a cache key from {@link GuardedSql#normalizedSql()}.
 *   <li>{@link com.analyticsstudio.tenancy.ProjectSchemas}: the SQL that creates a project's
 *       schema, reader role and dataset grants, and drops them again.
 * </ul>
 *
 * Every failure meant for users is a {@link com.analyticsstudio.common.ApiException}:
 *
 * <table>
 *   <caption>Error codes</caption>
 *   <tr><th>status</th><th>code</th><th>when</th></tr>
 *   <tr><td>400</td><td>empty_query, query_too_long, query_too_complex, syntax_error,
 *       multiple_statements, unsupported_syntax, invalid_request</td><td>the SQL cannot be checked
 *       (not one statement the guard can parse)</td></tr>
 *   <tr><td>403</td><td>only_select, table_not_allowed, function_not_allowed,
 *       type_not_allowed</td><td>checked and refused by the guard (or, for only_select, by the
 *       read-only transaction)</td></tr>
 *   <tr><td>403</td><td>permission_denied</td><td>PostgreSQL refused access (SQLSTATE 42501)</td></tr>
 *   <tr><td>422</td><td>query_timeout</td><td>statement_timeout (57014) or the caller-side deadline</td></tr>
 *   <tr><td>422</td><td>unknown_table, query_failed</td><td>other database errors; PostgreSQL's message,
 *       {@code details.sqlstate} (and {@code hint}, {@code position} when present)</td></tr>
 *   <tr><td>500</td><td>query_setup_failed</td><td>the project's schema or reader role is missing</td></tr>
 * </table>
 *
 * Pool failures (wait queue full, connection timeout) and lost connections are not {@code
 * ApiException}s; they propagate unchanged for the HTTP layer to map (e.g. to 503).
 *
 * <h2>Wiring</h2>
 *
 * <pre>{@code
 * Pool pool = PgBuilder.pool()
 *     .with(new PoolOptions().setMaxSize(8).setMaxWaitQueueSize(64))
 *     .connectingTo(PgConnectOptions.fromUri(databaseUrl))
 *     .using(vertx)
 *     .build();
 * QueryExecutor queries = new QueryExecutor(vertx, pool);
 *
 * // when a project is created / a dataset is published / a project is deleted:
 * ProjectSchemas.run(pool, ProjectSchemas.create(projectId));
 * ProjectSchemas.run(pool, ProjectSchemas.grantRead(projectId, "sales"));
 * ProjectSchemas.run(pool, ProjectSchemas.drop(projectId));
 *
 * queries.execute(new QueryRequest(projectId, sql, 1000, 30, Set.of("sales", "customers")))
 *     .onSuccess(result -> ctx.json(result.toJson()))
 *     .onFailure(ctx::fail);
 * }</pre>
 *
 * The pool must connect as the app's login role: a member of every reader role (ProjectSchemas
 * grants that to the role that runs {@code create}), with CREATEROLE and CREATE on the database.
 * Use a pool of its own for user queries so a burst of slow queries cannot starve the app's own
 * database work. The Flyway migration {@code V20__query_confinement.sql} must have run.
 */
package com.analyticsstudio.query;
