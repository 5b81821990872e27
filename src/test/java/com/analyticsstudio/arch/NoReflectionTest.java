package com.analyticsstudio.arch;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.AccessibleObject;
import org.junit.jupiter.api.Test;

/**
 * The application uses libraries through their public API only: no class opens another's private
 * members, so upgrading a library is a version change, not a hunt for renamed fields.
 */
class NoReflectionTest {

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("com.analyticsstudio");

  @Test
  void noClassCallsSetAccessible() {
    noClasses().should().callMethod(AccessibleObject.class, "setAccessible", boolean.class)
        .orShould().callMethod(AccessibleObject.class, "trySetAccessible")
        .orShould().callMethodWhere(target(name("setAccessible")))
        .because("libraries are used through their public API only (issue #16)")
        .check(MAIN);
  }
}
