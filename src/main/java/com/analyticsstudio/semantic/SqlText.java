package com.analyticsstudio.semantic;

import com.analyticsstudio.common.ApiException;
import java.time.LocalDate;

/**
 * The one place compiled SQL gets names and literals: every identifier double-quoted, every string
 * a standard SQL literal with its quotes doubled (the query path's connections run with {@code
 * standard_conforming_strings = on}, so a backslash is an ordinary character).
 */
final class SqlText {
  private SqlText() {}

  static String ident(String name) {
    if (name.indexOf('\u0000') >= 0) throw new IllegalArgumentException("NUL in a name");
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String column(String alias, String name) {
    return ident(alias) + "." + ident(name);
  }

  static String literal(String value) {
    if (value.indexOf('\u0000') >= 0) {
      throw new ApiException(400, "invalid_value", "a text value cannot contain a NUL character");
    }
    return "'" + value.replace("'", "''") + "'";
  }

  static String date(LocalDate d) {
    return "CAST('" + d + "' AS date)";
  }
}
