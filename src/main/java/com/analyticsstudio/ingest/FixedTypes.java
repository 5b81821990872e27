package com.analyticsstudio.ingest;

import java.util.List;
import java.util.Map;

/**
 * The column types a load must use instead of inferring them: a user's overrides, or the types of
 * the table an append goes into. Called once with the file's column names (after normalisation,
 * before any row is read), so it can also refuse the file (e.g. unknown or missing columns) by
 * throwing an {@link com.analyticsstudio.common.ApiException}.
 */
@FunctionalInterface
public interface FixedTypes {

  /** Nothing fixed: every column is inferred. */
  FixedTypes NONE = names -> Map.of();

  /** The fixed types by column name; columns not in the map are inferred. */
  Map<String, ColumnType> typesFor(List<String> columnNames);
}
