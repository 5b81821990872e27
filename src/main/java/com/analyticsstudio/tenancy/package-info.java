/**
 * Tenancy: the physical layout of every project's data inside PostgreSQL — one schema and one
 * reader role per project — and the SQL that creates, grants and drops it.
 *
 * <p>A shared layer below the features: ingest and datasets create and grant through it, the query
 * engine switches to the reader role it names, and it depends on nothing but {@code common}.
 */
package com.analyticsstudio.tenancy;
