package com.analyticsstudio.cdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesises the app as {@code cdk synth} would: with the context of cdk.json (feature flags and
 * per-environment values) plus the test's {@code -c} values. Each distinct context is synthesised
 * once per test JVM (starting the CDK's Node runtime is the slow part).
 */
final class Synth {
  private static final Map<Map<String, String>, Result> CACHE = new ConcurrentHashMap<>();

  private Synth() {
  }

  /** One synthesised environment: its stacks and each stack's template. */
  record Result(StudioApp.Stacks stacks, Map<String, Template> templates) {
    Template network() {
      return of(stacks.network());
    }

    Template registry() {
      return of(stacks.registry());
    }

    Template data() {
      return of(stacks.data());
    }

    Template storage() {
      return of(stacks.storage());
    }

    Template compute() {
      return of(stacks.compute());
    }

    Template observability() {
      return of(stacks.observability());
    }

    Template waf() {
      return of(stacks.waf());
    }

    Template cicd() {
      return of(stacks.cicd());
    }

    Template of(Stack stack) {
      if (stack == null) {
        throw new AssertionError("the stack is not part of this synthesis");
      }
      return templates.get(stack.getStackName());
    }

    List<Template> all() {
      return new ArrayList<>(templates.values());
    }
  }

  /** The environment {@code env} with no other context than cdk.json's. */
  static Result env(String env) {
    return with(Map.of("env", env));
  }

  /** The app with these {@code -c key=value} values on top of cdk.json's context. */
  static Result with(Map<String, String> context) {
    return CACHE.computeIfAbsent(Map.copyOf(context), Synth::synthesise);
  }

  /** Builds the app without synthesising templates (for settings that must be refused). */
  static StudioApp.Stacks build(Map<String, String> context) {
    return StudioApp.build(app(context));
  }

  private static Result synthesise(Map<String, String> context) {
    StudioApp.Stacks stacks = build(context);
    Map<String, Template> templates = new LinkedHashMap<>();
    for (Stack stack : List.of(stacks.network(), stacks.registry(), stacks.data(), stacks.storage(), stacks.compute(),
        stacks.observability())) {
      templates.put(stack.getStackName(), Template.fromStack(stack));
    }
    if (stacks.waf() != null) {
      templates.put(stacks.waf().getStackName(), Template.fromStack(stacks.waf()));
    }
    if (stacks.cicd() != null) {
      templates.put(stacks.cicd().getStackName(), Template.fromStack(stacks.cicd()));
    }
    return new Result(stacks, templates);
  }

  private static App app(Map<String, String> context) {
    Map<String, Object> all = new HashMap<>(cdkJsonContext());
    all.putAll(context);
    return new App(AppProps.builder().context(all).build());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cdkJsonContext() {
    try {
      Map<String, Object> json = new ObjectMapper().readValue(new File("cdk.json"), Map.class);
      return (Map<String, Object>) json.getOrDefault("context", Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException("tests run from cdk/ and read cdk.json", e);
    }
  }
}
