package com.analyticsstudio.ask.planner;

/** What {@link Planner#plan} answers: a {@link Plan} or a {@link NotUnderstood}. */
public sealed interface PlannerResult permits Plan, NotUnderstood {}
