package com.analyticsstudio.llm;

/**
 * The messages of one model call.
 *
 * @param system the rules and, for planning, the schema
 * @param user the question and its context
 */
public record Prompt(String system, String user) {}
