package com.analyticsstudio.query;

import java.util.Set;

/**
 * The outcome of a successful {@link SqlGuard#check}.
 *
 * @param sql the SQL text to execute: the user's original text, only cut after its last significant
 *     token (trailing semicolons and comments removed); never a re-printed parse tree
 * @param normalizedSql comment-free, whitespace-collapsed text with unquoted identifiers and
 *     keywords lower-cased and trailing semicolons removed; stable across cosmetic edits, meant for
 *     cache keys, fingerprints and logs (string literals are kept verbatim)
 * @param referencedTables the dataset table names the statement reads, spelled as in the caller's
 *     allowed set (CTE names are not included)
 * @param parameterCount the positional parameters the statement uses: {@code $1} to {@code $n},
 *     each at least once; 0 when it has none
 */
public record GuardedSql(
    String sql, String normalizedSql, Set<String> referencedTables, int parameterCount) {
  public GuardedSql {
    referencedTables = Set.copyOf(referencedTables);
  }

  /** A statement without parameters. */
  public GuardedSql(String sql, String normalizedSql, Set<String> referencedTables) {
    this(sql, normalizedSql, referencedTables, 0);
  }
}
