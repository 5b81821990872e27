package com.analyticsstudio.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tree check's allow-lists and its visitors agree: every allowed class has a visit method of
 * its own in the check, so no allowed node is ever walked by the JSqlParser adapter's default
 * traversal (which would bypass the class check on its children).
 */
class SqlTreeCheckTest {

  @Test
  void everyAllowedExpressionClassHasItsOwnVisitMethod() throws Exception {
    assertThat(
            missingVisits(
                Class.forName(SqlTreeCheck.class.getName() + "$Expressions"),
                SqlTreeCheck.EXPRESSIONS))
        .isEmpty();
  }

  @Test
  void everyAllowedQueryShapeHasItsOwnVisitMethod() throws Exception {
    assertThat(
            missingVisits(
                Class.forName(SqlTreeCheck.class.getName() + "$Selects"), SqlTreeCheck.SELECTS))
        .isEmpty();
  }

  @Test
  void everyAllowedFromItemHasItsOwnVisitMethod() throws Exception {
    assertThat(
            missingVisits(
                Class.forName(SqlTreeCheck.class.getName() + "$FromItems"),
                SqlTreeCheck.FROM_ITEMS))
        .isEmpty();
  }

  /**
   * Allowed classes for which {@code visitor} declares no {@code visit(T, S)} with T a supertype of
   * them.
   */
  private static List<String> missingVisits(Class<?> visitor, Set<Class<?>> allowed) {
    List<String> missing = new ArrayList<>();
    for (Class<?> node : allowed) {
      boolean found = false;
      for (Method m : visitor.getDeclaredMethods()) {
        if (m.getName().equals("visit")
            && m.getParameterCount() == 2
            && !m.isBridge()
            && m.getParameterTypes()[0].isAssignableFrom(node)) {
          found = true;
          break;
        }
      }
      if (!found) missing.add(node.getName());
    }
    return missing;
  }
}
