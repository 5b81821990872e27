package com.analyticsstudio.ask.planner;

import java.math.BigDecimal;

/**
 * A word, number or operator of the question.
 *
 * @param raw as typed (case kept, for case-sensitive codes like {@code IN} or {@code OR})
 * @param lower lower case
 * @param stem {@link Text#stem} of {@code lower}, or the canonical operator
 * @param number the value when the token is a number, else null
 */
record Token(String raw, String lower, String stem, BigDecimal number) {
  boolean isNumber() {
    return number != null;
  }

  boolean is(String... words) {
    for (String w : words) {
      if (lower.equals(w)) return true;
    }
    return false;
  }

  /**
   * A whole number from 1000 to 2999 written as four digits (historical data goes back centuries).
   */
  boolean isYear() {
    return number != null
        && raw.length() == 4
        && number.scale() <= 0
        && number.intValue() >= 1000
        && number.intValue() <= 2999;
  }
}
