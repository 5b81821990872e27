package com.analyticsstudio.ask.planner;

/** One real value of a column and how many rows hold it. */
public record ValueCount(String value, long count) {}
