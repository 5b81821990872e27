/**
 * The built-in question planner: turns a plain-language question about a project's datasets into
 * one read-only {@code SELECT} (or a clear "not understood"), with no model, no network and no
 * Vert.x. Deterministic: the same question and context always give the same plan.
 *
 * <h2>Use</h2>
 *
 * <pre>{@code
 * PlannerResult r = new Planner().plan(question, new PlannerContext(datasets, previousSpec, preferredId));
 * if (r instanceof Plan p) { run p.sql() through the guarded query path; Answers.sentence(p, columns, rows) }
 * else if (r instanceof NotUnderstood n) { show n.reason() and n.examples() }
 * }</pre>
 *
 * <h2>Input</h2>
 *
 * {@link com.analyticsstudio.ask.planner.DatasetInfo} per dataset (SQL table name, display name,
 * row count, {@link com.analyticsstudio.ask.planner.ColumnInfo} with profile facts). Categorical
 * text columns should carry their real values (up to {@link
 * com.analyticsstudio.ask.planner.ValueLookup#MAX_VALUES}): filters are matched against them, never
 * invented. {@link com.analyticsstudio.ask.planner.ValueLookup} documents the query that fetches
 * them.
 *
 * <h2>Output</h2>
 *
 * A {@link com.analyticsstudio.ask.planner.Plan} holds the SQL (built only from the structured
 * {@link com.analyticsstudio.ask.planner.PlanSpec} by {@link
 * com.analyticsstudio.ask.planner.SqlBuilder}: identifiers double-quoted, literals typed and
 * escaped, only the dataset's own table, unqualified so the project's {@code search_path} resolves
 * it), the spec itself (JSON-serialisable with Jackson, handed back as {@code previous} for
 * follow-ups), a suggested {@link com.analyticsstudio.ask.planner.Chart} and a one-line
 * explanation.
 *
 * <h2>Time</h2>
 *
 * Relative time ("last 30 days", "last quarter") is anchored at the dataset's latest date (the date
 * column's profile max), not the wall clock: uploaded data is historical, and "last month" of a
 * 2015 export should mean December 2015, not an empty result.
 */
package com.analyticsstudio.ask.planner;
