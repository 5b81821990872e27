import type { Visualization } from '@/charts';
import { isApiError } from '@/lib/api/api-error';
import type { AskAlternative, AskAnswer, AskExchange, AskPlan, Chart, ChartType } from './types';

const CHART_TYPES: readonly ChartType[] = ['line', 'bar', 'pie', 'kpi', 'scatter', 'table'];

/** A stored exchange's chart (typed loosely in the contract), or null when it is not one. */
export function toChart(value: unknown): Chart | null {
  if (typeof value !== 'object' || value === null) return null;
  const { type, x, y, series } = value as Record<string, unknown>;
  if (!CHART_TYPES.includes(type as ChartType)) return null;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return { type: type as ChartType, x: text(x), y: text(y), series: text(series) };
}

/**
 * The server's chart choice as the renderer's settings. The server's `bar` was always drawn as
 * vertical bars, which the renderer calls `column` (its `bar` runs horizontally).
 */
export function toVisualization(chart: Chart | null): Visualization | null {
  if (!chart) return null;
  return {
    type: chart.type === 'bar' ? 'column' : chart.type,
    x: chart.x ?? null,
    y: chart.y ?? null,
    series: chart.series ?? null,
  };
}

/** An answer as the exchange the thread will hold, so a fresh answer and a reopened one render alike. */
export function answerExchange(question: string, answer: AskAnswer): AskExchange {
  return {
    id: answer.exchangeId,
    threadId: answer.threadId,
    question,
    status: 'answered',
    source: answer.source,
    fallbackReason: answer.fallbackReason ?? null,
    sql: answer.sql,
    answer: answer.answer,
    explanation: answer.explanation ?? null,
    chart: answer.chart,
    columns: answer.columns,
    rows: answer.rows,
    rowCount: answer.rowCount,
    timings: answer.timings,
    plan: answer.plan ?? null,
    interpretation: answer.interpretation ?? null,
    alternatives: answer.alternatives ?? [],
  };
}

/** A refused question (422 with `details.threadId`) as the exchange the server logged. */
export function refusedExchange(question: string, error: unknown): AskExchange | null {
  if (!isApiError(error, 422) || typeof error.details.threadId !== 'string') return null;
  return {
    threadId: error.details.threadId,
    question,
    status: error.code === 'not_understood' ? 'not_understood' : 'failed',
    error: { code: error.code, message: error.message, details: error.details },
  };
}

export interface ExchangeError {
  code: string;
  message: string;
  examples: string[];
  /** Readings of an ambiguous question, each runnable as it is. */
  alternatives: AskAlternative[];
}

function isAlternative(value: unknown): value is AskAlternative {
  if (typeof value !== 'object' || value === null) return false;
  const { label, plan } = value as Record<string, unknown>;
  return (
    typeof label === 'string' &&
    typeof plan === 'object' &&
    plan !== null &&
    typeof (plan as AskPlan).tableName === 'string'
  );
}

/** The error a not-understood or failed exchange carries, with its example questions. */
export function exchangeError(exchange: AskExchange): ExchangeError | null {
  const error = exchange.error;
  if (!error) return null;
  const details = (error.details ?? {}) as Record<string, unknown>;
  const examples = Array.isArray(details.examples)
    ? details.examples.filter((e): e is string => typeof e === 'string')
    : [];
  const alternatives = Array.isArray(details.alternatives)
    ? details.alternatives.filter(isAlternative)
    : [];
  return {
    code: typeof error.code === 'string' ? error.code : (exchange.status ?? 'failed'),
    message:
      typeof error.message === 'string' ? error.message : 'The question could not be answered.',
    examples,
    alternatives,
  };
}

/** Questions to start with, from the project's dataset names. */
export function starterQuestions(names: readonly string[]): string[] {
  return names.slice(0, 3).map((name) => `How many rows are in ${name}?`);
}
