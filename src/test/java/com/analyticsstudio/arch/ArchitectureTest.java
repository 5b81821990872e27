package com.analyticsstudio.arch;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The package rules every change keeps: features depend on each other in one direction only, the
 * shared layers ({@code common}, {@code tenancy}) depend on no feature, only the wiring (the root
 * package and {@code http}) sees every feature, a feature's SQL, routes and verticles are its own,
 * and no code reaches into a library's internals.
 */
class ArchitectureTest {
  private static final String ROOT = "com.analyticsstudio";
  private static final JavaClasses PRODUCT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  /** Feature packages (everything but the wiring and the shared kernel). */
  private static final List<String> FEATURES =
      List.of(
          "ask",
          "audit",
          "auth",
          "dataset",
          "ingest",
          "llm",
          "ops",
          "project",
          "query",
          "ratelimit",
          "storage",
          "semantic",
          "chart",
          "dashboard",
          "idempotency");

  @Test
  void packagesHaveNoCycles() {
    slices()
        .matching(ROOT + ".(*)..")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true)
        .check(PRODUCT);
  }

  @Test
  void theSharedLayersDependOnNoFeature() {
    // common: the kernel every package may use; tenancy: the per-project schema and role layout
    // that ingest, datasets and the query engine all build on.
    noClasses()
        .that()
        .resideInAnyPackage(ROOT + ".common..", ROOT + ".tenancy..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(featurePackages())
        .check(PRODUCT);
  }

  @Test
  void onlyTheWiringSeesTheHttpLayer() {
    noClasses()
        .that()
        .resideInAnyPackage(featurePackages())
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".http..")
        .check(PRODUCT);
  }

  @Test
  void aFeaturesSqlRoutesAndVerticlesAreItsOwn() {
    for (String feature : FEATURES) {
      String pkg = ROOT + "." + feature + "..";
      classes()
          .that()
          .resideInAPackage(pkg)
          .and()
          .haveSimpleNameEndingWith("Sql")
          .or()
          .resideInAPackage(pkg)
          .and()
          .haveSimpleNameEndingWith("Routes")
          .or()
          .resideInAPackage(pkg)
          .and()
          .haveSimpleNameEndingWith("Verticle")
          .should()
          .onlyBeAccessed()
          .byClassesThat()
          .resideInAnyPackage(pkg, ROOT, ROOT + ".http..")
          .allowEmptyShould(true)
          .check(PRODUCT);
    }
  }

  @Test
  void noCodeUsesLibraryInternals() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("sun..", "com.sun..", "jdk.internal..", "..internal..", "..impl..")
        .because("a library's internals change without notice; an upgrade must be a version number")
        .check(PRODUCT);
  }

  @Test
  void noCodeBreaksEncapsulationByReflection() {
    noClasses()
        .should()
        .callMethodWhere(target(name("setAccessible")))
        .orShould()
        .callMethodWhere(target(name("trySetAccessible")))
        .check(PRODUCT);
  }

  private static String[] featurePackages() {
    return FEATURES.stream().map(f -> ROOT + "." + f + "..").toArray(String[]::new);
  }
}
